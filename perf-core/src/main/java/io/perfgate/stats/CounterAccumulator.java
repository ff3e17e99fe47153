package io.perfgate.stats;

import java.math.BigInteger;
import java.util.OptionalDouble;

/** k6 Counter: {@code count} is the sum of the sample values, {@code rate} that sum per second of run. */
public final class CounterAccumulator implements SampleAccumulator {

    private final ExactSum sum = new ExactSum();
    private long samples;

    @Override
    public MetricType type() {
        return MetricType.COUNTER;
    }

    @Override
    public void record(double value, long epochNanos) {
        ExactSum.requireFinite(value);
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

    /** The exact sum, for {@link CollectorSnapshot}: see {@link ExactSum#units()}. */
    BigInteger sumUnits() {
        return sum.units();
    }

    /** A counter in the state {@link #sumUnits()} and {@link #sampleCount()} tell. */
    static CounterAccumulator restored(long samples, BigInteger sumUnits) {
        CounterAccumulator counter = new CounterAccumulator();
        counter.sum.add(ExactSum.ofUnits(sumUnits));
        counter.samples = samples;
        return counter;
    }
}
