package io.perfgate.diag;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser's problem (Jackson's JSON, CSV or YAML parser) in this project's words, for a message that
 * already starts with our {@link SourceLocation}: the parser's own location text
 * ({@code [Source: REDACTED (...); line: 1, column: 5]}) is left out or said as {@code line 1, column 5},
 * and a text that ends early says which object or list it ends in.
 */
public final class ParserText {

    private static final String LOCATION = "\\[Source: .*?; line: (-?\\d+), column: (-?\\d+)\\]";
    private static final Pattern ENDS_IN_CONTAINER = Pattern.compile(
            "Unexpected end-of-input: expected close marker for (Object|Array) \\(start marker at " + LOCATION
                    + "\\)");
    private static final Pattern ENDS_IN_STRING = Pattern.compile(
            "Unexpected end-of-input: was expecting closing quote for a string value");
    private static final Pattern ENDS_EARLY = Pattern.compile("Unexpected end-of-input");
    private static final Pattern SOURCE = Pattern.compile("\\s*(?:at )?" + LOCATION);
    private static final Pattern CHARACTER_CODE = Pattern.compile("\\('(.{1,2})' \\(code \\d+\\)\\)");
    private static final Pattern CONTROL_CODE = Pattern.compile("\\(\\(CTRL-CHAR, code (\\d+)\\)\\)");
    private static final Pattern CODE = Pattern.compile(" \\(code \\d+\\)");

    private ParserText() {
    }

    /** As {@link #problem(String, long)} for a parser that read the whole file from its first line. */
    public static String problem(String parserMessage) {
        return problem(parserMessage, 0);
    }

    /**
     * @param parserMessage the parser's message without the location it appends (Jackson's
     *                      {@code getOriginalMessage()}); null reads as empty
     * @param lineOffset    lines of the file before the text the parser read: a line of k6 NDJSON is parsed
     *                      on its own, so its line 1 is the file's line {@code lineOffset + 1}
     */
    public static String problem(String parserMessage, long lineOffset) {
        if (parserMessage == null) {
            return "";
        }
        String text = parserMessage.strip();
        Matcher container = ENDS_IN_CONTAINER.matcher(text);
        if (container.find()) {
            String what = container.group(1).equals("Object") ? "object" : "list";
            return "the text ends before the " + what + " that opens at " + at(container, lineOffset) + " is closed"
                    + rest(text.substring(container.end()), lineOffset);
        }
        Matcher string = ENDS_IN_STRING.matcher(text);
        if (string.lookingAt()) {
            return "the text ends inside a string" + rest(text.substring(string.end()), lineOffset);
        }
        Matcher early = ENDS_EARLY.matcher(text);
        if (early.lookingAt()) {
            String more = problem(text.substring(early.end()).strip().replaceFirst("^[:;,]\\s*", ""), lineOffset);
            return "the text ends early" + (more.isEmpty() ? "" : " (" + more + ")");
        }
        StringBuilder cleaned = new StringBuilder();
        Matcher source = SOURCE.matcher(text);
        while (source.find()) {
            source.appendReplacement(cleaned, Matcher.quoteReplacement(" at " + at(source, lineOffset)));
        }
        source.appendTail(cleaned);
        String withoutCodes = CHARACTER_CODE.matcher(cleaned).replaceAll("'$1'");
        String controls = CONTROL_CODE.matcher(withoutCodes).replaceAll("(control character $1)");
        return CODE.matcher(controls).replaceAll("");
    }

    private static String at(Matcher location, long lineOffset) {
        long line = Long.parseLong(location.group(location.groupCount() - 1));
        long column = Long.parseLong(location.group(location.groupCount()));
        if (line <= 0) {
            return "an unknown place";
        }
        return "line " + (line + lineOffset) + (column > 0 ? ", column " + column : "");
    }

    /** What the parser said after the part put in our words, cleaned the same way; empty when nothing. */
    private static String rest(String after, long lineOffset) {
        String more = problem(after.strip().replaceFirst("^[:;,]\\s*", ""), lineOffset);
        return more.isEmpty() ? "" : ": " + more;
    }
}
