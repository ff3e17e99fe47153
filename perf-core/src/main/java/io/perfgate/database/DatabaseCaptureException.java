package io.perfgate.database;

import java.util.Objects;

/**
 * {@code pg_stat_statements} could not be read. The message names the database as
 * {@code host:port/database} and says how to fix the problem; it never holds a password, and the
 * cause is a scrubbed copy of the driver's exception.
 */
public class DatabaseCaptureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final DatabaseProblem problem;

    public DatabaseCaptureException(DatabaseProblem problem, String message, Throwable scrubbedCause) {
        super(message, scrubbedCause);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public DatabaseCaptureException(DatabaseProblem problem, String message) {
        this(problem, message, null);
    }

    public DatabaseProblem problem() {
        return problem;
    }
}
