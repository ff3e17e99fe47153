package io.perfgate.stats;

import java.util.Optional;
import java.util.OptionalDouble;
import org.HdrHistogram.DoubleHistogram;

/**
 * What is known about one series after ingestion. Values of time metrics are in milliseconds,
 * as in k6.
 */
public interface SeriesStatistics {

    SeriesKey key();

    MetricType type();

    MetricContents contents();

    /** Number of samples seen; for pre-aggregated sources the count they report, if any. */
    long sampleCount();

    /**
     * The statistic's value, or empty when this source cannot tell it (for example a percentile
     * that a k6 summary export did not include). Never guessed.
     */
    OptionalDouble value(Statistic statistic);

    /**
     * The distribution of a trend's values read from samples, to keep with the run so any percentile can
     * be computed later; empty for other metric types, for pre-aggregated sources, and for trends with
     * negative values.
     */
    default Optional<DoubleHistogram> histogram() {
        return Optional.empty();
    }

    /**
     * Why {@link #value} is empty for this statistic, for the user, e.g. {@code the k6 summary export
     * holds only avg, min, med, max, p(90), p(95) (summaryTrendStats)}.
     */
    String unavailableReason(Statistic statistic);
}
