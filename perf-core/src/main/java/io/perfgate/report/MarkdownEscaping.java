package io.perfgate.report;

import io.perfgate.model.UntrustedText;

/**
 * Escapes untrusted strings for one cell of a GitHub-flavoured Markdown table or one list item.
 * GitHub renders inline HTML, so markup characters become entities; Markdown punctuation is
 * backslash-escaped so a name like {@code *_[x](y)_*} cannot format or link. Public for the views of
 * {@code io.perfgate.publish}, which show the same cells in CI servers.
 */
public final class MarkdownEscaping {

    /** Longer cells are cut, so one huge description cannot eat the comment's size limit. */
    static final int MAX_CELL_CODE_POINTS = 500;

    private MarkdownEscaping() {
    }

    /**
     * {@code text} on one line, at most {@value #MAX_CELL_CODE_POINTS} code points, escaped, without
     * bidi controls or mentions: this Markdown is what pull-request comments and job summaries show.
     */
    public static String cell(String text) {
        String line = UntrustedText.withoutMentionsOrBidi(UntrustedText.shorten(UntrustedText.oneLine(text),
                MAX_CELL_CODE_POINTS));
        StringBuilder escaped = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\\', '|', '`', '*', '_', '[', ']', '~' -> escaped.append('\\').append(c);
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
