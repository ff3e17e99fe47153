package io.perfgate.publish;

import io.perfgate.model.UntrustedText;
import java.nio.charset.StandardCharsets;

/**
 * Makes text safe for what a CI server shows beside code: no bidirectional controls, which can make a
 * name read differently from what it is ("Trojan Source"), and no {@code @mentions}, which would notify
 * people or whole channels ({@code @everyone}, {@code @here}) from an endpoint name. Also cuts Markdown
 * at line ends to a size a server accepts.
 */
final class ShownText {

    private ShownText() {
    }

    /** {@code text} without bidi controls and with every {@code @} that could start a mention broken. */
    static String neutral(String text) {
        return UntrustedText.withoutMentionsOrBidi(text);
    }

    /**
     * {@code markdown} when it fits in {@code maxBytes} UTF-8 bytes; else its first whole lines and
     * {@code note} on a line of its own after a blank line (so it cannot join a table as a row), the whole
     * within {@code maxBytes}. Cutting only at line ends never splits a character or a table row.
     */
    static String capLines(String markdown, int maxBytes, String note) {
        if (utf8Length(markdown) <= maxBytes) {
            return markdown;
        }
        String ending = "\n" + note + "\n";
        int room = maxBytes - utf8Length(ending);
        int end = 0;
        int used = 0;
        while (end < markdown.length()) {
            int lineEnd = markdown.indexOf('\n', end);
            int next = lineEnd < 0 ? markdown.length() : lineEnd + 1;
            int size = utf8Length(markdown.substring(end, next));
            if (used + size > room) {
                break;
            }
            used += size;
            end = next;
        }
        return markdown.substring(0, end) + ending;
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
