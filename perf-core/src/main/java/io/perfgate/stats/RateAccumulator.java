package io.perfgate.stats;

import java.util.OptionalDouble;

/**
 * k6 Rate: the share of samples that are non-zero. For {@code http_req_failed} a non-zero sample is
 * a failed request, so its rate is the error rate; k6's summary calls the non-zero samples
 * {@code passes} and the zero ones {@code fails}.
 */
public final class RateAccumulator implements SampleAccumulator {

    private long nonZero;
    private long samples;

    @Override
    public MetricType type() {
        return MetricType.RATE;
    }

    @Override
    public void record(double value, long epochNanos) {
        ExactSum.requireFinite(value);
        if (value != 0) {
            nonZero++;
        }
        samples++;
    }

    @Override
    public void merge(SampleAccumulator other) {
        if (!(other instanceof RateAccumulator rate)) {
            throw new IllegalArgumentException("cannot merge a " + other.type().k6Name() + " into a rate");
        }
        nonZero += rate.nonZero;
        samples += rate.samples;
    }

    @Override
    public long sampleCount() {
        return samples;
    }

    /** Samples that were non-zero (k6's {@code passes}). */
    public long nonZeroCount() {
        return nonZero;
    }

    @Override
    public OptionalDouble value(Statistic statistic, double durationSeconds) {
        if (samples == 0 || statistic.kind() != Statistic.Kind.RATE) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) nonZero / samples);
    }

    /** A rate in the state {@link #sampleCount()} and {@link #nonZeroCount()} tell, for {@link CollectorSnapshot}. */
    static RateAccumulator restored(long samples, long nonZero) {
        RateAccumulator rate = new RateAccumulator();
        rate.samples = samples;
        rate.nonZero = nonZero;
        return rate;
    }
}
