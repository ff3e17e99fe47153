package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.stats.Statistic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decision's numbers against an independent computation: baselines whose log values have an exact
 * mean and standard deviation, candidates placed at published quantiles of Student's t and of
 * Wilcoxon's signed-rank statistic, so the p-values, bounds and detectable changes are known beforehand.
 */
class RegressionDecisionTest {

    /** Published quantiles of Student's t (e.g. Abramowitz &amp; Stegun, table 26.10). */
    private static final double T_995_9 = 3.249836;
    private static final double T_99_9 = 2.821438;
    private static final double T_90_9 = 1.383029;
    private static final double T_9995_9 = 4.780913;
    private static final double LOG_ALLOWANCE = Math.log(1.05);

    private static final RegressionSettings DEFAULTS = RegressionSettings.defaults();
    private static final RegressionRule RULE = RegressionRule.of(Statistic.percentile(95), "<", "baseline");
    private static final RegressionRule THROUGHPUT = RegressionRule.of(Statistic.RATE, ">", "baseline");
    private static final double CENTRE = 494;
    private static final double SPREAD = 0.02;
    /** Ten runs whose logs have mean log(494) and standard deviation 0.02 exactly. */
    private static final List<Double> BASELINE = exactBaseline(CENTRE, SPREAD, 10);
    /** The standard error of one candidate run against them: s·√(1 + 1/10). */
    private static final double ONE_RUN = SPREAD * Math.sqrt(1.1);

    @Test
    void shouldGiveTheTwoSidedTPValueOfTheChange() {
        RegressionVerdict atCritical = check(T_995_9 * ONE_RUN);
        RegressionVerdict atTenPercent = check(1.833113 * ONE_RUN);   // t(0.95, 9): two-sided 0.10

        assertThat(atCritical.pValue()).isCloseTo(0.01, within(1e-7));
        assertThat(atTenPercent.pValue()).isCloseTo(0.10, within(1e-7));
        assertThat(check(-T_995_9 * ONE_RUN).pValue()).isEqualTo(1);
    }

