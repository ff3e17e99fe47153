package io.perfgate.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * A series with explicitly given values, standing in for ingested results. A statistic without a
 * value is unavailable, as a k6 summary export's missing p(99) is.
 */
public record FixedSeries(SeriesKey key, MetricType type, MetricContents contents, long sampleCount,
        Map<Statistic, Double> values) implements SeriesStatistics {

    public FixedSeries {
        values = Map.copyOf(values);
    }

    public static FixedSeries of(String selector, MetricType type, MetricContents contents) {
        return new FixedSeries(SeriesKey.parse(selector), type, contents, 0, Map.of());
    }

    public FixedSeries count(long samples) {
        return new FixedSeries(key, type, contents, samples, values);
    }

    public FixedSeries with(Statistic statistic, double value) {
        Map<Statistic, Double> more = new HashMap<>(values);
        more.put(statistic, value);
        return new FixedSeries(key, type, contents, sampleCount, more);
    }

    @Override
    public OptionalDouble value(Statistic statistic) {
        Double value = values.get(statistic);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    @Override
    public String unavailableReason(Statistic statistic) {
        return "the fixed results hold no " + statistic + " for " + key;
    }
}
