package io.perfgate.diag;

/**
 * Spells options as the Maven plugin does, so core tests can pin the sentences its users read; the
 * plugin's own spelling is tested against these in its module.
 */
public final class MavenLikeSpelling {

    public static final OptionSpelling SPELLING = option -> switch (option) {
        case BUDGET_FILE -> "perf.budgetFile";
        case RESULT_FILES -> "resultFiles";
        case FAIL_ON_VIOLATION -> "perf.failOnViolation";
        case HISTORY -> "perf.history";
        case HISTORY_RECORD -> "perf.history.record";
        case DATABASE_URL -> "perf.db.url";
        case K6_EXECUTABLE -> "perf.k6.executable";
        case K6_TIMEOUT -> "perf.k6.timeout";
        case K6_REPEAT -> "perf.k6.repeat";
        case K6_VERSION -> "perf.k6.version";
        case K6_DOWNLOAD_URL -> "perf.k6.downloadUrl";
        case K6_CACHE -> "perf.k6.cache";
        case K6_RUN -> "perf:k6";
        case DATABASE_SNAPSHOT_BEFORE -> "perf:db-before";
        case DATABASE_SNAPSHOT_AFTER -> "perf:db-after";
    };

    private MavenLikeSpelling() {
    }
}
