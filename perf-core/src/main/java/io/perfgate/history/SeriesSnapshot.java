package io.perfgate.history;

import io.perfgate.report.SeriesSummary;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.SeriesKey;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one run measured for one series: the values of its summary row
 * ({@link SeriesSummary}; times in milliseconds, a value the source could not tell is empty, never
 * zero) and, when the producer had it, the whole value distribution.
 *
 * @param key       the series, e.g. {@code http_req_duration{name:checkout}}
 * @param contents  time, data or plain numbers, for formatting
 * @param count     samples
 * @param rate      samples per second over the run
 * @param errorRate share of failed requests of the same series, if known
 * @param histogram the series' values, for percentiles the summary does not hold
 */
public record SeriesSnapshot(SeriesKey key, MetricContents contents, long count, OptionalDouble rate,
        OptionalDouble min, OptionalDouble avg, OptionalDouble med, OptionalDouble p90, OptionalDouble p95,
        OptionalDouble p99, OptionalDouble max, OptionalDouble errorRate, Optional<CompressedHistogram> histogram) {

    public SeriesSnapshot {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contents, "contents");
        Objects.requireNonNull(histogram, "histogram");
        StoredText.seriesKey(key);
        if (count < 0) {
            throw new IllegalArgumentException("count of " + key + " is negative: " + count);
        }
        finite(rate, "rate", key);
        finite(min, "min", key);
        finite(avg, "avg", key);
        finite(med, "med", key);
        finite(p90, "p90", key);
        finite(p95, "p95", key);
        finite(p99, "p99", key);
        finite(max, "max", key);
        finite(errorRate, "errorRate", key);
    }

    private static void finite(OptionalDouble value, String name, SeriesKey key) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new IllegalArgumentException(name + " of " + key + " is not a finite number: " + value.getAsDouble());
        }
    }

    /** The report's summary row, without a histogram. */
    public static SeriesSnapshot of(SeriesSummary summary) {
        return new SeriesSnapshot(summary.key(), summary.contents(), summary.count(), summary.rate(), summary.min(),
                summary.avg(), summary.med(), summary.p90(), summary.p95(), summary.p99(), summary.max(),
                summary.errorRate(), Optional.empty());
    }

    /** This snapshot with the series' value distribution. */
    public SeriesSnapshot withHistogram(CompressedHistogram values) {
        return new SeriesSnapshot(key, contents, count, rate, min, avg, med, p90, p95, p99, max, errorRate,
                Optional.of(values));
    }
}
