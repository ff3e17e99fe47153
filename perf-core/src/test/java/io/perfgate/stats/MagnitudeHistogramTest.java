package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.stats.MagnitudeHistogram.Form;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.DoubleHistogramIterationValue;
import org.HdrHistogram.PackedDoubleHistogram;
import org.junit.jupiter.api.Test;

class MagnitudeHistogramTest {

    @Test
    void shouldStayPackedWhileSmallThenTakeIntCountsThenLongCountsBeforeAnIntCouldOverflow() {
        assertThat(MagnitudeHistogram.formFor(Form.PACKED, MagnitudeHistogram.PACKED_UNTIL - 1)).isEqualTo(Form.PACKED);
        assertThat(MagnitudeHistogram.formFor(Form.PACKED, MagnitudeHistogram.PACKED_UNTIL)).isEqualTo(Form.INT_COUNTS);
        assertThat(MagnitudeHistogram.formFor(Form.INT_COUNTS, Integer.MAX_VALUE)).isEqualTo(Form.INT_COUNTS);
        assertThat(MagnitudeHistogram.formFor(Form.INT_COUNTS, Integer.MAX_VALUE + 1L)).isEqualTo(Form.LONG_COUNTS);
        assertThat(MagnitudeHistogram.formFor(Form.PACKED, Integer.MAX_VALUE + 1L)).isEqualTo(Form.LONG_COUNTS);
        assertThat(MagnitudeHistogram.formFor(Form.LONG_COUNTS, 1)).isEqualTo(Form.LONG_COUNTS);
    }

    @Test
    void shouldKeepEveryBucketWhenItChangesForm() {
        MagnitudeHistogram small = MagnitudeHistogram.forSamples(1);
        MagnitudeHistogram large = MagnitudeHistogram.forSamples(MagnitudeHistogram.PACKED_UNTIL);
        for (int i = 1; i <= 3 * MagnitudeHistogram.PACKED_UNTIL; i++) {
            small.record(i * 0.37);
            large.record(i * 0.37);
        }
        MagnitudeHistogram both = MagnitudeHistogram.forSamples(1);
        both.add(small);
        both.add(large);
        assertThat(small.histogram().getTotalCount()).isEqualTo(3 * MagnitudeHistogram.PACKED_UNTIL);
        assertThat(both.histogram().getTotalCount()).isEqualTo(6 * MagnitudeHistogram.PACKED_UNTIL);
        for (double percentile : new double[] {1, 50, 99.9}) {
            assertThat(small.histogram().getValueAtPercentile(percentile))
                    .isEqualTo(large.histogram().getValueAtPercentile(percentile))
                    .isEqualTo(both.histogram().getValueAtPercentile(percentile));
        }
    }

    @Test
    void shouldMoveIntoTheFormItsSamplesNeedAsTheyComeAndWhenAdded() {
        MagnitudeHistogram recorded = MagnitudeHistogram.forSamples(1);
        for (int i = 1; i < MagnitudeHistogram.PACKED_UNTIL; i++) {
            recorded.record(i);
        }
        assertThat(recorded.histogram()).isInstanceOf(PackedDoubleHistogram.class);
        recorded.record(1);
        assertThat(recorded.histogram()).isNotInstanceOf(PackedDoubleHistogram.class);

        MagnitudeHistogram added = MagnitudeHistogram.forSamples(1);
        added.add(recorded);
        assertThat(added.histogram()).isNotInstanceOf(PackedDoubleHistogram.class);
        assertThat(added.histogram().getTotalCount()).isEqualTo(MagnitudeHistogram.PACKED_UNTIL);
        assertThat(added.copy().histogram().getTotalCount()).isEqualTo(MagnitudeHistogram.PACKED_UNTIL);
    }

    /** Every bucket and its count, in order: what every statistic is computed from. */
    private static List<String> buckets(MagnitudeHistogram histogram) {
        List<String> buckets = new ArrayList<>();
        for (DoubleHistogramIterationValue bucket : histogram.histogram().recordedValues()) {
            buckets.add(bucket.getValueIteratedTo() + "x" + bucket.getCountAtValueIteratedTo());
        }
        return buckets;
    }

    @Test
    void shouldHoldTheSameBucketsWhenItsRangeIsSetUpFrontAsWhenItGrowsValueByValue() {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 40; round++) {
            int count = random.nextInt(MagnitudeHistogram.PACKED_UNTIL, 6000);
            double scale = Math.scalb(1.0, random.nextInt(-40, 40));
            double spread = random.nextDouble(0.1, 3); // within the 2e15 ratio a trend holds
            double[] magnitudes = new double[count];
            for (int i = 0; i < count; i++) {
                magnitudes[i] = scale * Math.exp(random.nextGaussian() * spread);
            }
            MagnitudeHistogram grown = MagnitudeHistogram.forSamples(count);
            for (double magnitude : magnitudes) {
                grown.record(magnitude);
            }
            MagnitudeHistogram setUpFront = MagnitudeHistogram.forSamples(count,
                    Arrays.stream(magnitudes).min().orElseThrow(), Arrays.stream(magnitudes).max().orElseThrow());
            for (double magnitude : magnitudes) {
                setUpFront.record(magnitude);
            }

            assertThat(buckets(setUpFront)).isEqualTo(buckets(grown));
            assertThat(setUpFront.histogram().getTotalCount()).isEqualTo(count);
            for (double percentile : new double[] {0, 1, 50, 90, 95, 99, 99.9, 100}) {
                assertThat(setUpFront.histogram().getValueAtPercentile(percentile))
                        .isEqualTo(grown.histogram().getValueAtPercentile(percentile));
            }
            MagnitudeHistogram merged = MagnitudeHistogram.forSamples(1);
            merged.add(grown);
            merged.add(setUpFront);
            assertThat(merged.histogram().getTotalCount()).isEqualTo(2L * count);
        }
        // wider than the range set up front may be: it grows on from there
        MagnitudeHistogram widest = MagnitudeHistogram.forSamples(2000, 1e-6, 1.5e8);
        MagnitudeHistogram grown = MagnitudeHistogram.forSamples(2000);
        for (double magnitude : new double[] {1e-6, 3, 1.5e8}) {
            widest.record(magnitude);
            grown.record(magnitude);
        }
        assertThat(buckets(widest)).isEqualTo(buckets(grown)).hasSize(3);
    }
}
