package io.perfgate.model;

import io.perfgate.stats.MetricContents;
import io.perfgate.stats.SeriesKey;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One row of the per-series summary table. Time values are in milliseconds. A value a source
 * cannot tell (a k6 summary export lacks p(99) by default) is empty, never zero.
 *
 * @param key       the series, e.g. {@code http_req_duration{name:checkout}}
 * @param contents  time, data or plain numbers, for formatting
 * @param count     samples
 * @param rate      samples per second over the run
 * @param errorRate share of failed requests of the same series ({@code http_req_failed}), if known
 */
public record SeriesSummary(SeriesKey key, MetricContents contents, long count, OptionalDouble rate,
        OptionalDouble min, OptionalDouble avg, OptionalDouble med, OptionalDouble p90,
        OptionalDouble p95, OptionalDouble p99, OptionalDouble max, OptionalDouble errorRate) {

    public SeriesSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(contents, "contents");
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(avg, "avg");
        Objects.requireNonNull(med, "med");
        Objects.requireNonNull(p90, "p90");
        Objects.requireNonNull(p95, "p95");
        Objects.requireNonNull(p99, "p99");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(errorRate, "errorRate");
    }
}
