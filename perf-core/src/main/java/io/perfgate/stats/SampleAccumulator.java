package io.perfgate.stats;

import java.util.OptionalDouble;

/**
 * The running aggregate of one series' samples, in memory that does not grow with the number of
 * samples. One implementation per k6 metric type; accumulators of the same type {@link #merge merge},
 * so several files or runs pool into one result.
 */
public sealed interface SampleAccumulator
        permits TrendAccumulator, CounterAccumulator, RateAccumulator, GaugeAccumulator {

    /** A new, empty accumulator for a metric of this type. */
    static SampleAccumulator of(MetricType type) {
        return switch (type) {
            case TREND -> new TrendAccumulator();
            case COUNTER -> new CounterAccumulator();
            case RATE -> new RateAccumulator();
            case GAUGE -> new GaugeAccumulator();
        };
    }

    MetricType type();

    /**
     * Adds one sample.
     *
     * @param value      the sample's value; must be finite
     * @param epochNanos when the sample was taken, nanoseconds since 1970 (used by gauges)
     * @throws IllegalArgumentException when the value is NaN or infinite, or cannot be held
     */
    void record(double value, long epochNanos);

    /**
     * Adds everything {@code other} has seen to this accumulator; {@code other} is left unchanged.
     *
     * @throws IllegalArgumentException when {@code other} is of another type
     */
    void merge(SampleAccumulator other);

    /** Number of samples recorded. */
    long sampleCount();

    /**
     * The statistic over the samples, or empty when this metric type has no such statistic or no
     * sample was recorded.
     *
     * @param durationSeconds the run's duration, for a counter's per-second {@code rate}; a counter's
     *                        rate is empty when it is not positive
     */
    OptionalDouble value(Statistic statistic, double durationSeconds);
}
