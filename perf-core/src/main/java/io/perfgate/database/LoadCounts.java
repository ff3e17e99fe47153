package io.perfgate.database;

import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The load run's counts that per-request and per-iteration lines divide by: k6's {@code http_reqs}
 * (JMeter's samples are counted as {@code http_reqs} too) and {@code iterations}. A count that is
 * missing or zero is empty, with the reason.
 *
 * @param requests          HTTP requests of the run
 * @param requestsMissing   why {@code requests} is empty; empty text when it is not
 * @param iterations        iterations of the load script
 * @param iterationsMissing why {@code iterations} is empty; empty text when it is not
 */
public record LoadCounts(OptionalDouble requests, String requestsMissing, OptionalDouble iterations,
        String iterationsMissing) {

    static final SeriesKey REQUESTS = SeriesKey.of("http_reqs");
    static final SeriesKey ITERATIONS = SeriesKey.of("iterations");

    public LoadCounts {
        Objects.requireNonNull(requests, "requests");
        Objects.requireNonNull(requestsMissing, "requestsMissing");
        Objects.requireNonNull(iterations, "iterations");
        Objects.requireNonNull(iterationsMissing, "iterationsMissing");
    }

    /** The counts of {@code results}. */
    public static LoadCounts of(RunResults results) {
        Count requests = count(results, REQUESTS, "HTTP requests");
        Count iterations = count(results, ITERATIONS, "iterations");
        return new LoadCounts(requests.value, requests.missing, iterations.value, iterations.missing);
    }

    private record Count(OptionalDouble value, String missing) {
    }

    private static Count count(RunResults results, SeriesKey key, String what) {
        Optional<SeriesStatistics> series = results.series(key);
        if (series.isEmpty()) {
            return missing("the load results count no " + what + " (" + results.missingReason(key) + ")");
        }
        OptionalDouble count = series.get().value(Statistic.COUNT);
        if (count.isEmpty()) {
            return missing("the load results count no " + what + " ("
                    + series.get().unavailableReason(Statistic.COUNT) + ")");
        }
        if (!(count.getAsDouble() > 0)) {
            return missing("the load results count 0 " + what + " (" + key.metric() + ")");
        }
        return new Count(count, "");
    }

    private static Count missing(String reason) {
        return new Count(OptionalDouble.empty(), reason);
    }
}
