package io.perfgate.gate;

import io.perfgate.ingest.ResultSource;
import io.perfgate.run.RunRole;
import io.perfgate.stats.RunResults;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One measured run, read on its own: a k6 run that {@code perf:k6} recorded, or the results files
 * outside its folders (a JMeter JTL, an NDJSON file listed in {@code resultFiles}), which together count
 * as one candidate run of round 1.
 *
 * @param script  the k6 script as recorded, empty for the results files outside perf:k6's folders
 * @param role    candidate, or baseline for a run against the A/B mode's baseline URL
 * @param round   1-based: the repetition of the script, or the A/B round
 * @param sources the files read, as shown to the user, with their formats and sample counts
 * @param results this run's results alone
 */
public record MeasuredRun(Optional<Path> script, RunRole role, int round, List<ResultSource> sources,
        RunResults results) {

    public MeasuredRun {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(role, "role");
        sources = List.copyOf(sources);
        Objects.requireNonNull(results, "results");
    }

    /** For messages: {@code checkout.js round 2 (baseline)}, or {@code the results files}. */
    public String describe() {
        return script.map(path -> path.getFileName() + " round " + round + " (" + role.id() + ")")
                .orElse("the results files");
    }
}
