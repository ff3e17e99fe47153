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

    /**
     * A trend that shares its histograms with its source and then pools a third busy trend must copy them
     * first: the source keeps only its own samples, the pooled trend all of both.
     */
    @Test
    void shouldCopySharedHistogramsBeforePoolingAnotherTrendIntoThem() {
        TrendAccumulator source = new TrendAccumulator();
        TrendAccumulator other = new TrendAccumulator();
        for (int i = 0; i < 3000; i++) {
            source.record(10 + i % 10, 0);
            other.record(1000 + i % 10, 0);
        }
        TrendAccumulator pooled = new TrendAccumulator();
        pooled.merge(source);

        pooled.merge(other);

        assertThat(source.sampleCount()).isEqualTo(3000);
        assertThat(source.percentile(100)).isLessThan(20);
        assertThat(source.percentile(75)).isLessThan(20);
        DoubleHistogram kept = source.histogram().orElseThrow();
        assertThat(kept.getTotalCount()).as("the source's histogram holds its own samples only").isEqualTo(3000);
        assertThat(kept.getMaxValue()).isLessThan(20);
        assertThat(pooled.sampleCount()).isEqualTo(6000);
        assertThat(pooled.percentile(25)).isLessThan(20);
        assertThat(pooled.percentile(75)).isGreaterThan(1000);
        assertThat(pooled.sum()).isEqualTo(3000 * 14.5 + 3000 * 1004.5);
        assertThat(pooled.value(Statistic.MIN, 0).getAsDouble()).isEqualTo(10);
        assertThat(pooled.value(Statistic.MAX, 0).getAsDouble()).isEqualTo(1009);
    }

    /**
     * A busy trend of negatives, one zero and positives, read at the ranks where one part ends and the next
     * begins, and next to the exact extremes: each sample as the middle of its bucket, the extremes exact.
     * The extremes lie in the upper half of their buckets, so a bucket middle read in their place shows.
     */
    @Test
    void shouldReadEachRankOfABusyTrendFromTheRightPartAroundItsZero() {
        double[] values = new double[4001];
        for (int i = 0; i < 1999; i++) {
            values[i] = -(5 + i * 0.0113);
            values[2000 + i] = 7 + i * 0.0137;
        }
        values[1999] = -upperHalfOfBucket(30);
        values[3999] = 0;
        values[4000] = upperHalfOfBucket(40);
        TrendAccumulator trend = new TrendAccumulator();
        for (double value : values) {
            trend.record(value, 0);
        }

        // ranks (of 4000): 0.5 next to the minimum, 1000 among the negatives, 1999.5 last negative and zero,
        // 2000 the zero, 2000.5 zero and first positive, 3999.5 next to the maximum
        for (double percentile : new double[] {0, 0.0125, 25, 49.9875, 50, 50.0125, 62.5, 99.9875, 100}) {
            assertThat(trend.percentile(percentile)).as("p(%s)", percentile)
                    .isEqualTo(bucketMiddlePercentile(values, percentile));
        }
        assertThat(trend.percentile(50)).isZero();
    }

    /** The same while the trend still keeps its samples as they came. */
    @Test
    void shouldReadTheZeroBetweenFewNegativesAndPositives() {
        double[] values = {6, -5, 0, 4, 3};
        TrendAccumulator trend = new TrendAccumulator();
        for (double value : values) {
            trend.record(value, 0);
        }

        assertThat(trend.percentile(25)).as("rank 1 of 4: the zero").isZero();
        for (double percentile : new double[] {12.5, 25, 37.5, 50, 62.5}) {
            assertThat(trend.percentile(percentile)).as("p(%s)", percentile)
                    .isEqualTo(bucketMiddlePercentile(values, percentile));
        }
    }

    /** A busy trend of negatives only keeps them when it pools a busy trend of positives only. */
    @Test
    void shouldKeepItsNegativesWhenPoolingABusyTrendOfPositives() {
        double[] values = new double[6000];
        TrendAccumulator negatives = new TrendAccumulator();
        TrendAccumulator positives = new TrendAccumulator();
        for (int i = 0; i < 3000; i++) {
            values[i] = -(1 + i * 0.01);
            values[3000 + i] = 2 + i * 0.01;
            negatives.record(values[i], 0);
            positives.record(values[3000 + i], 0);
        }

        negatives.merge(positives);

        assertThat(negatives.sampleCount()).isEqualTo(6000);
        for (double percentile : new double[] {0, 10, 25, 49.99, 50.01, 75, 100}) {
            assertThat(negatives.percentile(percentile)).as("p(%s)", percentile)
                    .isEqualTo(bucketMiddlePercentile(values, percentile));
        }
        assertThat(negatives.histogram()).as("negatives cannot be kept in one histogram").isEmpty();
    }

    /** A value in the upper half of the 4-digit bucket that holds {@code near}. */
    private static double upperHalfOfBucket(double near) {
        DoubleHistogram buckets = new DoubleHistogram(TrendAccumulator.SIGNIFICANT_DIGITS);
        buckets.recordValue(near);
        double lowest = buckets.lowestEquivalentValue(near);
        return lowest + 0.9 * (buckets.nextNonEquivalentValue(near) - lowest);
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
