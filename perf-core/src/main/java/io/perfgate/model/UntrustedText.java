package io.perfgate.model;

/**
 * Cleans strings that come from results files and budgets (endpoint names, tag values,
 * descriptions, messages) before any writer prints them.
 */
public final class UntrustedText {

    private UntrustedText() {
    }

    /**
     * Drops the characters that XML 1.0 forbids (C0 controls other than tab, line feed and carriage
     * return, lone surrogates, U+FFFE, U+FFFF) and the C1 controls with DEL. Markup parsers reject
     * the former, and both can smuggle escape sequences into a terminal.
     */
    public static String clean(String text) {
        StringBuilder kept = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (kept != null) {
                    kept.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            if (allowed(c)) {
                if (kept != null) {
                    kept.append(c);
                }
            } else if (kept == null) {
                kept = new StringBuilder(length).append(text, 0, i);
            }
        }
        return kept == null ? text : kept.toString();
    }

    /** {@link #clean} and every line break or tab turned into one space, for table cells. */
    public static String oneLine(String text) {
        String cleaned = clean(text);
        if (cleaned.indexOf('\n') < 0 && cleaned.indexOf('\r') < 0 && cleaned.indexOf('\t') < 0) {
            return cleaned;
        }
        return cleaned.replace("\r\n", " ").replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }

    /** At most {@code maxCodePoints} code points, the cut marked with an ellipsis. */
    public static String shorten(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        int end = text.offsetByCodePoints(0, maxCodePoints - 1);
        return text.substring(0, end) + "…";
    }

    private static boolean allowed(char c) {
        if (c == '\t' || c == '\n' || c == '\r') {
            return true;
        }
        if (c < 0x20 || c >= 0x7F && c <= 0x9F) {
            return false;
        }
        if (Character.isSurrogate(c)) {
            return false;
        }
        return c != 0xFFFE && c != 0xFFFF;
    }

    /** Zero-width space: after an {@code @} it stops a mention from linking, and reads the same. */
    public static final char MENTION_BREAK = '\u200B';

    /**
     * {@code text} without bidirectional controls, which can make a name read differently from what it is
     * ("Trojan Source"), and with every {@code @} that could start a mention broken, so an endpoint name
     * notifies nobody ({@code @everyone}, {@code @here}) where a CI server shows it.
     */
    public static String withoutMentionsOrBidi(String text) {
        StringBuilder shown = null;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean bidi = isBidiControl(c);
            boolean mention = c == '@' && i + 1 < length && text.charAt(i + 1) != MENTION_BREAK
                    && !Character.isWhitespace(text.charAt(i + 1));
            if (shown == null && (bidi || mention)) {
                shown = new StringBuilder(length + 16).append(text, 0, i);
            }
            if (shown == null) {
                continue;
            }
            if (mention) {
                shown.append(c).append(MENTION_BREAK);
            } else if (!bidi) {
                shown.append(c);
            }
        }
        return shown == null ? text : shown.toString();
    }

    /** The embeddings, overrides and isolates: U+202A to U+202E and U+2066 to U+2069. */
    public static boolean isBidiControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }
}
