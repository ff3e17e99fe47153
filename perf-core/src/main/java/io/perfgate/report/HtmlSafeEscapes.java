package io.perfgate.report;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * JSON escapes that let a document be pasted into an HTML page or a {@code <script>}: {@code <}, {@code >},
 * {@code &} and {@code '} become {@code \u003C}-style sequences, and, for JSON that a script reads,
 * U+2028 and U+2029, which end a JavaScript string in older engines. Every JSON parser decodes them to
 * the original characters.
 */
public final class HtmlSafeEscapes extends CharacterEscapes {

    private static final long serialVersionUID = 1L;

    private final int[] asciiEscapes;
    private final boolean lineSeparators;

    /** @param lineSeparators whether U+2028 and U+2029 are escaped too */
    public HtmlSafeEscapes(boolean lineSeparators) {
        this.lineSeparators = lineSeparators;
        asciiEscapes = standardAsciiEscapesForJSON();
        for (char markup : new char[] {'<', '>', '&', '\''}) {
            asciiEscapes[markup] = ESCAPE_STANDARD;
        }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return asciiEscapes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        if (!lineSeparators) {
            return null;
        }
        return switch (ch) {
            case 0x2028 -> new SerializedString("\\u2028");
            case 0x2029 -> new SerializedString("\\u2029");
            default -> null;
        };
    }
}
