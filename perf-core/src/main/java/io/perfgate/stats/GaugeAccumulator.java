package io.perfgate.stats;

import java.util.OptionalDouble;

/**
 * k6 Gauge: the last value, plus the smallest and largest seen. "Last" is by sample time; of samples
 * with the same time the one recorded (or merged) later wins, as k6 keeps the value added last.
 */
public final class GaugeAccumulator implements SampleAccumulator {

    private long samples;
    private double last;
    private long lastEpochNanos;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    @Override
    public MetricType type() {
        return MetricType.GAUGE;
    }

    @Override
    public void record(double value, long epochNanos) {
        ExactSum.requireFinite(value);
        if (samples == 0 || epochNanos >= lastEpochNanos) {
            last = value;
            lastEpochNanos = epochNanos;
        }
        min = Math.min(min, value);
        max = Math.max(max, value);
        samples++;
    }

    @Override
    public void merge(SampleAccumulator other) {
        if (!(other instanceof GaugeAccumulator gauge)) {
            throw new IllegalArgumentException("cannot merge a " + other.type().k6Name() + " into a gauge");
        }
        if (gauge.samples == 0) {
            return;
        }
        if (samples == 0 || gauge.lastEpochNanos >= lastEpochNanos) {
            last = gauge.last;
            lastEpochNanos = gauge.lastEpochNanos;
        }
        min = Math.min(min, gauge.min);
        max = Math.max(max, gauge.max);
        samples += gauge.samples;
    }

    @Override
    public long sampleCount() {
        return samples;
    }

    @Override
    public OptionalDouble value(Statistic statistic, double durationSeconds) {
        if (samples == 0) {
            return OptionalDouble.empty();
        }
        return switch (statistic.kind()) {
            case VALUE -> OptionalDouble.of(last);
            case MIN -> OptionalDouble.of(min);
            case MAX -> OptionalDouble.of(max);
            default -> OptionalDouble.empty();
        };
    }

    /** The last value, for {@link CollectorSnapshot}; with {@link #lastEpochNanos()}, what "last" is by. */
    double last() {
        return last;
    }

    long lastEpochNanos() {
        return lastEpochNanos;
    }

    double min() {
        return min;
    }

    double max() {
        return max;
    }

    /** A gauge in the state its getters tell, for {@link CollectorSnapshot}. */
    static GaugeAccumulator restored(long samples, double last, long lastEpochNanos, double min, double max) {
        GaugeAccumulator gauge = new GaugeAccumulator();
        gauge.samples = samples;
        gauge.last = last;
        gauge.lastEpochNanos = lastEpochNanos;
        gauge.min = min;
        gauge.max = max;
        return gauge;
    }
}
