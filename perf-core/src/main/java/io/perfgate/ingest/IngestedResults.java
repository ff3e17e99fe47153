package io.perfgate.ingest;

import io.perfgate.stats.RunResults;
import java.util.List;
import java.util.Objects;

/**
 * All results files read, pooled.
 *
 * @param results the pooled results
 * @param sources each file read, in the order given
 */
public record IngestedResults(RunResults results, List<ResultSource> sources) {

    public IngestedResults {
        Objects.requireNonNull(results, "results");
        sources = List.copyOf(sources);
    }
}
