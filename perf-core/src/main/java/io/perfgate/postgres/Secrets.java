package io.perfgate.postgres;

import java.util.Comparator;
import java.util.List;

/**
 * Keeps credentials out of messages. The driver's own messages hold no password today; this makes
 * sure that stays true for every message and every exception that leaves a database connection's user.
 */
public final class Secrets {

    private static final String MASK = "****";

    private final List<String> values;

    public Secrets(List<String> values) {
        // longest first, so a secret that holds another (a URL password ending in the password) goes whole
        this.values = values.stream().filter(value -> value != null && !value.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** {@code text} with every secret replaced by {@code ****}; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String redacted = text;
        for (String value : values) {
            redacted = redacted.replace(value, MASK);
        }
        return redacted;
    }

    /**
     * A copy of {@code thrown} and its causes with every message redacted and the original stack traces,
     * so a failure can still be traced to its line without the exception carrying a secret.
     */
    public Throwable scrubbed(Throwable thrown) {
        if (thrown == null) {
            return null;
        }
        Scrubbed copy = new Scrubbed(redact(thrown.getClass().getName() + ": " + thrown.getMessage()),
                scrubbed(thrown.getCause() == thrown ? null : thrown.getCause()));
        copy.setStackTrace(thrown.getStackTrace());
        return copy;
    }

    /** Stands in for a driver exception; prints as the original would, minus secrets. */
    static final class Scrubbed extends Exception {

        private static final long serialVersionUID = 1L;

        Scrubbed(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
