package io.perfgate.maven;

import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;

/** perfgate's options as Maven users write them: user properties and goals. */
final class MavenSpelling implements OptionSpelling {

    static final MavenSpelling INSTANCE = new MavenSpelling();

    private MavenSpelling() {
    }

    @Override
    public String spell(Option option) {
        return switch (option) {
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
    }
}
