package io.perfgate.report;

import io.perfgate.model.UntrustedText;

/**
 * Escapes untrusted strings for HTML and SVG, in element text and in quoted attribute values alike.
 */
final class HtmlEscaping {

    private HtmlEscaping() {
    }

    /** {@code <a href="x">&} becomes {@code &lt;a href=&quot;x&quot;&gt;&amp;}; see {@link UntrustedText#clean}. */
    static String escape(String text) {
        String cleaned = UntrustedText.clean(text);
        StringBuilder escaped = new StringBuilder(cleaned.length() + 16);
        for (int i = 0; i < cleaned.length(); i++) {
            char c = cleaned.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
