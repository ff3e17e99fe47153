package io.perfgate.history;

import java.util.List;

/**
 * Keeps credentials out of messages. The driver's own messages hold no password today; this makes
 * sure that stays true for every message and every exception the store lets out.
 */
final class Secrets {

    private static final String MASK = "****";

    private final List<String> values;

    Secrets(List<String> values) {
        this.values = values.stream().filter(value -> value != null && !value.isEmpty()).distinct().toList();
    }

    String redact(String text) {
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
    Throwable scrubbed(Throwable thrown) {
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
