package io.perfgate.jenkins;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the agent needs for one gate: the step's options that concern reading and evaluating, and who
 * the build is (for the history). Made on the controller from {@link PerfGateRecorder}.
 *
 * @param environment the build's environment variables, for the run's branch, commit and id
 * @param project     what is measured, for the history: the job, or for a multibranch job its parent
 * @param startedAt   when the build started, epoch milliseconds
 */
record GateSpec(String budget, String results, String reportDirectory, GateMode mode, boolean failOnK6Thresholds,
        String history, HistoryAccess historyAccess, int baselineRuns, String project, Map<String, String> environment,
        long startedAt) implements Serializable {

    private static final long serialVersionUID = 1L;

    GateSpec {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(reportDirectory, "reportDirectory");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(historyAccess, "historyAccess");
        Objects.requireNonNull(project, "project");
        environment = new TreeMap<>(environment);
    }
}
