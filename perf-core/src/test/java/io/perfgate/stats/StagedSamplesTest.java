package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;

class StagedSamplesTest {

    private static final double RATIO = Math.scalb(1.0, StagedSamples.RATIO_BITS);

    @Test
    void shouldKeepAtMostItsLimitOfValues() {
        StagedSamples samples = new StagedSamples();
        for (int i = 0; i < StagedSamples.LIMIT; i++) {
            assertThat(samples.add(1 + i % 7)).isTrue();
        }

        assertThat(samples.add(3)).isFalse();
        assertThat(samples.size()).isEqualTo(StagedSamples.LIMIT);
        assertThat(samples.value(StagedSamples.LIMIT - 1)).isEqualTo(1 + (StagedSamples.LIMIT - 1) % 7);
    }

    @Test
    void shouldKeepEachSignWithinTheRatioOnItsOwn() {
        StagedSamples samples = new StagedSamples();

        assertThat(samples.add(1)).isTrue();
        assertThat(samples.add(RATIO)).as("exactly the ratio").isTrue();
        assertThat(samples.add(RATIO * 1.01)).isFalse();
        assertThat(samples.add(0.99)).isFalse();
        assertThat(samples.add(-1e-3)).as("the negatives have a range of their own").isTrue();
        assertThat(samples.add(-1e-3 * RATIO)).isTrue();
        assertThat(samples.add(-1e-3 * RATIO * 1.01)).isFalse();
        assertThat(samples.add(2)).as("within the range already held").isTrue();

        assertThat(samples.size()).isEqualTo(5);
        assertThat(samples.negatives()).isEqualTo(2);
    }

    @Test
    void shouldSortAgainAfterAValueCameIn() {
        StagedSamples samples = new StagedSamples();
        samples.add(5);
        samples.add(3);
        assertThat(samples.atRank(0)).isEqualTo(3);

        samples.add(1);

        assertThat(samples.atRank(0)).isEqualTo(1);
        assertThat(samples.atRank(2)).isEqualTo(5);
    }

    @Test
    void shouldReadAValueAsTheMiddleOfItsBucketWithItsSign() {
        StagedSamples samples = new StagedSamples();
        samples.add(10);
        samples.add(-10);
        DoubleHistogram reference = new DoubleHistogram(TrendAccumulator.SIGNIFICANT_DIGITS);
        reference.recordValue(10);
        double middle = reference.lowestEquivalentValue(10)
                + (reference.nextNonEquivalentValue(10) - reference.lowestEquivalentValue(10)) / 2;

        assertThat(samples.bucketMiddle(10)).isEqualTo(middle).isNotEqualTo(10);
        assertThat(samples.bucketMiddle(-10)).isEqualTo(-middle);

        // A value far beyond the range the buckets were made for: they are made again for the new range.
        samples.add(1e9);
        assertThat(samples.bucketMiddle(1e9)).isCloseTo(1e9, within(1e9 * 1e-3));
    }
}
