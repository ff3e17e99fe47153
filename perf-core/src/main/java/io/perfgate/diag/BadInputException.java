package io.perfgate.diag;

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

    public SourceLocation location() {
        return location;
    }
}
