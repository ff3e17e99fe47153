package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrendAccumulatorTest {

    /** The documented bound: half a bucket of at most 1/16384 of the value. */
    private static final double RELATIVE_BOUND = 1.0 / 32768;

    /** k6's percentile over sorted values, computed exactly (the oracle). */
    static double k6Percentile(double[] sorted, double percentile) {
        double rank = percentile / 100 * (sorted.length - 1);
        double lower = sorted[(int) Math.floor(rank)];
        double upper = sorted[(int) Math.ceil(rank)];
        return lower + (upper - lower) * (rank - Math.floor(rank));
    }

    static Stream<Arguments> distributions() {
        Random random = new Random(42);
        return Stream.of(
                Arguments.of("uniform latencies", random.doubles(5000, 1, 80).toArray()),
                Arguments.of("long tail", random.doubles(5000).map(u -> 0.5 * Math.exp(8 * u)).toArray()),
                Arguments.of("with zeros", random.doubles(3000).map(u -> u < 0.4 ? 0 : u * 3).toArray()),
                Arguments.of("negatives and positives", random.doubles(4000, -500, 500).toArray()),
                Arguments.of("only negatives", random.doubles(1000, -90, -0.001).toArray()),
                Arguments.of("integers", random.ints(2000, 30, 45).asDoubleStream().toArray()),
                Arguments.of("two values", new double[] {3, 7}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("distributions")
    void shouldFollowK6PercentilesWithinTheDocumentedPrecision(String name, double[] values) {
        TrendAccumulator trend = new TrendAccumulator();
        for (double value : values) {
            trend.record(value, 0);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (double percentile : new double[] {0, 1, 10, 25, 50, 90, 95, 99, 99.9, 100}) {
            double exact = k6Percentile(sorted, percentile);
            double ours = trend.percentile(percentile);
            assertThat(ours).as("p(%s)", percentile)
                    .isCloseTo(exact, within(Math.abs(exact) * RELATIVE_BOUND + spreadTolerance(sorted, percentile)));
        }
        assertThat(trend.value(Statistic.MIN, 0)).hasValue(sorted[0]);
        assertThat(trend.value(Statistic.MAX, 0)).hasValue(sorted[sorted.length - 1]);
        assertThat(trend.value(Statistic.MED, 0).getAsDouble()).isEqualTo(trend.percentile(50));
        assertThat(trend.value(Statistic.AVG, 0).getAsDouble())
                .isCloseTo(Arrays.stream(values).sum() / values.length, within(1e-9));
        assertThat(trend.sampleCount()).isEqualTo(values.length);
    }

    /**
     * Interpolating between a negative and a positive neighbour is the one case where the relative
     * bound of each neighbour does not carry over to the result; allow the neighbours' absolute error.
     */
    private static double spreadTolerance(double[] sorted, double percentile) {
        double rank = percentile / 100 * (sorted.length - 1);
        double lower = sorted[(int) Math.floor(rank)];
        double upper = sorted[(int) Math.ceil(rank)];
        return Math.signum(lower) != Math.signum(upper) ? (Math.abs(lower) + Math.abs(upper)) * RELATIVE_BOUND : 1e-12;
    }

    @Test
    void shouldGiveExactValuesWhenAllSamplesAreEqual() {
        TrendAccumulator trend = new TrendAccumulator();
        for (int i = 0; i < 100; i++) {
            trend.record(40, 0);
        }
        assertThat(trend.percentile(95)).isEqualTo(40);
        assertThat(trend.percentile(50)).isEqualTo(40);
    }

    @Test
    void shouldKeepZerosExact() {
        TrendAccumulator trend = new TrendAccumulator();
        for (int i = 0; i < 95; i++) {
            trend.record(0, 0);
        }
        for (int i = 0; i < 5; i++) {
            trend.record(0.989977, 0);
        }
        assertThat(trend.percentile(90)).isZero();
        assertThat(trend.value(Statistic.MAX, 0)).hasValue(0.989977);
    }

    @Test
    void shouldGiveTheOnlyValueOfASingleSample() {
        TrendAccumulator trend = new TrendAccumulator();
        trend.record(-12.5, 0);
        assertThat(trend.percentile(0)).isEqualTo(-12.5);
        assertThat(trend.percentile(99)).isEqualTo(-12.5);
        assertThat(trend.percentile(100)).isEqualTo(-12.5);
    }

    @Test
    void shouldGiveNoValueWithoutSamples() {
        TrendAccumulator trend = new TrendAccumulator();
        assertThat(trend.value(Statistic.percentile(95), 10)).isEmpty();
        assertThat(trend.value(Statistic.AVG, 10)).isEmpty();
        assertThatThrownBy(() -> trend.percentile(50)).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void shouldRejectValuesThatAreNotFinite(double value) {
        TrendAccumulator trend = new TrendAccumulator();
        assertThatThrownBy(() -> trend.record(value, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a finite number");
        assertThat(trend.sampleCount()).isZero();
    }

    @Test
    void shouldRejectAValueBeyondTheHistogramsRangeInsteadOfRoundingIt() {
        TrendAccumulator trend = new TrendAccumulator();
        trend.record(1e-9, 0);
        assertThatThrownBy(() -> trend.record(1e12, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000000000000").hasMessageContaining("2e15");
    }

    @Test
    void shouldMergeToTheSameResultAsRecordingEverythingInOne() {
        Random random = new Random(7);
        TrendAccumulator all = new TrendAccumulator();
        TrendAccumulator first = new TrendAccumulator();
        TrendAccumulator second = new TrendAccumulator();
        for (int i = 0; i < 4000; i++) {
            double value = random.nextGaussian() * 30;
            all.record(value, 0);
            (i % 3 == 0 ? first : second).record(value, 0);
        }
        first.merge(second);
        assertThat(first.sampleCount()).isEqualTo(all.sampleCount());
        assertThat(first.sum()).isCloseTo(all.sum(), within(1e-9));
        for (double percentile : new double[] {0, 5, 50, 90, 95, 99, 100}) {
            assertThat(first.percentile(percentile)).as("p(%s)", percentile).isEqualTo(all.percentile(percentile));
        }
        assertThat(second.sampleCount()).as("merge leaves the other unchanged").isLessThan(all.sampleCount());
    }

    @Test
    void shouldRefuseToMergeAnotherType() {
        assertThatThrownBy(() -> new TrendAccumulator().merge(new CounterAccumulator()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counter");
    }

    /**
     * The documented reading, worked out without the accumulator: k6's interpolation between the
     * samples at the two ranks, each read back as the middle of its bucket in one HdrHistogram of all
     * magnitudes, clamped to the exact minimum and maximum.
     */
    private static double bucketMiddlePercentile(double[] values, double percentile) {
        DoubleHistogram buckets = new DoubleHistogram(TrendAccumulator.SIGNIFICANT_DIGITS);
        for (double value : values) {
            if (value != 0) {
                buckets.recordValue(Math.abs(value));
            }
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = percentile / 100 * (sorted.length - 1);
        double lower = readBack(sorted, (long) Math.floor(rank), buckets);
        double upper = readBack(sorted, (long) Math.ceil(rank), buckets);
        return lower + (upper - lower) * (rank - Math.floor(rank));
    }

    private static double readBack(double[] sorted, long rank, DoubleHistogram buckets) {
        if (rank == 0 || rank == sorted.length - 1) {
            return sorted[(int) rank];
        }
        double value = sorted[(int) rank];
        if (value == 0) {
            return 0;
        }
        double lowest = buckets.lowestEquivalentValue(Math.abs(value));
        double middle = lowest + (buckets.nextNonEquivalentValue(Math.abs(value)) - lowest) / 2;
        return Math.max(sorted[0], Math.min(sorted[sorted.length - 1], Math.copySign(middle, value)));
    }

    static Stream<Arguments> sizes() {
        // Around the staged limit, the packed form's limit and well beyond both; with and without zeros
        // and negatives.
        return Stream.of(1, 2, 3, 100, 1023, 1024, 2047, 2048, 2049, 2050, 3000, 60_000)
                .flatMap(size -> Stream.of(Arguments.of(size, false), Arguments.of(size, true)));
    }

    @ParameterizedTest(name = "{0} samples, mixed signs: {1}")
    @MethodSource("sizes")
    void shouldReadEverySampleAsTheMiddleOfItsBucketWhateverFormHoldsThem(int size, boolean mixed) {
        Random random = new Random(size);
        double[] values = new double[size];
        for (int i = 0; i < size; i++) {
            double latency = Math.exp(random.nextGaussian() * 1.5) * 20;
            values[i] = !mixed ? latency : i % 7 == 0 ? 0 : i % 3 == 0 ? -latency : latency;
        }
        TrendAccumulator trend = new TrendAccumulator();
        for (double value : values) {
            trend.record(value, 0);
        }
        for (double percentile : new double[] {0, 1, 10, 33.3, 50, 90, 95, 99, 99.9, 100}) {
            assertThat(trend.percentile(percentile)).as("p(%s)", percentile)
                    .isEqualTo(bucketMiddlePercentile(values, percentile));
        }
    }

    @Test
    void shouldGiveTheSameWhetherRecordedInOneOrMergedFromManySmallAndLargeParts() {
        Random random = new Random(11);
        double[] values = random.doubles(9000).map(u -> Math.exp(6 * u) - 1).toArray();
        TrendAccumulator all = new TrendAccumulator();
        TrendAccumulator pooled = new TrendAccumulator();
        TrendAccumulator part = new TrendAccumulator();
        int[] partSizes = {5, 300, 2100, 1, 4000, 50};
        int next = 0;
        for (int i = 0; i < values.length; i++) {
            all.record(values[i], 0);
            part.record(values[i], 0);
            if (next < partSizes.length && part.sampleCount() == partSizes[next] || i == values.length - 1) {
                pooled.merge(part);
                part = new TrendAccumulator();
                next++;
            }
        }
        assertThat(pooled.sampleCount()).isEqualTo(all.sampleCount());
        for (double percentile : new double[] {0, 5, 50, 90, 95, 99, 99.99, 100}) {
            assertThat(pooled.percentile(percentile)).as("p(%s)", percentile).isEqualTo(all.percentile(percentile));
        }
    }

    @Test
    void shouldKeepATrendMergedIntoAnEmptyOneApartFromItsSource() {
        Random random = new Random(5);
        TrendAccumulator source = new TrendAccumulator();
        TrendAccumulator sourceAlone = new TrendAccumulator();
        for (int i = 0; i < 5000; i++) {
            double value = 10 + random.nextDouble() * 10;
            source.record(value, 0);
            sourceAlone.record(value, 0);
        }
        TrendAccumulator pooled = new TrendAccumulator();
        pooled.merge(source);
        for (int i = 0; i < 5000; i++) {
            source.record(1000 + i, 0);
            pooled.record(0.5, 0);
            sourceAlone.record(1000 + i, 0);
        }
        assertThat(source.percentile(75)).isEqualTo(sourceAlone.percentile(75)).isGreaterThan(1000);
        assertThat(pooled.percentile(0)).isEqualTo(0.5);
        assertThat(pooled.percentile(25)).isCloseTo(0.5, within(0.5 * RELATIVE_BOUND));
        assertThat(pooled.value(Statistic.MAX, 0).getAsDouble()).isLessThan(20);
        assertThat(pooled.percentile(75)).isLessThan(20);
    }

    @Test
    void shouldKeepAFarButHoldableValueThatComesAfterManyCloseOnes() {
        TrendAccumulator trend = new TrendAccumulator();
        double[] values = new double[201];
        for (int i = 0; i < 200; i++) {
            values[i] = 1 + i / 200.0;
            trend.record(values[i], 0);
        }
        values[200] = 1e13; // beyond the ratio kept as staged samples, within a histogram's
        trend.record(values[200], 0);
        for (double percentile : new double[] {50, 99, 99.9, 100}) {
            assertThat(trend.percentile(percentile)).as("p(%s)", percentile)
                    .isEqualTo(bucketMiddlePercentile(values, percentile));
        }
        assertThatThrownBy(() -> trend.record(1e17, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("100000000000000000").hasMessageContaining("2e15");
    }
}
