package io.perfgate.diag;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;

/**
 * A user's file could not be used: a malformed budget, a result file that is not what it claims.
 * The message names the file, line and field, so the user can fix it without guessing.
 */
public class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;

    public BadInputException(SourceLocation location, String problem) {
        this(location, problem, null);
    }

    public BadInputException(SourceLocation location, String problem, Throwable cause) {
        super(location + ": " + problem, cause);
        this.location = location;
    }

    /**
     * A file that could not be read at all: it does not exist, is not UTF-8 text, or reading failed.
     *
     * @param fileName the file as shown to the user
     */
    public static BadInputException unreadable(String fileName, IOException cause) {
        String problem;
        if (cause instanceof NoSuchFileException) {
            problem = "does not exist";
        } else if (cause instanceof CharacterCodingException) {
            problem = "is not UTF-8 text";
        } else {
            problem = "cannot be read: " + cause;
        }
        return new BadInputException(SourceLocation.ofFile(fileName), problem, cause);
    }

    public SourceLocation location() {
        return location;
    }
}
