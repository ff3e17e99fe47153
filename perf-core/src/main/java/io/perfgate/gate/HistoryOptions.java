package io.perfgate.gate;

import io.perfgate.history.BaselineQuery;
import io.perfgate.history.HistoryStore;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How a gate evaluation uses the run history: where it is, who this run is, and how many earlier runs
 * form the baseline.
 *
 * @param store        where runs are kept and baselines read
 * @param project      what is measured, e.g. the Maven {@code groupId:artifactId}
 * @param identity     branch, baseline branch, commit, run id and build URL of this run
 * @param baselineRuns how many recent usable runs of the baseline branch form the baseline; the
 *                     regression checks need at least 5, and past some 20 the runs describe a machine
 *                     and a code base that no longer exist
 * @param record       whether this run is added to the history (a check of a local change may only read it)
 * @param labels       the environment the run measured, e.g. {@code agent=linux-4}; kept with the run
 */
public record HistoryOptions(HistoryStore store, String project, RunIdentity identity, int baselineRuns,
        boolean record, Map<String, String> labels) {

    public static final int DEFAULT_BASELINE_RUNS = 15;

    public HistoryOptions {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(identity, "identity");
        if (project.isBlank()) {
            throw new IllegalArgumentException("the project of a run must not be blank");
        }
        if (baselineRuns < 1 || baselineRuns > BaselineQuery.MAX_SIZE) {
            throw new IllegalArgumentException("baselineRuns must be 1 to " + BaselineQuery.MAX_SIZE + ", not "
                    + baselineRuns);
        }
        labels = Map.copyOf(new TreeMap<>(labels));
    }
}
