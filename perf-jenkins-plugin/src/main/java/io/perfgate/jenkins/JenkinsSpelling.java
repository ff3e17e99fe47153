package io.perfgate.jenkins;

import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;

/**
 * perf-core's options as the perfGate step names them in messages; what the Maven build does before the
 * step (running k6, the database snapshots) keeps Maven's names.
 */
final class JenkinsSpelling implements OptionSpelling {

    static final JenkinsSpelling INSTANCE = new JenkinsSpelling();

    private JenkinsSpelling() {
    }

    @Override
    public String spell(Option option) {
        return switch (option) {
            case BUDGET_FILE -> "budget";
            case RESULT_FILES -> "results";
            case FAIL_ON_VIOLATION -> "failOnViolation";
            case HISTORY -> "history";
            case HISTORY_RECORD -> "recordRun";
            // The load and the database snapshots run in the Maven build before the step: Maven's names.
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
