package io.perfgate.diag;

/**
 * An option or step of perfgate that a message can tell the user to set or run. Core messages name
 * options by this key only; each adapter spells them its own way through an {@link OptionSpelling}
 * ({@code perf.db.url} in Maven, {@code databaseUrl} in a Jenkins step).
 */
public enum Option {
    BUDGET_FILE("budgetFile"),
    RESULT_FILES("resultFiles"),
    FAIL_ON_VIOLATION("failOnViolation"),
    HISTORY("history"),
    HISTORY_RECORD("recordRun"),
    DATABASE_URL("databaseUrl"),
    K6_EXECUTABLE("k6Executable"),
    K6_TIMEOUT("k6Timeout"),
    K6_REPEAT("k6Repeat"),
    /** The k6 release to download and run when no k6 executable is given. */
    K6_VERSION("k6Version"),
    /** Where k6 releases are downloaded from. */
    K6_DOWNLOAD_URL("k6DownloadUrl"),
    /** The folder that keeps downloaded k6 releases. */
    K6_CACHE("k6Cache"),
    /** The step that runs k6 and records its run folders. */
    K6_RUN("k6Run"),
    /** The step that snapshots {@code pg_stat_statements} before the load. */
    DATABASE_SNAPSHOT_BEFORE("databaseSnapshotBefore"),
    /** The step that snapshots {@code pg_stat_statements} after the load. */
    DATABASE_SNAPSHOT_AFTER("databaseSnapshotAfter");

    private final String key;

    Option(String key) {
        this.key = key;
    }

    /** The adapter-neutral name, e.g. {@code databaseUrl}. */
    public String key() {
        return key;
    }
}
