package io.perfgate.database;

import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot that could not be taken.
 *
 * @param takenAt  when it was tried
 * @param database {@code host:port/database}, without credentials
 * @param problem  what kind of failure
 * @param message  what went wrong and how to fix it; holds no credentials
 */
public record CaptureFailure(Instant takenAt, String database, DatabaseProblem problem, String message)
        implements SnapshotAttempt {

    public CaptureFailure {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(message, "message");
    }
}
