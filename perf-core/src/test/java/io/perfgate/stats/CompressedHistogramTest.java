package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.PackedDoubleHistogram;
import org.junit.jupiter.api.Test;

class CompressedHistogramTest {

    @Test
    void shouldGiveBackEveryPercentileAfterEncoding() {
        DoubleHistogram values = new PackedDoubleHistogram(4);
        for (int i = 1; i <= 10_000; i++) {
            values.recordValue(Math.pow(1.001, i));
        }

        DoubleHistogram back = CompressedHistogram.encode(values).decode();

        assertThat(back.getTotalCount()).isEqualTo(10_000);
        for (double percentile : new double[] {0, 50, 90, 95, 99, 99.9, 100}) {
            assertThat(back.getValueAtPercentile(percentile)).as("p" + percentile)
                    .isEqualTo(values.getValueAtPercentile(percentile));
        }
    }

    @Test
    void shouldReadWhatHdrHistogramItselfWrote() {
        DoubleHistogram values = new DoubleHistogram(3);
        values.recordValueWithCount(12.5, 7);
        ByteBuffer buffer = ByteBuffer.allocate(values.getNeededByteBufferCapacity());
        int length = values.encodeIntoCompressedByteBuffer(buffer);

        CompressedHistogram histogram = CompressedHistogram.of(Arrays.copyOf(buffer.array(), length));

        assertThat(histogram.decode().getTotalCount()).isEqualTo(7);
        assertThat(histogram.decode().getValueAtPercentile(50)).isCloseTo(12.5, org.assertj.core.data.Percentage
                .withPercentage(0.1));
        assertThat(histogram.size()).isEqualTo(length);
    }

    @Test
    void shouldRefuseBytesThatAreNotAHistogram() {
        assertThatThrownBy(() -> CompressedHistogram.of(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a compressed HdrHistogram DoubleHistogram (9 bytes)");
    }

    @Test
    void shouldNotChangeWhenTheCallersArrayDoes() {
        DoubleHistogram values = new DoubleHistogram(3);
        values.recordValue(1.0);
        byte[] bytes = CompressedHistogram.encode(values).bytes();
        CompressedHistogram histogram = CompressedHistogram.of(bytes);

        Arrays.fill(bytes, (byte) 0);
        histogram.bytes()[0] = 0;

        assertThat(histogram.decode().getTotalCount()).isEqualTo(1);
        assertThat(histogram).isEqualTo(CompressedHistogram.encode(values))
                .hasSameHashCodeAs(CompressedHistogram.encode(values));
    }
}
