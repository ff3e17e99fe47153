package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.stats.MagnitudeHistogram.Form;
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
}
