package io.perfgate.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A k6 run that produced results: it passed or crossed k6's own thresholds.
 *
 * @param script     the script that ran
 * @param directory  the run's folder, holding the results and {@link K6RunRecord#FILE_NAME}
 * @param run        its place in the script's schedule: role and round
 * @param record     what was run and how it ended, as written to the folder
 * @param stderrTail the last lines k6 wrote to stderr, at most {@link K6Runner#STDERR_TAIL_LINES}
 */
public record K6RunResult(Path script, Path directory, ScheduledRun run, K6RunRecord record, List<String> stderrTail) {

    public K6RunResult {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(record, "record");
        stderrTail = List.copyOf(stderrTail);
    }

    public K6Outcome outcome() {
        return record.outcome();
    }
}
