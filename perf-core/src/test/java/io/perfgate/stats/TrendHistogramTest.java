package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The distribution a trend hands out for keeping, so percentiles can be computed again later. */
class TrendHistogramTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 2_048, 2_049, 50_000})
    void shouldHoldEverySampleWithinTheTrendsPrecision(int samples) {
        TrendAccumulator trend = new TrendAccumulator();
        Random random = new Random(samples);
        for (int i = 0; i < samples; i++) {
            trend.record(Math.exp(random.nextGaussian() * 0.6 + 4), i);
        }
        trend.record(0, samples);

        DoubleHistogram histogram = trend.histogram().orElseThrow();

        assertThat(histogram.getTotalCount()).isEqualTo(samples + 1L);
        assertThat(histogram.getValueAtPercentile(0)).isZero();
        double max = trend.value(Statistic.MAX, 1).getAsDouble();
        assertThat(histogram.getMaxValueAsDouble()).isCloseTo(max, org.assertj.core.data.Percentage.withPercentage(0.01));
        if (samples >= 2_048) {
            // Percentile rules differ (HdrHistogram takes the sample at or above the rank, k6 interpolates):
            // with many samples the two agree to well within a percent.
            double p95 = trend.value(Statistic.percentile(95), 1).getAsDouble();
            assertThat(histogram.getValueAtPercentile(95)).isCloseTo(p95,
                    org.assertj.core.data.Percentage.withPercentage(1));
        }
    }

    @Test
    void shouldNotBeChangedByLaterSamplesOfTheTrend() {
        TrendAccumulator trend = new TrendAccumulator();
        for (int i = 0; i < 3_000; i++) {
            trend.record(10 + i % 7, i);
        }
        DoubleHistogram kept = trend.histogram().orElseThrow();

        trend.record(99, 3_001);

        assertThat(kept.getTotalCount()).isEqualTo(3_000);
        assertThat(kept.getMaxValueAsDouble()).isLessThan(17);
    }

    @Test
    void shouldHaveNoneWithoutSamplesOrWithNegativeValues() {
        assertThat(new TrendAccumulator().histogram()).isEmpty();
        TrendAccumulator negative = new TrendAccumulator();
        negative.record(5, 0);
        negative.record(-1, 1);
        assertThat(negative.histogram()).isEmpty();
    }
}
