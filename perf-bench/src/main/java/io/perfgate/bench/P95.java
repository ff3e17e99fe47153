package io.perfgate.bench;

import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Prints the p(95) of {@code http_req_duration} over one results file (k6 NDJSON or a JMeter JTL),
 * in milliseconds with full precision, and nothing else: the job a hand-written {@code jq} gate does,
 * done by perf-core, for {@code bench/compare.sh}.
 *
 * <pre>
 * java -cp perf-bench/target/benchmarks.jar io.perfgate.bench.P95 FILE
 * </pre>
 */
public final class P95 {

    private P95() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: P95 FILE");
            System.exit(2);
        }
        SeriesKey duration = SeriesKey.of("http_req_duration");
        RunResults results = ResultIngest.read(List.of(Path.of(args[0])), Set.of(duration),
                new Diagnostics(message -> System.err.println(message.level() + ": " + message.text()))).results();
        System.out.println(results.series(duration).orElseThrow(() -> new IllegalStateException(
                "no http_req_duration in " + args[0])).value(Statistic.percentile(95)).orElseThrow());
    }
}