    @Test
    void shouldFailOnlyWithAPValueAtMostTheLevelAndAChangeBeyondTheAllowance() {
        RegressionVerdict justSignificant = check(T_995_9 * ONE_RUN * 1.001);
        RegressionVerdict justNot = check(T_995_9 * ONE_RUN * 0.999);

        assertThat(justSignificant.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(justSignificant.failLevel()).isEqualTo(new FailLevel(0.01, 1));
        assertThat(justNot.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(justNot.reason()).startsWith("the runs vary too much to tell a change of + 5%");

        // Beyond doubt but within the allowance: never a failure.
        List<Double> quiet = exactBaseline(CENTRE, 0.005, 10);
        RegressionVerdict withinAllowance = RegressionCheck.againstHistory(RULE, "main", quiet,
                List.of(CENTRE * Math.exp(LOG_ALLOWANCE * 0.999)), DEFAULTS);
        RegressionVerdict beyondAllowance = RegressionCheck.againstHistory(RULE, "main", quiet,
                List.of(CENTRE * Math.exp(LOG_ALLOWANCE * 1.001)), DEFAULTS);
        assertThat(withinAllowance.pValue()).isLessThan(0.0001);
        assertThat(withinAllowance.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(beyondAllowance.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
    }

    @Test
    void shouldPassWhenTheNinetyPercentBoundLiesWithinTheAllowance() {
        double edge = LOG_ALLOWANCE - T_90_9 * ONE_RUN;

        RegressionVerdict below = check(edge - 1e-6);
        RegressionVerdict above = check(edge + 1e-6);

        assertThat(below.outcome()).isEqualTo(RegressionOutcome.NO_REGRESSION);
        assertThat(above.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        ChangeInterval interval = below.interval().orElseThrow();
        assertThat(interval.upper()).isCloseTo(Math.expm1(edge - 1e-6 + T_90_9 * ONE_RUN), within(1e-7));
        assertThat(interval.lower()).isCloseTo(Math.expm1(edge - 1e-6 - T_90_9 * ONE_RUN), within(1e-7));
        assertThat(interval.confidence()).isCloseTo(0.8, within(1e-15));
    }

    @Test
    void shouldPassOnTheConfidenceTheSettingsAsk() {
        RegressionSettings surer = DEFAULTS.withPassConfidence(0.95);
        double edge = LOG_ALLOWANCE - 1.833113 * ONE_RUN;   // t(0.95, 9)

        assertThat(RegressionCheck.againstHistory(RULE, "main", BASELINE, candidate(edge - 1e-6), surer).outcome())
                .isEqualTo(RegressionOutcome.NO_REGRESSION);
        assertThat(RegressionCheck.againstHistory(RULE, "main", BASELINE, candidate(edge + 1e-6), surer).outcome())
                .isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(RegressionCheck.againstHistory(RULE, "main", BASELINE, candidate(edge), surer).interval()
                .orElseThrow().confidence()).isCloseTo(0.9, within(1e-15));
    }

    @Test
    void shouldUseTheSpreadOfAMedianOfThreeRuns() {
        double standardError = SPREAD * Math.sqrt(0.448671 + 0.1);
        List<Double> runs = List.of(CENTRE * Math.exp(T_995_9 * standardError), CENTRE * 2, CENTRE / 2);

        RegressionVerdict verdict = RegressionCheck.againstHistory(RULE, "main", BASELINE, runs, DEFAULTS);

        assertThat(verdict.pValue()).isCloseTo(0.01, within(1e-5));
        assertThat(verdict.candidateRuns()).isEqualTo(3);
    }

    @Test
    void shouldCompareAPinnedRunWithTheSpreadOfOneRunOnEachSide() {
        double standardError = SPREAD * Math.sqrt(2);
        double pinned = 480;

        RegressionVerdict verdict = RegressionCheck.againstPinnedRun(RULE, "main, pinned", pinned, BASELINE,
                List.of(pinned * Math.exp(T_995_9 * standardError)), DEFAULTS);

        assertThat(verdict.pValue()).isCloseTo(0.01, within(1e-7));
        assertThat(verdict.baseline()).isEqualTo(pinned);
        assertThat(verdict.interval().orElseThrow().upper())
                .isCloseTo(Math.expm1((T_995_9 + T_90_9) * standardError), within(1e-7));
    }

    @Test
    void shouldJudgeALineAmongOthersAtTheLevelHolmGivesIt() {
        // p = 0.002 two-sided: a failure alone, not at the 0.001 a lone regression among ten must reach.
        double change = 4.296806 * ONE_RUN;   // t(0.999, 9)
        List<Double> run = candidate(change);

        RegressionVerdict alone = RegressionCheck.againstHistory(RULE, "main", BASELINE, run, DEFAULTS);
        RegressionVerdict amongTen = RegressionCheck.againstHistory(RULE, "main", BASELINE, run, DEFAULTS,
                new FailLevel(0.001, 10));

        assertThat(alone.pValue()).isCloseTo(0.002, within(1e-7));
        assertThat(alone.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
        assertThat(amongTen.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(amongTen.failLevel()).isEqualTo(new FailLevel(0.001, 10));
        assertThat(amongTen.reason()).isEqualTo("a change of +9.4% could still be chance (p = 0.002, 0.001 needed with "
                + "10 regression lines in the build)");
    }

    @Test
    void shouldStateTheDetectableChangeFromPublishedQuantiles() {
        List<Double> quiet = exactBaseline(CENTRE, 0.016, 10);

        Sensitivity alone = RegressionCheck.againstHistory(RULE, "main", quiet, List.of(CENTRE), DEFAULTS)
                .sensitivity().orElseThrow();
        Sensitivity amongTen = RegressionCheck.againstHistory(RULE, "main", quiet, List.of(CENTRE), DEFAULTS,
                new FailLevel(0.001, 10)).sensitivity().orElseThrow();

        // Alone the two-sided p-value must reach 0.01: t(0.995, 9); among ten lines 0.001: t(0.9995, 9).
        assertThat(alone.noise()).isCloseTo(0.016, within(1e-12));
        assertThat(alone.detectableChange()).isCloseTo(Math.expm1((T_995_9 + T_90_9) * 0.016 * Math.sqrt(1.1)),
                within(1e-6));
        assertThat(amongTen.detectableChange()).isCloseTo(Math.expm1((T_9995_9 + T_90_9) * 0.016 * Math.sqrt(1.1)),
                within(1e-6));
        // (3.249836 + 1.383029)·0.016·√(v(k) + 0.1) ≤ log 1.05 first for k = 4 (v(4) = 0.298200, v(3) = 0.448671).
        assertThat(alone.runsForAllowance()).hasValue(4);
        assertThat(alone.detectsAllowance(0.05)).isFalse();
        // A/B: (t(0.99, r-1) + t(0.9, r-1))·√2·0.016/√(3r/π) ≤ log 1.05 already for the fewest rounds, 7.
        assertThat(alone.roundsForAllowance()).hasValue(7);
    }

    @Test
    void shouldStateTheDetectableFallForALargerIsBetterStatistic() {
        List<Double> throughput = exactBaseline(135.7, 0.016, 10);

        Sensitivity sensitivity = RegressionCheck.againstHistory(THROUGHPUT, "main", throughput, List.of(135.7),
                DEFAULTS).sensitivity().orElseThrow();

        assertThat(sensitivity.detectableChange()).isCloseTo(
                Math.expm1(-(T_995_9 + T_90_9) * 0.016 * Math.sqrt(1.1)), within(1e-6));
    }

    @Test
    void shouldGiveTheExactSignedRankPValueOfInterleavedRounds() {
        // Ranks 1..10 with ranks 1, 2 and 5 negative: T+ = 55 - 8 = 47, and P(T+ ≥ 47) = P(T+ ≤ 8) = 0.0244
        // for n = 10 in the published tables (25 of 1024 sign patterns).
        List<Double> baseline = Collections.nCopies(10, 100.0);
        List<Double> candidate = new ArrayList<>();
        for (int rank = 1; rank <= 10; rank++) {
            double ratio = 0.01 * rank * (rank == 1 || rank == 2 || rank == 5 ? -1 : 1);
            candidate.add(100 * Math.exp(ratio));
        }

        RegressionVerdict verdict = RegressionCheck.interleaved(RULE, "the baseline URL", baseline, candidate, DEFAULTS);

        assertThat(verdict.pValue()).isCloseTo(25 / 1024.0, within(1e-15));
    }

    @Test
    void shouldStateWhatInterleavedRoundsDetect() {
        // Ten rounds whose log ratios have mean 0 and standard deviation 0.03 exactly.
        List<Double> baseline = Collections.nCopies(10, 100.0);
        List<Double> candidate = exactBaseline(100, 0.03, 10);

        RegressionVerdict alone = RegressionCheck.interleaved(RULE, "the baseline URL", baseline, candidate, DEFAULTS);
        RegressionVerdict amongTwenty = RegressionCheck.interleaved(RULE, "the baseline URL", baseline, candidate,
                DEFAULTS, new FailLevel(0.0005, 20));

        Sensitivity sensitivity = alone.sensitivity().orElseThrow();
        assertThat(sensitivity.noise()).isCloseTo(0.03 / Math.sqrt(2), within(1e-12));
        assertThat(sensitivity.detectableChange()).isCloseTo(
                Math.expm1((T_99_9 + T_90_9) * 0.03 / Math.sqrt(3 / Math.PI * 10)), within(1e-6));
        assertThat(sensitivity.runsForAllowance()).isEmpty();
        // 2^-10 > 0.0005: ten rounds can fail no line among twenty; twelve could (2^-11 ≤ 0.0005).
        Sensitivity tooFew = amongTwenty.sensitivity().orElseThrow();
        assertThat(tooFew.detectableChange()).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(tooFew.roundsForAllowance().orElseThrow()).isGreaterThanOrEqualTo(11);
    }

    private static RegressionVerdict check(double logChange) {
        return RegressionCheck.againstHistory(RULE, "main", BASELINE, candidate(logChange), DEFAULTS);
    }

    private static List<Double> candidate(double logChange) {
        return List.of(CENTRE * Math.exp(logChange));
    }

    /**
     * {@code count} values (even) whose logs are log(centre) ± spread·√((n-1)/n) alternately: mean
     * log(centre), sample standard deviation exactly {@code spread}, and no value an outlier.
     */
    static List<Double> exactBaseline(double centre, double spread, int count) {
        double offset = spread * Math.sqrt((count - 1.0) / count);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(centre * Math.exp(i % 2 == 0 ? offset : -offset));
        }
        return List.copyOf(values);
    }
}
