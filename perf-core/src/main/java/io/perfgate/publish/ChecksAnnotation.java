package io.perfgate.publish;

import java.util.Objects;

/**
 * A note a pull-request check pins to a line of the budget file, e.g. on
 * {@code p(95)<500ms} at line 7: "http_req_duration{name:checkout} p(95) is 612 ms, but the budget is
 * &lt; 500 ms". Title and message are plain text, already cut to the checks API's sizes and freed of
 * mentions and bidi controls.
 *
 * @param path      the budget file's path from the repository's root
 * @param startLine the 1-based line of the budget line's expression
 * @param endLine   the same line: a budget line is one line of the file
 * @param column    the 1-based column where the expression starts, 0 when unknown
 * @param level     {@link Level#FAILURE} for failed and undecided lines, {@link Level#WARNING} for warnings
 * @param title     e.g. {@code p(95)<500ms failed}, at most {@value #MAX_TITLE_CODE_POINTS} code points
 * @param message   the line's sentence, at most {@value #MAX_MESSAGE_CODE_POINTS} code points
 */
public record ChecksAnnotation(String path, int startLine, int endLine, int column, Level level, String title,
        String message) {

    /** GitHub's limit for an annotation's title. */
    public static final int MAX_TITLE_CODE_POINTS = 255;

    /** Far below GitHub's 64 kB for a message, which a sentence only reaches with a hostile name. */
    public static final int MAX_MESSAGE_CODE_POINTS = 4_000;

    public enum Level { FAILURE, WARNING }

    public ChecksAnnotation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(message, "message");
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException("annotation lines must be 1 <= start <= end, were " + startLine
                    + " to " + endLine);
        }
        if (column < 0) {
            throw new IllegalArgumentException("annotation column must be 0 (unknown) or more, was " + column);
        }
    }

    /** An annotation whose column is unknown. */
    public ChecksAnnotation(String path, int startLine, int endLine, Level level, String title, String message) {
        this(path, startLine, endLine, 0, level, title, message);
    }
}
