package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.regression.RegressionVerdict.ChangeScale;
import io.perfgate.regression.RegressionVerdict.Method;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Numbers the checks compute, pinned against independent computations: binomial tails summed term by
 * term, Student quantiles from published tables (or scipy.stats.t.ppf where tables stop), Rosner's
 * critical values, and the energy statistic of change points computed from its definition.
 */
class RegressionExactValuesTest {

    private static final RegressionSettings DEFAULTS = RegressionSettings.defaults();
    private static final RegressionRule P95 = RegressionRule.of(Statistic.percentile(95), "<", "baseline");

    // --- error rates: overdispersion, allowance arithmetic, a baseline without events ---

    /**
     * Baseline runs of 100 requests with 28, 12, 20, 20 and 20 failures: pooled rate 0.2, Pearson's χ² =
     * (64 + 64)/16 = 8 over 4 degrees of freedom: overdispersion 2. The candidate's 40 of 100 are then
     * worth 20 of 50, and the p-value is that of Binomial(70, 1/6) at 20 or more, 0.0089074 summed term by
     * term.
     */
    @Test
    void shouldDivideErrorCountsByTheOverdispersionTheBaselineShows() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, "<", "baseline + 5%");
        List<EventCount> baseline = List.of(new EventCount(28, 100), new EventCount(12, 100), new EventCount(20, 100),
                new EventCount(20, 100), new EventCount(20, 100));

        RegressionVerdict verdict = RegressionCheck.eventRate(rule, "main", baseline, List.of(new EventCount(40, 100)),
                DEFAULTS);

        assertThat(verdict.pValue()).isCloseTo(binomialTail(20, 70, 1 / 6.0), within(1e-9));
        assertThat(verdict.pValue()).isCloseTo(0.008907382529229608, within(1e-9));
        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(verdict.baseline()).isEqualTo(0.2);
        assertThat(verdict.change()).isCloseTo(0.2, within(1e-15));
    }

    @Test
    void shouldNotCorrectBaselinesThatVaryLessThanChance() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, "<", "baseline + 5%");
        List<EventCount> steady = Collections.nCopies(5, new EventCount(20, 100));

        RegressionVerdict verdict = RegressionCheck.eventRate(rule, "main", steady, List.of(new EventCount(40, 100)),
                DEFAULTS);

        // χ² = 0: dispersion 1, Binomial(140, 1/6) at 40 or more.
        assertThat(verdict.pValue()).isCloseTo(binomialTail(40, 140, 1 / 6.0), within(1e-12));
    }

    @Test
    void shouldReadEachFormOfAnErrorRateAllowance() {
        List<EventCount> baseline = Collections.nCopies(10, new EventCount(10, 1000));
        List<EventCount> candidate = List.of(new EventCount(20, 1000));

        RegressionVerdict bare = RegressionCheck.eventRate(RegressionRule.of(Statistic.RATE, "<", "baseline"), "main",
                baseline, candidate, DEFAULTS);
        RegressionVerdict points = RegressionCheck.eventRate(RegressionRule.of(Statistic.RATE, "<",
                "baseline + 1.5%"), "main", baseline, candidate, DEFAULTS);
        RegressionVerdict factor = RegressionCheck.eventRate(RegressionRule.of(Statistic.RATE, "<", "baseline * 2"),
                "main", baseline, candidate, DEFAULTS);
        RegressionVerdict justBeyond = RegressionCheck.eventRate(RegressionRule.of(Statistic.RATE, "<",
                "baseline * 2"), "main", baseline, List.of(new EventCount(21, 1000)), DEFAULTS);

        assertThat(bare.allowedChange()).isEqualTo(0.005);
        assertThat(bare.scale()).isEqualTo(ChangeScale.POINTS);
        assertThat(bare.change()).isCloseTo(0.01, within(1e-15));
        assertThat(bare.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(points.allowedChange()).isEqualTo(0.015);
        assertThat(points.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
        // Exactly twice the baseline's rate is within "* 2"; one failure more is not.
        assertThat(factor.allowedChange()).isEqualTo(1);
        assertThat(factor.scale()).isEqualTo(ChangeScale.RELATIVE);
        assertThat(factor.change()).isEqualTo(1);
        assertThat(factor.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
        assertThat(justBeyond.outcome()).isNotEqualTo(RegressionOutcome.NO_REGRESSION);
    }

    @Test
    void shouldTellFailuresWhereTheBaselineHadNone() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, "<", "baseline * 2");
        List<EventCount> clean = Collections.nCopies(10, new EventCount(0, 1000));

        RegressionVerdict some = RegressionCheck.eventRate(rule, "main", clean, List.of(new EventCount(3, 1000)),
                DEFAULTS);
        RegressionVerdict none = RegressionCheck.eventRate(rule, "main", clean, List.of(new EventCount(0, 1000)),
                DEFAULTS);

        // All 3 failures fell in the candidate's 1,000 of 11,000 requests: (1/11)^3.
        assertThat(some.pValue()).isCloseTo(Math.pow(1 / 11.0, 3), within(1e-15));
        assertThat(some.change()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(some.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(RegressionSentence.of(SeriesKey.of("http_req_failed"), rule, some, value -> value * 100 + "%"))
                .isEqualTo("http_req_failed rate is 0.3%, ∞% above the baseline of 0.0% (10 runs of main); the rule "
                        + "allows + 100%");
        assertThat(none.change()).isZero();
        assertThat(none.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
    }

    @Test
    void shouldCountMissesOfALargerIsBetterRate() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, ">", "baseline - 1%");
        List<EventCount> baseline = Collections.nCopies(5, new EventCount(80, 100));

        RegressionVerdict verdict = RegressionCheck.eventRate(rule, "main", baseline, List.of(new EventCount(60, 100)),
                DEFAULTS);

        // Misses: 100 in the baseline, 40 in the candidate; no overdispersion.
        assertThat(verdict.pValue()).isCloseTo(binomialTail(40, 140, 1 / 6.0), within(1e-12));
        assertThat(verdict.change()).isCloseTo(-0.2, within(1e-15));
        assertThat(verdict.reason()).isEmpty();
    }

    @Test
    void shouldNameTheLinesInTheReasonOfAnUndecidedRise() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, "<", "baseline + 5%");
        List<EventCount> steady = Collections.nCopies(5, new EventCount(20, 100));

        RegressionVerdict verdict = RegressionCheck.eventRate(rule, "main", steady, List.of(new EventCount(30, 100)),
                DEFAULTS, new FailLevel(0.002, 5));

        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(verdict.reason()).matches("30 of 100 could happen by chance at the baseline's rate \\(p = 0\\.0\\d+, "
                + "0\\.002 needed with 5 regression lines in the build\\)");
        assertThat(verdict.failLevel()).isEqualTo(new FailLevel(0.002, 5));
    }

    // --- history and pinned runs ---

    @Test
    void shouldCentreTooFewBaselineRunsOnTheirGeometricMean() {
        RegressionVerdict verdict = RegressionCheck.againstHistory(P95, "main", List.of(100.0, 400.0), List.of(250.0),
                DEFAULTS);

        assertThat(verdict.baseline()).isCloseTo(200, within(1e-9));
        assertThat(verdict.pValue()).isNaN();
        assertThat(verdict.sensitivity()).isEmpty();
    }

    @Test
    void shouldNeedTheMinimumOfRecentRunsForAPinnedBaseline() {
        RegressionVerdict tooFew = RegressionCheck.againstPinnedRun(P95, "main, pinned", 480, List.of(470.0, 490.0,
                480.0, 485.0), List.of(600.0), DEFAULTS);
        RegressionVerdict enough = RegressionCheck.againstPinnedRun(P95, "main, pinned", 480, List.of(470.0, 490.0,
                480.0, 485.0, 475.0), List.of(600.0), DEFAULTS);

        assertThat(tooFew.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(tooFew.reason()).isEqualTo("only 4 recent runs, 5 needed to learn the run-to-run noise from");
        assertThat(tooFew.change()).isCloseTo(0.25, within(1e-12));
        assertThat(tooFew.baselineRuns()).isEqualTo(1);
        assertThat(enough.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
    }

    @Test
    void shouldStateWhatAPinnedRunCanDetect() {
        List<Double> recent = RegressionDecisionTest.exactBaseline(494, 0.016, 10);

        Sensitivity sensitivity = RegressionCheck.againstPinnedRun(P95, "main, pinned", 494, recent, List.of(494.0),
                DEFAULTS).sensitivity().orElseThrow();

        // (t(0.995, 9) + t(0.9, 9))·0.016·√(1 + 1): one run on each side.
        assertThat(sensitivity.detectableChange()).isCloseTo(Math.expm1((3.249836 + 1.383029) * 0.016 * Math.sqrt(2)),
                within(1e-6));
        assertThat(sensitivity.runsForAllowance()).isEmpty();
    }

    @Test
    void shouldFindTheFewestRunsOrRoundsAtTheEdgeOfWhatIsAdvised() {
        // (3.249836 + 1.383029)·s·√(v(k) + 0.1) ≤ log 1.05 first for k = 10 when 0.020416 < s ≤ 0.021573;
        // (t(0.99, r-1) + t(0.9, r-1))·√2·s/√(3r/π) ≤ log 1.05 first for r = 50 when 0.063678 < s ≤ 0.064361.
        assertThat(historySensitivity(0.021).runsForAllowance()).hasValue(10);
        assertThat(historySensitivity(0.0216).runsForAllowance()).isEmpty();
        assertThat(historySensitivity(0.064).roundsForAllowance()).hasValue(50);
        assertThat(historySensitivity(0.0645).roundsForAllowance()).isEmpty();
    }

    @Test
    void shouldTellWhetherTheRunsDetectTheAllowance() {
        Sensitivity sensitivity = new Sensitivity(0.01, 0.05, OptionalInt.empty(), OptionalInt.empty());
        Sensitivity falls = new Sensitivity(0.01, -0.05, OptionalInt.empty(), OptionalInt.empty());

        assertThat(sensitivity.detectsAllowance(0.05)).isTrue();
        assertThat(sensitivity.detectsAllowance(0.0499)).isFalse();
        assertThat(sensitivity.detectsAllowance(0.06)).isTrue();
        assertThat(falls.detectsAllowance(-0.05)).isTrue();
        assertThat(falls.detectsAllowance(-0.0499)).isFalse();
    }

    // --- interleaved rounds ---

    @Test
    void shouldMirrorTheIntervalOfALargerIsBetterStatistic() {
        RegressionRule throughput = RegressionRule.of(Statistic.RATE, ">", "baseline - 5%");
        List<Double> baseline = Collections.nCopies(8, 100.0);
        List<Double> slower = RegressionDecisionTest.exactBaseline(103, 0.04, 8);
        List<Double> faster = slower.stream().map(value -> 100 * 100 / value).toList();

        ChangeInterval up = RegressionCheck.interleaved(P95, "the baseline URL", baseline, slower, DEFAULTS).interval()
                .orElseThrow();
        ChangeInterval down = RegressionCheck.interleaved(throughput, "the baseline URL", baseline, faster, DEFAULTS)
                .interval().orElseThrow();

        // The same log ratios with the sign turned: the interval turns with them.
        assertThat(Math.log1p(down.lower())).isCloseTo(-Math.log1p(up.upper()), within(1e-12));
        assertThat(Math.log1p(down.upper())).isCloseTo(-Math.log1p(up.lower()), within(1e-12));
        assertThat(down.lower()).isLessThan(down.upper());
    }

    @Test
    void shouldFloorTheNoiseOfIdenticalRounds() {
        List<Double> baseline = Collections.nCopies(8, 100.0);
        List<Double> candidate = Collections.nCopies(8, 101.0);

        Sensitivity sensitivity = RegressionCheck.interleaved(P95, "the baseline URL", baseline, candidate, DEFAULTS)
                .sensitivity().orElseThrow();

        assertThat(sensitivity.noise()).isCloseTo(DEFAULTS.spreadFloor(), within(1e-15));
    }

    @Test
    void shouldFailOnAPValueExactlyAtTheLevel() {
        List<Double> baseline = Collections.nCopies(7, 100.0);
        List<Double> candidate = RegressionDecisionTest.exactBaseline(120, 0.01, 6);
        List<Double> rounds = new ArrayList<>(candidate);
        rounds.add(120.0);

        // Seven rounds all slower: p = 2^-7 exactly.
        RegressionVerdict atLevel = RegressionCheck.interleaved(P95, "the baseline URL", baseline, rounds, DEFAULTS,
                new FailLevel(1 / 128.0, 2));
        RegressionVerdict belowLevel = RegressionCheck.interleaved(P95, "the baseline URL", baseline, rounds, DEFAULTS,
                new FailLevel(1 / 129.0, 2));

        assertThat(atLevel.pValue()).isEqualTo(1 / 128.0);
        assertThat(atLevel.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(belowLevel.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
    }

    @Test
    void shouldNeedSevenRoundsAtTheDefaultRate() {
        List<Double> six = Collections.nCopies(6, 100.0);
        List<Double> seven = Collections.nCopies(7, 100.0);

        assertThat(RegressionCheck.interleaved(P95, "b", six, Collections.nCopies(6, 150.0), DEFAULTS).reason())
                .isEqualTo("only 6 interleaved rounds, 7 needed for 99% confidence");
        assertThat(RegressionCheck.interleaved(P95, "b", seven, Collections.nCopies(7, 150.0), DEFAULTS).outcome())
                .isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(RegressionCheck.interleaved(P95, "b", List.of(), List.of(), DEFAULTS).baseline()).isNaN();
    }

    // --- sentences ---

    @Test
    void shouldCallNoChangeAbove() {
        RegressionVerdict unchanged = new RegressionVerdict(RegressionOutcome.NO_REGRESSION, Method.HISTORY,
                Direction.SMALLER_IS_BETTER, 494, 494, 0, ChangeScale.RELATIVE, 0.05, Optional.empty(), 0.5,
                FailLevel.alone(DEFAULTS), Optional.empty(), 10, 0, 1, "main", "");

        assertThat(RegressionSentence.of(SeriesKey.of("http_req_duration"), P95, unchanged, value -> value + " ms"))
                .isEqualTo("http_req_duration p(95) is 494.0 ms, 0% above the baseline of 494.0 ms (10 runs of main), "
                        + "within the + 5% the rule allows");
    }

    // --- value types ---

    @Test
    void shouldValidateTheSettingsAtEachEdge() {
        RegressionSettings defaults = RegressionSettings.defaults();

        assertThat(defaults).isEqualTo(new RegressionSettings(5, 0.01, 0.9, 0.05, 0.005, 0.005, 0.001));
        assertThat(defaults.withFalseAlarmRate(0.5).falseAlarmRate()).isEqualTo(0.5);
        assertThat(defaults.withMinimumBaselineRuns(3).minimumBaselineRuns()).isEqualTo(3);
        assertThat(new RegressionSettings(5, 0.01, 0.9, 1, 1, 1, 0.5)).isNotNull();
        assertThatThrownBy(() -> defaults.withMinimumBaselineRuns(2)).hasMessage(
                "minimumBaselineRuns must be at least 3, was 2");
        assertThatThrownBy(() -> defaults.withFalseAlarmRate(0)).hasMessage(
                "falseAlarmRate must be within (0.0, 0.5], was 0.0");
        assertThatThrownBy(() -> defaults.withFalseAlarmRate(0.5000001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withPassConfidence(0.5)).hasMessage(
                "passConfidence must be within (0.5, 1), was 0.5");
        assertThatThrownBy(() -> defaults.withPassConfidence(1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(defaults.withPassConfidence(0.5000001).passConfidence()).isEqualTo(0.5000001);
        assertThatThrownBy(() -> defaults.withMinimumChange(0)).hasMessage(
                "minimumChange must be within (0.0, 1.0], was 0.0");
        assertThatThrownBy(() -> new RegressionSettings(5, 0.01, 0.9, 0.05, 0, 0.005, 0.001)).hasMessage(
                "minimumRateIncrease must be within (0.0, 1.0], was 0.0");
        assertThatThrownBy(() -> new RegressionSettings(5, 0.01, 0.9, 0.05, 0.005, 1.5, 0.001)).hasMessage(
                "spreadFloor must be within (0.0, 1.0], was 1.5");
        assertThatThrownBy(() -> new RegressionSettings(5, 0.01, 0.9, 0.05, 0.005, 0.005, 0)).hasMessage(
                "outlierLevel must be within (0.0, 0.5], was 0.0");
    }

    @Test
    void shouldValidateChangePointSettingsAtEachEdge() {
        assertThat(ChangePointSettings.defaults()).isEqualTo(new ChangePointSettings(0.01, 499, 5, 20_240_601L));
        assertThat(new ChangePointSettings(0.5, 1, 2, 1)).isNotNull();
        assertThat(new ChangePointSettings(0.01, 99, 2, 1)).isNotNull();
        assertThatThrownBy(() -> new ChangePointSettings(0, 499, 5, 1)).hasMessage(
                "significance must be within (0, 1), was 0.0");
        assertThatThrownBy(() -> new ChangePointSettings(1, 499, 5, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChangePointSettings(0.01, 0, 5, 1)).hasMessage(
                "permutations must be at least 1, was 0");
        assertThatThrownBy(() -> new ChangePointSettings(0.01, 98, 5, 1)).hasMessage(
                "98 permutations cannot reach a p-value of 0.01; use at least 99");
        assertThatThrownBy(() -> new ChangePointSettings(0.01, 499, 1, 1)).hasMessage(
                "minimumSegment must be at least 2, was 1");
    }

    @Test
    void shouldValidateTheValuesOfAVerdict() {
        assertThat(new EventCount(1, 1).rate()).isEqualTo(1);
        assertThat(new EventCount(0, 1).rate()).isZero();
        assertThat(new EventCount(3, 4).rate()).isEqualTo(0.75);
        assertThatThrownBy(() -> new EventCount(0, 0)).hasMessage(
                "a run needs at least one sample to count events, had 0");
        assertThatThrownBy(() -> new EventCount(-1, 5)).hasMessage("events must be within 0..5, was -1");
        assertThatThrownBy(() -> new EventCount(6, 5)).isInstanceOf(IllegalArgumentException.class);

        assertThat(new ChangeInterval(0.1, 0.1, 0.5).lower()).isEqualTo(0.1);
        assertThatThrownBy(() -> new ChangeInterval(0.2, 0.1, 0.8)).hasMessage(
                "lower bound 0.2 is above the upper bound 0.1");
        assertThatThrownBy(() -> new ChangeInterval(0, 0.1, 0)).hasMessage("confidence must be within (0, 1), was 0.0");
        assertThatThrownBy(() -> new ChangeInterval(0, 0.1, 1)).isInstanceOf(IllegalArgumentException.class);

        assertThat(new Sensitivity(1e-9, -0.5, OptionalInt.of(1), OptionalInt.of(1)).noise()).isEqualTo(1e-9);
        assertThatThrownBy(() -> new Sensitivity(0, 0.05, OptionalInt.empty(), OptionalInt.empty())).hasMessage(
                "noise must be positive and finite, was 0.0");
        assertThatThrownBy(() -> new Sensitivity(Double.POSITIVE_INFINITY, 0.05, OptionalInt.empty(),
                OptionalInt.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sensitivity(0.01, 0, OptionalInt.empty(), OptionalInt.empty())).hasMessage(
                "detectableChange must be a non-zero change, was 0.0");
        assertThatThrownBy(() -> new Sensitivity(0.01, Double.NaN, OptionalInt.empty(), OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Sensitivity(0.01, 0.05, OptionalInt.of(0), OptionalInt.empty())).hasMessage(
                "runsForAllowance must be at least 1, was 0");
        assertThatThrownBy(() -> new Sensitivity(0.01, 0.05, OptionalInt.empty(), OptionalInt.of(0))).hasMessage(
                "roundsForAllowance must be at least 1, was 0");

        for (double pValue : new double[] {0, 1, Double.NaN}) {
            assertThat(verdict(RegressionOutcome.NO_REGRESSION, pValue, "").isRegression()).isFalse();
        }
        assertThat(verdict(RegressionOutcome.REGRESSION, 0.001, "").isRegression()).isTrue();
        assertThat(verdict(RegressionOutcome.INCONCLUSIVE, 0.5, "noisy").isRegression()).isFalse();
        assertThatThrownBy(() -> verdict(RegressionOutcome.NO_REGRESSION, -0.1, "")).hasMessage(
                "pValue must be within [0, 1] or NaN, was -0.1");
        assertThatThrownBy(() -> verdict(RegressionOutcome.NO_REGRESSION, 1.1, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> verdict(RegressionOutcome.INCONCLUSIVE, 0.5, "")).hasMessage(
                "an inconclusive verdict, and only that, has a reason");
        assertThatThrownBy(() -> verdict(RegressionOutcome.REGRESSION, 0.001, "why"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldKnowTheVarianceOfAMedianAtTheEndOfItsTable() {
        assertThat(MedianSpread.varianceFactor(30)).isEqualTo(0.050022);
        assertThat(MedianSpread.varianceFactor(31)).isEqualTo(Math.PI / 62);
    }

    // --- outlier screening: Rosner's critical values ---

    @Test
    void shouldMatchRosnersCriticalValues() {
        // Two-sided 5 %, first step (Grubbs): λ = 2.290 for n = 10, 2.549 for n = 15, 2.709 for n = 20.
        assertCriticalValue(10, 1, 2.2900);
        assertCriticalValue(15, 1, 2.5483);
        assertCriticalValue(20, 1, 2.7082);
        // Second step of n = 10: λ2 = 2.215.
        assertCriticalValue(10, 2, 2.2150);
        // Nothing is left to test with fewer than two values beyond the step; a value beyond all reach is out.
        assertThat(ScreenedRuns.exceedsCriticalValue(100, 3, 2, 0.05)).isFalse();
        assertThat(ScreenedRuns.exceedsCriticalValue(Math.sqrt(81.0 / 10) + 1e-9, 10, 1, 0.05)).isTrue();
    }

    @Test
    void shouldGiveTheMeanAndSpreadOfTheKeptRuns() {
        ScreenedRuns screened = ScreenedRuns.screen(new double[] {1, 2, 3, 4, 5}, 0.001);

        assertThat(screened.mean()).isEqualTo(3);
        assertThat(screened.spread()).isCloseTo(Math.sqrt(2.5), within(1e-15));
        assertThat(screened.kept()).isEqualTo(5);
        assertThatThrownBy(() -> ScreenedRuns.screen(new double[] {1}, 0.001)).hasMessage(
                "screening needs at least 2 values, has 1");
        assertThat(ScreenedRuns.screen(new double[] {1, 2}, 0.001).kept()).isEqualTo(2);
    }

    private static void assertCriticalValue(int n, int step, double lambda) {
        assertThat(ScreenedRuns.exceedsCriticalValue(lambda + 0.001, n, step, 0.05)).as("n=%s, step %s", n, step)
                .isTrue();
        assertThat(ScreenedRuns.exceedsCriticalValue(lambda - 0.001, n, step, 0.05)).as("n=%s, step %s", n, step)
                .isFalse();
    }

    // --- change points: the energy statistic from its definition ---

    @Test
    void shouldSplitWhereTheEnergyStatisticDefinedPairByPairIsLargest() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int length = 12 + random.nextInt(20);
            double[] values = new double[length];
            for (int i = 0; i < length; i++) {
                values[i] = random.nextDouble() * (i > length / 2 ? 3 : 1);
            }
            int minimumSegment = 2 + random.nextInt(4);

            ChangePoints.Split split = ChangePoints.bestSplitOf(values, 0, length, minimumSegment, 0);

            double best = Double.NEGATIVE_INFINITY;
            int bestIndex = -1;
            for (int t = minimumSegment; t <= length - minimumSegment; t++) {
                double q = energy(values, t);
                if (q > best) {
                    best = q;
                    bestIndex = t;
                }
            }
            assertThat(split.index()).as("trial %s", trial).isEqualTo(bestIndex);
            assertThat(split.divergence()).as("trial %s", trial).isCloseTo(best, within(1e-9));
        }
    }

    @Test
    void shouldGiveAClearStepTheSmallestPValueThePermutationsCanReach() {
        List<Double> series = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            series.add((i < 10 ? 100.0 : 130.0) + (i % 3));
        }

        List<ChangePoint> points = ChangePoints.find(series, new ChangePointSettings(0.002, 499, 10, 7));

        // 1/(499 + 1): no permutation reaches the step; a segment of exactly twice the minimum splits.
        assertThat(points).singleElement().satisfies(point -> {
            assertThat(point.index()).isEqualTo(10);
            assertThat(point.pValue()).isEqualTo(0.002);
            assertThat(point.meanBefore()).isEqualTo(100.9);
            assertThat(point.meanAfter()).isEqualTo(131);
        });
        assertThat(ChangePoints.find(series, new ChangePointSettings(0.0019, 999, 10, 7))).hasSize(1);
        assertThat(ChangePoints.find(series.subList(0, 19), new ChangePointSettings(0.002, 499, 10, 7))).isEmpty();
    }

    /** Q(t) = m·n/(m+n)·(2·mean|x-y| - mean|x-x'| - mean|y-y'|), every pair counted. */
    private static double energy(double[] values, int t) {
        int m = t;
        int n = values.length - t;
        double between = 0;
        double left = 0;
        double right = 0;
        for (int i = 0; i < values.length; i++) {
            for (int j = 0; j < values.length; j++) {
                double distance = Math.abs(values[i] - values[j]);
                if (i < t && j >= t) {
                    between += distance;
                } else if (i < t && j < t && i != j) {
                    left += distance;
                } else if (i >= t && j >= t && i != j) {
                    right += distance;
                }
            }
        }
        return (double) m * n / (m + n) * (2 * between / (m * n) - left / (m * (m - 1.0)) - right / (n * (n - 1.0)));
    }

    private static Sensitivity historySensitivity(double spread) {
        return RegressionCheck.againstHistory(P95, "main", RegressionDecisionTest.exactBaseline(494, spread, 10),
                List.of(494.0), DEFAULTS).sensitivity().orElseThrow();
    }

    private static RegressionVerdict verdict(RegressionOutcome outcome, double pValue, String reason) {
        return new RegressionVerdict(outcome, Method.HISTORY, Direction.SMALLER_IS_BETTER, 1, 1, 0, ChangeScale.RELATIVE,
                0.05, Optional.empty(), pValue, FailLevel.alone(DEFAULTS), Optional.empty(), 10, 0, 1, "main", reason);
    }

    /** P(X ≥ k) for X ~ Binomial(n, p), term by term. */
    static double binomialTail(int k, int n, double p) {
        double sum = 0;
        for (int x = k; x <= n; x++) {
            double logTerm = 0;
            for (int i = 0; i < x; i++) {
                logTerm += Math.log(n - i) - Math.log(i + 1);
            }
            sum += Math.exp(logTerm + x * Math.log(p) + (n - x) * Math.log1p(-p));
        }
        return sum;
    }
}
