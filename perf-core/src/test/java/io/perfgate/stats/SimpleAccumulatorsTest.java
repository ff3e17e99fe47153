package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SimpleAccumulatorsTest {

    @Test
    void shouldSumCounterValuesAndDivideByTheRunDuration() {
        CounterAccumulator counter = new CounterAccumulator();
        counter.record(120, 0);
        counter.record(80, 0);
        counter.record(0.5, 0);
        assertThat(counter.sampleCount()).isEqualTo(3);
        assertThat(counter.value(Statistic.COUNT, 10)).hasValue(200.5);
        assertThat(counter.value(Statistic.RATE, 10)).hasValue(20.05);
        assertThat(counter.value(Statistic.RATE, 0)).as("no duration, no rate").isEmpty();
        assertThat(counter.value(Statistic.AVG, 10)).isEmpty();
        assertThat(new CounterAccumulator().value(Statistic.COUNT, 10)).as("no sample, no count").isEmpty();
    }

    @Test
    void shouldCountNonZeroSamplesAsK6Rates() {
        RateAccumulator rate = new RateAccumulator();
        for (double value : new double[] {1, 0, 0, 0, 2.5, -1, 0, 0}) {
            rate.record(value, 0);
        }
        assertThat(rate.nonZeroCount()).isEqualTo(3);
        assertThat(rate.sampleCount()).isEqualTo(8);
        assertThat(rate.value(Statistic.RATE, 0)).hasValue(3.0 / 8);
        assertThat(rate.value(Statistic.COUNT, 0)).isEmpty();
        assertThat(new RateAccumulator().value(Statistic.RATE, 0)).as("no sample, no rate").isEmpty();
    }

    @Test
    void shouldKeepTheGaugeValueWithTheLatestTimeNotTheLastRecorded() {
        GaugeAccumulator gauge = new GaugeAccumulator();
        gauge.record(5, 300);
        gauge.record(9, 100);
        gauge.record(2, 200);
        assertThat(gauge.value(Statistic.VALUE, 0)).hasValue(5);
        assertThat(gauge.value(Statistic.MIN, 0)).hasValue(2);
        assertThat(gauge.value(Statistic.MAX, 0)).hasValue(9);
        gauge.record(7, 300);
        assertThat(gauge.value(Statistic.VALUE, 0)).as("same time: the later one wins, as in k6").hasValue(7);
    }

    @Test
    void shouldMergeEachTypeLikeOneStream() {
        CounterAccumulator counterA = new CounterAccumulator();
        CounterAccumulator counterB = new CounterAccumulator();
        counterA.record(3, 0);
        counterB.record(4, 0);
        counterA.merge(counterB);
        assertThat(counterA.value(Statistic.COUNT, 1)).hasValue(7);
        assertThat(counterA.sampleCount()).isEqualTo(2);

        RateAccumulator rateA = new RateAccumulator();
        RateAccumulator rateB = new RateAccumulator();
        rateA.record(1, 0);
        rateB.record(0, 0);
        rateB.record(0, 0);
        rateA.merge(rateB);
        assertThat(rateA.value(Statistic.RATE, 0)).hasValue(1.0 / 3);

        GaugeAccumulator early = new GaugeAccumulator();
        GaugeAccumulator late = new GaugeAccumulator();
        early.record(10, 1_000);
        late.record(3, 2_000);
        late.merge(early);
        assertThat(late.value(Statistic.VALUE, 0)).as("the later sample stays the value").hasValue(3);
        assertThat(late.value(Statistic.MAX, 0)).hasValue(10);
        early.merge(new GaugeAccumulator());
        assertThat(early.value(Statistic.VALUE, 0)).as("merging an empty gauge changes nothing").hasValue(10);
    }

    @Test
    void shouldRejectNonFiniteValuesInEveryType() {
        for (MetricType type : MetricType.values()) {
            SampleAccumulator accumulator = SampleAccumulator.of(type);
            assertThat(accumulator.type()).isEqualTo(type);
            assertThatThrownBy(() -> accumulator.record(Double.NaN, 0)).as(type.name())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void shouldRefuseToMergeDifferentTypes() {
        assertThatThrownBy(() -> new RateAccumulator().merge(new GaugeAccumulator()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GaugeAccumulator().merge(new RateAccumulator()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CounterAccumulator().merge(new TrendAccumulator()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
