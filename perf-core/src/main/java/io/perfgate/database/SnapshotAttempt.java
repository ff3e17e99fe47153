package io.perfgate.database;

import java.time.Instant;

/**
 * What one snapshot goal found: the statement statistics, or why they could not be read. A failure is
 * kept like a snapshot, so the gate can fail the database lines closed with the reason and its fix,
 * while the load results are still evaluated.
 */
public sealed interface SnapshotAttempt permits StatementSnapshot, CaptureFailure {

    /** When the attempt was made. */
    Instant takenAt();

    /** {@code host:port/database}, without credentials. */
    String database();
}
