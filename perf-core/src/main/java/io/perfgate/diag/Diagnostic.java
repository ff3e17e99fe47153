package io.perfgate.diag;

import java.util.Objects;

/** One message for the user, collected while reading and evaluating. */
public record Diagnostic(Level level, String text) {

    public enum Level { INFO, WARNING, ERROR }

    public Diagnostic {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(text, "text");
    }
}
