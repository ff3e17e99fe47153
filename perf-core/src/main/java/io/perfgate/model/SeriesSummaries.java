package io.perfgate.model;

import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunDuration;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Builds the per-series summary table: one row per trend series, e.g. each endpoint's latencies. */
public final class SeriesSummaries {

    static final String DURATION_METRIC = "http_req_duration";
    static final String FAILED_METRIC = "http_req_failed";

    /** The metrics whose rows are shown per {@code name} tag as well. */
    private static final Set<String> BROKEN_DOWN = Set.of(DURATION_METRIC, "group_duration");

    /**
     * Each metric before its breakdown, {@code http_req_duration} before the other metrics, the rest
     * alphabetically, so the rows people look for most come first.
     */
    private static final Comparator<SeriesKey> ORDER = Comparator
            .comparing((SeriesKey key) -> !key.metric().equals(DURATION_METRIC))
            .thenComparing(SeriesKey::metric)
            .thenComparing(SeriesKey::isFiltered)
            .thenComparing(key -> key.filter().getOrDefault("name", ""), String.CASE_INSENSITIVE_ORDER)
            .thenComparing(SeriesKey::toString);

    private SeriesSummaries() {
    }

    /**
     * One row per trend metric of {@link RunResults#summarySeries()}, and for {@code http_req_duration}
     * and {@code group_duration} (JMeter transactions) one per {@code name} tag too: the breakdown of
     * k6's timing phases (blocked, sending, ...) per endpoint would bury the rows people read. A statistic the results cannot
     * tell stays empty; so does the rate when the sample count is unknown or the run too short for a rate
     * ({@link RunDuration#allowsRate()}).
     * The error rate is that of {@code http_req_failed} with the same tag filter, for
     * {@code http_req_duration} rows where that series exists.
     */
    public static List<SeriesSummary> of(RunResults results) {
        Map<SeriesKey, SeriesStatistics> byKey = new HashMap<>();
        for (SeriesStatistics series : results.summarySeries()) {
            byKey.put(series.key(), series);
        }
        List<SeriesSummary> rows = new ArrayList<>();
        for (SeriesStatistics series : results.summarySeries()) {
            if (series.type() == MetricType.TREND
                    && (!series.key().isFiltered() || BROKEN_DOWN.contains(series.key().metric()))) {
                rows.add(row(series, results, byKey));
            }
        }
        rows.sort(Comparator.comparing(SeriesSummary::key, ORDER));
        return List.copyOf(rows);
    }

    private static SeriesSummary row(SeriesStatistics series, RunResults results,
            Map<SeriesKey, SeriesStatistics> byKey) {
        long count = series.sampleCount();
        RunDuration duration = results.duration();
        OptionalDouble rate = count > 0 && duration.allowsRate()
                ? OptionalDouble.of(count / duration.seconds()) : OptionalDouble.empty();
        return new SeriesSummary(series.key(), series.contents(), count, rate,
                value(series, Statistic.MIN), value(series, Statistic.AVG), value(series, Statistic.MED),
                value(series, Statistic.percentile(90)), value(series, Statistic.percentile(95)),
                value(series, Statistic.percentile(99)), value(series, Statistic.MAX),
                errorRate(series.key(), results, byKey));
    }

    private static OptionalDouble errorRate(SeriesKey key, RunResults results,
            Map<SeriesKey, SeriesStatistics> byKey) {
        if (!key.metric().equals(DURATION_METRIC)) {
            return OptionalDouble.empty();
        }
        SeriesKey failedKey = new SeriesKey(FAILED_METRIC, key.filter());
        Optional<SeriesStatistics> failed = Optional.ofNullable(byKey.get(failedKey))
                .or(() -> results.series(failedKey));
        return failed.filter(series -> series.type() == MetricType.RATE)
                .map(series -> value(series, Statistic.RATE))
                .orElse(OptionalDouble.empty());
    }

    /** The value, empty when the source cannot tell it or it is not a finite number. */
    private static OptionalDouble value(SeriesStatistics series, Statistic statistic) {
        OptionalDouble value = series.value(statistic);
        return value.isPresent() && !Double.isFinite(value.getAsDouble()) ? OptionalDouble.empty() : value;
    }
}
