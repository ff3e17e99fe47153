package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SignedRankTest {

    @Test
    void shouldCountSignedRankSumsExactly() {
        // Subsets of {1, 2, 3} by sum: 0:{}, 1:{1}, 2:{2}, 3:{3},{1,2}, 4:{1,3}, 5:{2,3}, 6:{1,2,3}.
        assertThat(SignedRank.nullDistribution(3)).containsExactly(1 / 8.0, 1 / 8.0, 1 / 8.0, 2 / 8.0, 1 / 8.0,
                1 / 8.0, 1 / 8.0);
    }

    @Test
    void shouldFindTheExactCriticalCounts() {
        assertThat(SignedRank.criticalCount(7, 0.01)).isEqualTo(28);   // only all 28: 1/128
        assertThat(SignedRank.criticalCount(8, 0.01)).isEqualTo(35);   // 35 or 36: 2/256
        assertThat(SignedRank.criticalCount(6, 0.01)).isEqualTo(22);   // none: 1/64 > 1%
        assertThat(SignedRank.criticalCount(10, 0.05)).isEqualTo(45);  // tabulated one-sided 5% critical value
        assertThat(SignedRank.fewestValues(0.01)).isEqualTo(7);
        assertThat(SignedRank.fewestValues(0.05)).isEqualTo(5);
    }

    @Test
    void shouldNeedSevenValuesForOneInAHundredAndTakeALevelOfExactlyTwoToTheMinusN() {
        assertThat(SignedRank.fewestValues(1 / 128.0)).isEqualTo(7);
        assertThat(SignedRank.fewestValues(0.0078)).isEqualTo(8);
        assertThat(SignedRank.fewestValues(0.5)).isEqualTo(1);
        assertThat(SignedRank.criticalCount(7, 1 / 128.0)).isEqualTo(28);
        assertThat(SignedRank.criticalCount(7, 1 / 128.0 - 1e-12)).isEqualTo(29);
        assertThat(SignedRank.criticalCount(3, 1)).isZero();
        double[] values = {0.09, 0.11, 0.1, 0.12, 0.08, 0.105, 0.095};
        SignedRank.Bounds exact = SignedRank.bounds(values, 1 / 128.0);
        assertThat(exact.lower()).isEqualTo(0.08);
        assertThat(exact.upper()).isEqualTo(0.12);
    }

    @Test
    void shouldLeaveAWalshAverageOfExactlyZeroOutOfThePValue() {
        // Walsh averages of {0, 1, ..., 6}: all 28 but (0 + 0)/2 are above zero, so T+ = 27: P(T+ ≥ 27) = 2/128.
        assertThat(SignedRank.upperTailPValue(new double[] {0, 1, 2, 3, 4, 5, 6})).isEqualTo(2 / 128.0);
        assertThat(SignedRank.upperTailPValue(new double[] {1, 2, 3, 4, 5, 6, 7})).isEqualTo(1 / 128.0);
        assertThat(SignedRank.upperTailPValue(new double[] {-1, -2, -3})).isEqualTo(1);
    }

    @Test
    void shouldTakeTheMiddleOfAnEvenNumberOfWalshAverages() {
        // {0, 1, 5}: Walsh averages 0, 0.5, 1, 2.5, 3, 5; six of them, so the estimate is (1 + 2.5)/2.
        assertThat(SignedRank.bounds(new double[] {0, 1, 5}, 0.5).estimate()).isEqualTo(1.75);
        // {0, 4}: 0, 2, 4; three, so the middle one.
        assertThat(SignedRank.bounds(new double[] {0, 4}, 0.5).estimate()).isEqualTo(2);
    }

    @Test
    void shouldEstimateTheCentreByHodgesLehmann() {
        // Walsh averages of {1, 2, 3}: 1, 1.5, 2, 2, 2.5, 3.
        assertThat(SignedRank.bounds(new double[] {3, 1, 2}, 0.01).estimate()).isEqualTo(2);
        assertThat(SignedRank.bounds(new double[] {0, 0, 0, 10}, 0.01).estimate()).isEqualTo(0);
    }

    @Test
    void shouldBoundByTheExtremeValuesWhenOnlyAllSignsAgreeingIsRareEnough() {
        double[] values = {0.09, 0.11, 0.1, 0.12, 0.08, 0.105, 0.095};

        SignedRank.Bounds bounds = SignedRank.bounds(values, 0.01);

        assertThat(bounds.lower()).isEqualTo(0.08);
        assertThat(bounds.upper()).isEqualTo(0.12);
    }

    @Test
    void shouldGiveNoBoundWithTooFewValues() {
        SignedRank.Bounds bounds = SignedRank.bounds(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, 0.01);

        assertThat(bounds.lower()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(bounds.upper()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void shouldHoldItsLevelForHeavyTailedSymmetricValues() {
        Random random = new Random(11);
        int trials = 20_000;
        int falseAlarms = 0;
        for (int trial = 0; trial < trials; trial++) {
            double[] values = new double[10];
            for (int i = 0; i < values.length; i++) {
                // Cauchy: no mean, no variance; the signed-rank bound does not care.
                values[i] = Math.tan(Math.PI * (random.nextDouble() - 0.5));
            }
            falseAlarms += SignedRank.bounds(values, 0.01).lower() > 0 ? 1 : 0;
        }
        assertThat((double) falseAlarms / trials).isCloseTo(0.01, within(0.003)).isLessThanOrEqualTo(0.0115);
    }
}
