package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MedianSpreadTest {

    @Test
    void shouldMatchTheSpreadOfSimulatedMedians() {
        Random random = new Random(7);
        int trials = 200_000;
        for (int k = 1; k <= 8; k++) {
            double sumOfSquares = 0;
            double[] values = new double[k];
            for (int trial = 0; trial < trials; trial++) {
                for (int i = 0; i < k; i++) {
                    values[i] = random.nextGaussian();
                }
                Arrays.sort(values);
                double median = k % 2 == 1 ? values[k / 2] : 0.5 * (values[k / 2 - 1] + values[k / 2]);
                sumOfSquares += median * median;
            }
            assertThat(MedianSpread.varianceFactor(k)).as("k=%s", k)
                    .isCloseTo(sumOfSquares / trials, within(0.02 * MedianSpread.varianceFactor(k)));
        }
    }

    @Test
    void shouldBeExactForOneAndTwoRunsAndApproachTheLargeSampleValue() {
        assertThat(MedianSpread.varianceFactor(1)).isEqualTo(1);
        assertThat(MedianSpread.varianceFactor(2)).isEqualTo(0.5);
        assertThat(MedianSpread.varianceFactor(31)).isCloseTo(Math.PI / 62, within(1e-12));
        assertThat(MedianSpread.varianceFactor(31)).isGreaterThan(MedianSpread.varianceFactor(30) * 30 / 31 * 0.98);
    }

    @Test
    void shouldRejectAnEmptyMedian() {
        assertThatThrownBy(() -> MedianSpread.varianceFactor(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
