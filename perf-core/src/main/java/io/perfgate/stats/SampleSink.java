package io.perfgate.stats;

/** Where readers put what they read: metric declarations and samples, one at a time. */
public interface SampleSink {

    /**
     * Declares a metric before its first sample. Declaring it again with the same type is fine.
     *
     * @throws IllegalArgumentException when the metric was declared before with another type or
     *                                  other contents
     */
    void declareMetric(String metric, MetricType type, MetricContents contents);

    /**
     * One sample of a declared metric.
     *
     * @param epochNanos when it was taken, nanoseconds since 1970
     * @throws IllegalArgumentException when the metric was not declared, or the value is not finite
     *                                  or cannot be kept
     */
    void sample(String metric, Tags tags, double value, long epochNanos);
}
