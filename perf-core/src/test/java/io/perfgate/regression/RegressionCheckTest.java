package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.regression.RegressionVerdict.ChangeScale;
import io.perfgate.stats.Statistic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegressionCheckTest {

    private static final RegressionSettings DEFAULTS = RegressionSettings.defaults();
    private static final RegressionRule TEN_PERCENT = RegressionRule.of(Statistic.percentile(95), "<", "baseline + 10%");
    private static final RegressionRule DEFAULT_RULE = RegressionRule.of(Statistic.percentile(95), "<", "baseline");
    /** Ten p(95) values around 494 ms, about 1.5% apart, geometric mean 494. */
    private static final List<Double> STEADY = around(494, 0.015, 10);

    @Test
    void shouldCallAClearSlowdownARegression() {
        RegressionVerdict verdict = RegressionCheck.againstHistory(TEN_PERCENT, "main", STEADY, List.of(612.0), DEFAULTS);

        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(verdict.isRegression()).isTrue();
        assertThat(verdict.baseline()).isCloseTo(494, within(1e-9));
        assertThat(verdict.change()).isCloseTo(612 / 494.0 - 1, within(1e-12));
        assertThat(verdict.interval()).hasValueSatisfying(interval -> {
            assertThat(interval.lower()).isGreaterThan(0);
            assertThat(interval.upper()).isGreaterThan(verdict.change());
            assertThat(interval.confidence()).isEqualTo(0.8);
        });
        assertThat(verdict.reason()).isEmpty();
    }

    @Test
    void shouldPassAChangeWithinTheAllowance() {
        RegressionVerdict slightlySlower = RegressionCheck.againstHistory(TEN_PERCENT, "main", STEADY, List.of(512.0),
                DEFAULTS);
        RegressionVerdict faster = RegressionCheck.againstHistory(TEN_PERCENT, "main", STEADY, List.of(400.0), DEFAULTS);

        assertThat(slightlySlower.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
        assertThat(faster.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
        assertThat(faster.change()).isNegative();
    }

    @Test
    void shouldPassASignificantChangeSmallerThanTheAllowance() {
        List<Double> quiet = around(494, 0.002, 10);

        RegressionVerdict verdict = RegressionCheck.againstHistory(TEN_PERCENT, "main", quiet, List.of(530.0), DEFAULTS);

        assertThat(verdict.interval().orElseThrow().lower()).isGreaterThan(0);
        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
    }

    @Test
    void shouldNeedTheMinimumNumberOfBaselineRuns() {
        RegressionVerdict three = RegressionCheck.againstHistory(TEN_PERCENT, "main", STEADY.subList(0, 3),
                List.of(900.0), DEFAULTS);
        RegressionVerdict none = RegressionCheck.againstHistory(TEN_PERCENT, "main", List.of(), List.of(900.0),
                DEFAULTS);
        RegressionVerdict one = RegressionCheck.againstHistory(TEN_PERCENT, "main", STEADY.subList(0, 1),
                List.of(900.0), DEFAULTS.withMinimumBaselineRuns(3));

        assertThat(three.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(three.reason()).isEqualTo("only 3 baseline runs, 5 needed");
        assertThat(three.change()).isNaN();
        assertThat(none.reason()).isEqualTo("no baseline runs, 5 needed");
        assertThat(none.baseline()).isNaN();
        assertThat(one.reason()).isEqualTo("only 1 baseline run, 3 needed");
    }

    @Test
    void shouldSayInconclusiveWhenTheRunsAreTooNoisyForTheAllowance() {
        List<Double> noisy = around(494, 0.10, 10);

        RegressionVerdict verdict = RegressionCheck.againstHistory(DEFAULT_RULE, "main", noisy, List.of(530.0), DEFAULTS);

        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(verdict.reason()).startsWith("the runs vary too much to tell a change of + 5%: the change lies between -")
                .endsWith(" at 80% confidence");
    }

    @Test
    void shouldStillCatchAHugeSlowdownInNoisyRuns() {
        List<Double> noisy = around(494, 0.10, 10);

        RegressionVerdict verdict = RegressionCheck.againstHistory(DEFAULT_RULE, "main", noisy, List.of(1500.0),
                DEFAULTS);

        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
    }

    @Test
    void shouldGiveIdenticalBaselineRunsTheFloorSpreadInsteadOfZeroWidth() {
        List<Double> identical = Collections.nCopies(5, 500.0);

        RegressionVerdict within = RegressionCheck.againstHistory(DEFAULT_RULE, "main", identical, List.of(510.0),
                DEFAULTS);
        RegressionVerdict beyond = RegressionCheck.againstHistory(DEFAULT_RULE, "main", identical, List.of(540.0),
                DEFAULTS);

        // The floor 0.005 with t(0.9, 4) = 1.533206 from the published table: 2·1.533206·0.005·√(1 + 1/5).
        assertThat(width(within)).isCloseTo(2 * 1.533206 * 0.005 * Math.sqrt(1.2), within(1e-6));
        assertThat(within.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
        assertThat(beyond.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
    }

    @Test
    void shouldCallAThroughputDropARegressionWhenLargerIsBetter() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, ">", "baseline - 5%");
        List<Double> throughput = around(135.7, 0.01, 10);

        RegressionVerdict drop = RegressionCheck.againstHistory(rule, "main", throughput, List.of(119.4), DEFAULTS);
        RegressionVerdict rise = RegressionCheck.againstHistory(rule, "main", throughput, List.of(160.0), DEFAULTS);

        assertThat(drop.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(drop.direction()).isEqualTo(Direction.LARGER_IS_BETTER);
        assertThat(drop.change()).isCloseTo(119.4 / 135.7 - 1, within(1e-9));
        assertThat(drop.allowedChange()).isCloseTo(-0.05, within(1e-12));
        assertThat(rise.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
    }

    @Test
    void shouldLeaveAHiccupRunOutOfTheBaseline() {
        List<Double> withHiccup = new ArrayList<>(STEADY.subList(0, 9));
        withHiccup.add(800.0);

        RegressionVerdict verdict = RegressionCheck.againstHistory(TEN_PERCENT, "main", withHiccup, List.of(560.0),
                DEFAULTS);

        assertThat(verdict.excludedRuns()).isEqualTo(1);
        assertThat(verdict.baselineRuns()).isEqualTo(10);
        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
    }

    @Test
    void shouldUseTheMedianOfRepeatedCandidateRuns() {
        RegressionVerdict oneSlowRun = RegressionCheck.againstHistory(TEN_PERCENT, "main", STEADY,
                List.of(497.0, 700.0, 491.0), DEFAULTS);
        RegressionVerdict allSlow = RegressionCheck.againstHistory(TEN_PERCENT, "main", STEADY,
                List.of(612.0, 480.0, 615.0), DEFAULTS);

        assertThat(oneSlowRun.observed()).isCloseTo(497, within(1e-9));
        assertThat(oneSlowRun.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
        assertThat(allSlow.observed()).isCloseTo(612, within(1e-9));
        assertThat(allSlow.candidateRuns()).isEqualTo(3);
        assertThat(allSlow.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
    }

    @Test
    void shouldNarrowTheIntervalForAMedianOfRepeatedRuns() {
        double single = width(RegressionCheck.againstHistory(TEN_PERCENT, "main", STEADY, List.of(494.0), DEFAULTS));
        double median = width(RegressionCheck.againstHistory(TEN_PERCENT, "main", STEADY,
                List.of(494.0, 494.0, 494.0, 494.0, 494.0), DEFAULTS));

        // √(v(5) + 1/10) / √(1 + 1/10) with v(5) = 0.2868
        assertThat(median / single).isCloseTo(Math.sqrt(0.286834 + 0.1) / Math.sqrt(1.1), within(0.002));
    }

    @Test
    void shouldRejectValuesThatHaveNoLogarithm() {
        List<Double> withZero = new ArrayList<>(STEADY);
        withZero.set(2, 0.0);

        assertThatThrownBy(() -> RegressionCheck.againstHistory(TEN_PERCENT, "main", withZero, List.of(500.0), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("baseline run 3 is 0.0; regression checks compare positive values on a log scale");
        assertThatThrownBy(() -> RegressionCheck.againstHistory(TEN_PERCENT, "main", STEADY, List.of(Double.NaN),
                DEFAULTS)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidate run 1 is NaN");
        assertThatThrownBy(() -> RegressionCheck.againstHistory(TEN_PERCENT, "main", STEADY, List.of(), DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no candidate run");
    }

    @Test
    void shouldCatchASlowdownInInterleavedRounds() {
        List<Double> baseline = around(494, 0.02, 7);
        List<Double> candidate = baseline.stream().map(value -> value * 1.12).toList();

        RegressionVerdict verdict = RegressionCheck.interleaved(DEFAULT_RULE, "main", baseline, candidate, DEFAULTS);

        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(verdict.method()).isEqualTo(RegressionVerdict.Method.INTERLEAVED);
        assertThat(verdict.change()).isCloseTo(0.12, within(1e-9));
        assertThat(verdict.interval().orElseThrow().confidence()).isCloseTo(0.8, within(1e-12));
        assertThat(verdict.pValue()).isEqualTo(1 / 128.0);
    }

    @Test
    void shouldCancelMachineDriftBetweenInterleavedRounds() {
        // The machine slows by 40% over the build; both sides of every round see the same machine.
        List<Double> baseline = new ArrayList<>();
        List<Double> candidate = new ArrayList<>();
        double[] noise = {1.004, 0.997, 1.002, 0.996, 1.003, 0.999, 1.001, 0.998, 1.0, 1.002};
        for (int round = 0; round < 10; round++) {
            double machine = 1 + 0.04 * round;
            baseline.add(494 * machine * noise[round]);
            candidate.add(494 * machine * noise[9 - round]);
        }

        RegressionVerdict interleaved = RegressionCheck.interleaved(DEFAULT_RULE, "main", baseline, candidate, DEFAULTS);

        assertThat(interleaved.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
    }

    @Test
    void shouldNeedEnoughInterleavedRoundsForAnExactBound() {
        List<Double> baseline = around(494, 0.02, 5);
        List<Double> candidate = baseline.stream().map(value -> value * 1.5).toList();

        RegressionVerdict verdict = RegressionCheck.interleaved(DEFAULT_RULE, "main", baseline, candidate, DEFAULTS);

        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(verdict.reason()).isEqualTo("only 5 interleaved rounds, 7 needed for 99% confidence");
        assertThatThrownBy(() -> RegressionCheck.interleaved(DEFAULT_RULE, "main", baseline, candidate.subList(0, 4),
                DEFAULTS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("there are 5 baseline and 4 candidate runs");
    }

    @Test
    void shouldCatchARiseInTheErrorRateFromCounts() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, "<", "baseline + 0.5%");
        List<EventCount> baseline = Collections.nCopies(10, new EventCount(8, 1360));

        RegressionVerdict jump = RegressionCheck.eventRate(rule, "main", baseline, List.of(new EventCount(30, 1360)),
                DEFAULTS);
        RegressionVerdict within = RegressionCheck.eventRate(rule, "main", baseline, List.of(new EventCount(10, 1360)),
                DEFAULTS);

        assertThat(jump.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(jump.scale()).isEqualTo(ChangeScale.POINTS);
        assertThat(jump.change()).isCloseTo(22 / 1360.0, within(1e-12));
        assertThat(jump.allowedChange()).isCloseTo(0.005, within(1e-12));
        assertThat(within.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
    }

    @Test
    void shouldSayInconclusiveWhenARiseCouldBeChance() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, "<", "baseline + 0.5%");
        List<EventCount> baseline = Collections.nCopies(10, new EventCount(8, 1360));

        RegressionVerdict verdict = RegressionCheck.eventRate(rule, "main", baseline, List.of(new EventCount(3, 136)),
                DEFAULTS);

        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(verdict.reason()).matches("3 of 136 could happen by chance at the baseline's rate \\(p = 0\\.0\\d+, 0\\.01 needed\\)");
    }

    @Test
    void shouldTrustCountsLessWhenBaselineRunsVaryMoreThanChance() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, "<", "baseline + 0.5%");
        List<EventCount> steady = Collections.nCopies(10, new EventCount(8, 1360));
        List<EventCount> erratic = new ArrayList<>();
        for (int run = 0; run < 10; run++) {
            erratic.add(new EventCount(run % 2 == 0 ? 0 : 16, 1360));
        }
        List<EventCount> candidate = List.of(new EventCount(18, 1360));

        assertThat(RegressionCheck.eventRate(rule, "main", steady, candidate, DEFAULTS).outcome())
                .isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(RegressionCheck.eventRate(rule, "main", erratic, candidate, DEFAULTS).outcome())
                .isEqualTo(RegressionOutcome.INCONCLUSIVE);
    }

    @Test
    void shouldCatchAFallInPassedChecksWhenLargerIsBetter() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, ">", "baseline - 1%");
        List<EventCount> baseline = Collections.nCopies(8, new EventCount(1355, 1360));

        RegressionVerdict verdict = RegressionCheck.eventRate(rule, "main", baseline, List.of(new EventCount(1300, 1360)),
                DEFAULTS);

        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(verdict.change()).isNegative();
    }

    @Test
    void shouldReadAFactorOnAnErrorRateAsRelative() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, "<", "baseline * 2");
        List<EventCount> baseline = Collections.nCopies(10, new EventCount(8, 1360));

        RegressionVerdict verdict = RegressionCheck.eventRate(rule, "main", baseline, List.of(new EventCount(24, 1360)),
                DEFAULTS);

        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(verdict.scale()).isEqualTo(ChangeScale.RELATIVE);
        assertThat(verdict.change()).isCloseTo(2, within(1e-12));
        assertThat(verdict.allowedChange()).isCloseTo(1, within(1e-12));
    }

    @Test
    void shouldNeedBaselineRunsForCountsToo() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, "<", "baseline");

        RegressionVerdict verdict = RegressionCheck.eventRate(rule, "main", List.of(new EventCount(1, 100)),
                List.of(new EventCount(50, 100)), DEFAULTS);

        assertThat(verdict.reason()).isEqualTo("only 1 baseline run, 5 needed");
        assertThatThrownBy(() -> new EventCount(5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventCount(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Values whose logs are spread evenly and symmetrically around log(centre), so their geometric mean is centre. */
    static List<Double> around(double centre, double spread, int count) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double position = count == 1 ? 0 : 2.0 * i / (count - 1) - 1;
            values.add(centre * Math.exp(spread * 1.7 * position));
        }
        // Interleave low and high values so that sublists are spread out too.
        List<Double> shuffled = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shuffled.add(values.get(i % 2 == 0 ? i / 2 : count - 1 - i / 2));
        }
        return List.copyOf(shuffled);
    }

    private static double width(RegressionVerdict verdict) {
        ChangeInterval interval = verdict.interval().orElseThrow();
        return Math.log1p(interval.upper()) - Math.log1p(interval.lower());
    }
}
