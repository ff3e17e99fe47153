package io.perfgate.diag;

import java.util.Objects;

/**
 * Where something stands in a user's file: file name, 1-based line and, where it applies, 1-based
 * column (0 when unknown).
 */
public record SourceLocation(String file, long line, int column) {

    public SourceLocation {
        Objects.requireNonNull(file, "file");
    }

    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 0, 0);
    }

    public static SourceLocation ofLine(String file, long line) {
        return new SourceLocation(file, line, 0);
    }

    /** {@code perf-budget.yaml line 4, column 7}, or less where line or column are unknown. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(" line ").append(line);
            if (column > 0) {
                text.append(", column ").append(column);
            }
        }
        return text.toString();
    }
}
