package io.perfgate.stats;

import java.util.OptionalDouble;

/** k6 Counter: {@code count} is the sum of the sample values, {@code rate} that sum per second of run. */
public final class CounterAccumulator implements SampleAccumulator {

    private final CompensatedSum sum = new CompensatedSum();
    private long samples;

    @Override
    public MetricType type() {
        return MetricType.COUNTER;
    }

    @Override
    public void record(double value, long epochNanos) {
        CompensatedSum.requireFinite(value);
        sum.add(value);
        samples++;
    }

    @Override
    public void merge(SampleAccumulator other) {
        if (!(other instanceof CounterAccumulator counter)) {
            throw new IllegalArgumentException("cannot merge a " + other.type().k6Name() + " into a counter");
        }
        sum.add(counter.sum);
        samples += counter.samples;
    }

    @Override
    public long sampleCount() {
        return samples;
    }

    /** The sum of all sample values, k6's {@code count}. */
    public double total() {
        return sum.value();
    }

    @Override
    public OptionalDouble value(Statistic statistic, double durationSeconds) {
        if (samples == 0) {
            return OptionalDouble.empty();
        }
        return switch (statistic.kind()) {
            case COUNT -> OptionalDouble.of(total());
            case RATE -> durationSeconds > 0 ? OptionalDouble.of(total() / durationSeconds) : OptionalDouble.empty();
            default -> OptionalDouble.empty();
        };
    }

    /** The sum's state, for {@link CollectorSnapshot}: the running total and its compensation. */
    double[] sumState() {
        return new double[] {sum.total(), sum.compensation()};
    }

    /** A counter in the state {@link #sumState()} and {@link #sampleCount()} tell. */
    static CounterAccumulator restored(long samples, double total, double compensation) {
        CounterAccumulator counter = new CounterAccumulator();
        counter.sum.restore(total, compensation);
        counter.samples = samples;
        return counter;
    }
}
