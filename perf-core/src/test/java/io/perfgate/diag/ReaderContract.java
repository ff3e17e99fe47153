package io.perfgate.diag;

import java.nio.charset.StandardCharsets;

/**
 * The property every reader of user files keeps, checked by the fuzz tests: any input gives a result or
 * a {@link BadInputException} that names the file as the caller gave it and speaks in perfgate's words;
 * any other exception (or error) escaping a reader is a bug.
 */
public final class ReaderContract {

    /** A read that may throw anything; what it throws is the finding. */
    @FunctionalInterface
    public interface Read {
        void run() throws Exception;
    }

    private ReaderContract() {
    }

    /**
     * Runs {@code read} of {@code input}; passes when it returns or throws a {@link BadInputException}
     * naming {@code fileName}, and throws an {@link AssertionError} (or the unexpected exception) otherwise.
     */
    public static void resultOrBadInput(String fileName, byte[] input, Read read) throws Exception {
        try {
            read.run();
        } catch (BadInputException e) {
            checkNamesFile(fileName, new String(input, StandardCharsets.ISO_8859_1), e);
        }
    }

    private static void checkNamesFile(String fileName, String input, BadInputException e) {
        SourceLocation location = e.location();
        if (location == null || !fileName.equals(location.file())) {
            throw new AssertionError("the error names " + location + " instead of " + fileName, e);
        }
        String message = e.getMessage();
        if (!message.startsWith(fileName)) {
            throw new AssertionError("the message does not start with the file: " + message, e);
        }
        // The parser's own location text would name a stream the user never saw.
        if (message.contains("Source: REDACTED") && !input.contains("Source: REDACTED")
                || message.contains("[Source:") && !input.contains("[Source:")) {
            throw new AssertionError("the message carries the JSON parser's location text: " + message, e);
        }
    }
}
