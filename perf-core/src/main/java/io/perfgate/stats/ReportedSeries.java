package io.perfgate.stats;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A series as a pre-aggregated source reports it, e.g. one metric of a k6 summary export: the
 * statistics it holds and nothing else, no samples.
 *
 * @param key            the series
 * @param type           the metric type, given or inferred from the statistics present
 * @param contents       the metric contents; a summary export does not tell it, so
 *                       {@code contentsKnown} is false there and {@link MetricContents#DEFAULT} stands in
 * @param contentsKnown  whether the source stated the contents
 * @param values         the statistics the source holds, e.g. avg, min, med, max, p(90), p(95)
 * @param samples        for a rate: its samples (k6's passes + fails); otherwise empty
 * @param nonZeroSamples for a rate: the non-zero samples (k6's passes); otherwise empty
 * @param source         the source as named to the user, e.g. {@code the k6 summary export summary.json}
 */
public record ReportedSeries(SeriesKey key, MetricType type, MetricContents contents, boolean contentsKnown,
        Map<Statistic, Double> values, OptionalLong samples, OptionalLong nonZeroSamples, String source) {

    public ReportedSeries {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(contents, "contents");
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(nonZeroSamples, "nonZeroSamples");
        Objects.requireNonNull(source, "source");
        values = Collections.unmodifiableSortedMap(copyChecked(values));
    }

    private static TreeMap<Statistic, Double> copyChecked(Map<Statistic, Double> values) {
        TreeMap<Statistic, Double> copy = new TreeMap<>(ReportedSeries::compareStatistics);
        values.forEach((statistic, value) -> {
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException(statistic + " is not a finite number: " + value);
            }
            copy.put(statistic, value);
        });
        return copy;
    }

    /** Orders statistics as k6 prints them: avg, min, med, max, then percentiles, then the rest. */
    static int compareStatistics(Statistic a, Statistic b) {
        int byKind = Integer.compare(order(a.kind()), order(b.kind()));
        return byKind != 0 ? byKind : Double.compare(a.percentile(), b.percentile());
    }

    private static int order(Statistic.Kind kind) {
        return switch (kind) {
            case AVG -> 0;
            case MIN -> 1;
            case MED -> 2;
            case MAX -> 3;
            case PERCENTILE -> 4;
            case COUNT -> 5;
            case RATE -> 6;
            case VALUE -> 7;
        };
    }

    /** The statistics held, as k6 spells them: {@code avg, min, med, max, p(90), p(95)}. */
    public String heldStatistics() {
        StringJoiner held = new StringJoiner(", ");
        values.keySet().forEach(statistic -> held.add(statistic.toString()));
        return held.toString();
    }
}
