package io.perfgate.model;

import io.perfgate.stats.CompressedHistogram;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What one run measured for one series: a row of the report's per-series table, and what the history
 * keeps of a run. Values are in k6's vocabulary (times in milliseconds; a value the source could not
 * tell is empty, never zero) and, for trends read from samples, the history also keeps the whole value
 * distribution. The fields mean what k6's statistics of the metric's type mean:
 * <ul>
 *   <li>trend: {@code count} samples, {@code rate} samples per second, min, avg, med, p90, p95, p99, max,
 *       and for {@code http_req_duration} rows the {@code errorRate} of {@code http_req_failed} with the
 *       same filter;</li>
 *   <li>counter: {@code count} its k6 count (the sum of its values, rounded to a whole number) and
 *       {@code rate} that per second;</li>
 *   <li>rate (e.g. {@code http_req_failed}, {@code checks}): {@code count} samples and {@code avg} the
 *       share of non-zero samples, which k6 calls the rate;</li>
 *   <li>gauge: min and max.</li>
 * </ul>
 * The report's table holds trends only, and never their histograms ({@link SeriesSummaryJson}).
 *
 * @param key       the series, e.g. {@code http_req_duration{name:checkout}}
 * @param type      the metric's k6 type, which says what the fields mean
 * @param contents  time, data or plain numbers, for formatting
 * @param count     see above
 * @param rate      see above
 * @param errorRate share of failed requests of the same series ({@code http_req_failed}), if known
 * @param histogram the series' values, for percentiles the summary does not hold
 */
public record SeriesSummary(SeriesKey key, MetricType type, MetricContents contents, long count,
        OptionalDouble rate, OptionalDouble min, OptionalDouble avg, OptionalDouble med, OptionalDouble p90,
        OptionalDouble p95, OptionalDouble p99, OptionalDouble max, OptionalDouble errorRate,
        Optional<CompressedHistogram> histogram) {

    public SeriesSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(contents, "contents");
        Objects.requireNonNull(histogram, "histogram");
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
        if (histogram.isPresent() && type != MetricType.TREND) {
            throw new IllegalArgumentException("only a trend keeps a histogram, not the " + type.k6Name() + " " + key);
        }
    }

    /** A trend's row as the report's table shows it, without a histogram. */
    public SeriesSummary(SeriesKey key, MetricContents contents, long count, OptionalDouble rate,
            OptionalDouble min, OptionalDouble avg, OptionalDouble med, OptionalDouble p90, OptionalDouble p95,
            OptionalDouble p99, OptionalDouble max, OptionalDouble errorRate) {
        this(key, MetricType.TREND, contents, count, rate, min, avg, med, p90, p95, p99, max, errorRate,
                Optional.empty());
    }

    private static void finite(OptionalDouble value, String name, SeriesKey key) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new IllegalArgumentException(name + " of " + key + " is not a finite number: " + value.getAsDouble());
        }
    }

    /**
     * What the run's results tell of a series of any type, with a trend's histogram when it was read from
     * samples. The error rate is left empty: only the report's table rows carry it.
     */
    public static SeriesSummary of(SeriesStatistics series) {
        OptionalDouble none = OptionalDouble.empty();
        return switch (series.type()) {
            case TREND -> new SeriesSummary(series.key(), MetricType.TREND, series.contents(), series.sampleCount(),
                    known(series, Statistic.RATE), known(series, Statistic.MIN), known(series, Statistic.AVG),
                    known(series, Statistic.MED), known(series, Statistic.percentile(90)),
                    known(series, Statistic.percentile(95)), known(series, Statistic.percentile(99)),
                    known(series, Statistic.MAX), none, series.histogram().map(CompressedHistogram::encode));
            case COUNTER -> {
                OptionalDouble sum = known(series, Statistic.COUNT);
                yield new SeriesSummary(series.key(), MetricType.COUNTER, series.contents(),
                        sum.isPresent() ? Math.round(Math.max(0, sum.getAsDouble())) : series.sampleCount(),
                        known(series, Statistic.RATE), none, none, none, none, none, none, none, none, Optional.empty());
            }
            case RATE -> new SeriesSummary(series.key(), MetricType.RATE, series.contents(), series.sampleCount(), none,
                    none, known(series, Statistic.RATE), none, none, none, none, none, none, Optional.empty());
            case GAUGE -> new SeriesSummary(series.key(), MetricType.GAUGE, series.contents(), series.sampleCount(),
                    none, known(series, Statistic.MIN), none, none, none, none, none, known(series, Statistic.MAX), none,
                    Optional.empty());
        };
    }

    /** The value, empty when the series' type has no such statistic, the source cannot tell it, or it is no number. */
    static OptionalDouble known(SeriesStatistics series, Statistic statistic) {
        if (!series.type().supports(statistic.kind())) {
            return OptionalDouble.empty();
        }
        OptionalDouble value = series.value(statistic);
        return value.isPresent() && Double.isFinite(value.getAsDouble()) ? value : OptionalDouble.empty();
    }

    /** This summary with the series' value distribution. */
    public SeriesSummary withHistogram(CompressedHistogram values) {
        return new SeriesSummary(key, type, contents, count, rate, min, avg, med, p90, p95, p99, max, errorRate,
                Optional.of(values));
    }

    /** This summary without a value distribution: the statistics alone. */
    public SeriesSummary withoutHistogram() {
        return histogram.isEmpty() ? this : new SeriesSummary(key, type, contents, count, rate, min, avg, med, p90,
                p95, p99, max, errorRate, Optional.empty());
    }

    /**
     * The statistic as k6 would compute it for this run, when the summary holds it: a trend's kept
     * percentiles and other values directly, any other percentile from the histogram (HdrHistogram's
     * percentile, which agrees with k6's interpolated one within the histogram's precision when there
     * are many samples); a counter's count and rate; a rate metric's rate; a gauge's min and max.
     */
    public OptionalDouble value(Statistic statistic) {
        OptionalDouble none = OptionalDouble.empty();
        return switch (type) {
            case TREND -> switch (statistic.kind()) {
                case AVG -> avg;
                case MIN -> min;
                case MAX -> max;
                case MED -> med;
                case COUNT -> OptionalDouble.of(count);
                case RATE -> rate;
                case PERCENTILE -> percentile(statistic.percentile());
                case VALUE -> none;
            };
            case COUNTER -> switch (statistic.kind()) {
                case COUNT -> OptionalDouble.of(count);
                case RATE -> rate;
                default -> none;
            };
            case RATE -> statistic.kind() == Statistic.Kind.RATE ? avg : none;
            case GAUGE -> statistic.kind() == Statistic.Kind.MIN ? min
                    : statistic.kind() == Statistic.Kind.MAX ? max : none;
        };
    }

    private OptionalDouble percentile(double percentile) {
        if (percentile == 90 && p90.isPresent()) {
            return p90;
        }
        if (percentile == 95 && p95.isPresent()) {
            return p95;
        }
        if (percentile == 99 && p99.isPresent()) {
            return p99;
        }
        if (percentile == 50 && med.isPresent()) {
            return med;
        }
        return histogram.filter(values -> count > 0)
                .map(values -> OptionalDouble.of(values.decode().getValueAtPercentile(percentile)))
                .orElse(OptionalDouble.empty());
    }
}
