package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.regression.RegressionVerdict.ChangeScale;
import io.perfgate.regression.RegressionVerdict.Method;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.DoubleFunction;
import org.junit.jupiter.api.Test;

class RegressionSentenceTest {

    private static final SeriesKey CHECKOUT = SeriesKey.of("http_req_duration", "name", "checkout");
    private static final RegressionRule TEN_PERCENT = RegressionRule.of(Statistic.percentile(95), "<", "baseline + 10%");
    private static final DoubleFunction<String> MILLISECONDS = value -> String.format(Locale.ROOT, "%.0f ms", value);
    private static final DoubleFunction<String> PERCENT = value -> String.format(Locale.ROOT, "%.2g%%", value * 100);
    private static final List<Double> TEN_RUNS = RegressionCheckTest.around(494, 0.015, 10);

    @Test
    void shouldTellARegressionWithTheAllowance() {
        RegressionVerdict verdict = RegressionCheck.againstHistory(TEN_PERCENT, "main", TEN_RUNS, List.of(612.0),
                RegressionSettings.defaults());

        assertThat(RegressionSentence.of(CHECKOUT, TEN_PERCENT, verdict, MILLISECONDS)).isEqualTo(
                "http_req_duration{name:checkout} p(95) is 612 ms, 24% above the baseline of 494 ms (10 runs of main); "
                        + "the rule allows + 10%");
    }

    @Test
    void shouldTellAPassWithinTheAllowance() {
        RegressionVerdict verdict = RegressionCheck.againstHistory(TEN_PERCENT, "main", TEN_RUNS,
                List.of(512.0, 509.0, 515.0), RegressionSettings.defaults());

        assertThat(RegressionSentence.of(CHECKOUT, TEN_PERCENT, verdict, MILLISECONDS)).isEqualTo(
                "http_req_duration{name:checkout} p(95) is 512 ms (median of 3 runs), 3.6% above the baseline of 494 ms "
                        + "(10 runs of main), within the + 10% the rule allows");
    }

    @Test
    void shouldTellTooFewBaselineRuns() {
        RegressionVerdict verdict = RegressionCheck.againstHistory(TEN_PERCENT, "main", TEN_RUNS.subList(0, 3),
                List.of(612.0), RegressionSettings.defaults());

        assertThat(RegressionSentence.of(CHECKOUT, TEN_PERCENT, verdict, MILLISECONDS)).isEqualTo(
                "http_req_duration{name:checkout} p(95) could not be decided: only 3 baseline runs, 5 needed");
    }

    @Test
    void shouldTellTooNoisyRunsWithWhatWasMeasuredAndWhatWouldDecide() {
        RegressionRule rule = RegressionRule.of(Statistic.percentile(95), "<", "baseline");
        RegressionVerdict verdict = RegressionCheck.againstHistory(rule, "main",
                RegressionDecisionTest.exactBaseline(494, 0.03, 10), List.of(510.0), RegressionSettings.defaults());

        // d = log(510/494) = 0.0319 ± t(0.9, 9)·0.03·√1.1; detects expm1((3.2498 + 1.3830)·0.03·√1.1) = 16%;
        // no median of up to 10 runs against 10 baseline runs gets below log 1.05, 13 A/B rounds do.
        assertThat(RegressionSentence.of(CHECKOUT, rule, verdict, MILLISECONDS)).isEqualTo(
                "http_req_duration{name:checkout} p(95) could not be decided: the runs vary too much to tell a change "
                        + "of + 5%: the change lies between -1.2% and +7.8% at 80% confidence; it is 510 ms, 3.2% above "
                        + "the baseline of 494 ms (10 runs of main); with this noise (runs vary by 3%) 1 run per build "
                        + "detects changes of 16% or more; 13 interleaved A/B rounds would detect 5%");
    }

    @Test
    void shouldAdviseMoreRunsPerBuildBesideInterleavedRounds() {
        RegressionRule rule = RegressionRule.of(Statistic.percentile(95), "<", "baseline");
        RegressionVerdict verdict = RegressionCheck.againstHistory(rule, "main",
                RegressionDecisionTest.exactBaseline(494, 0.016, 20), List.of(515.0), RegressionSettings.defaults());

        assertThat(RegressionSentence.of(CHECKOUT, rule, verdict, MILLISECONDS)).endsWith(
                "; with this noise (runs vary by 1.6%) 1 run per build detects changes of 7.1% or more; 3 runs per "
                        + "build would detect 5%, and so would 7 interleaved A/B rounds");
    }

    @Test
    void shouldSayWhenNothingWithinReachWouldDecide() {
        RegressionRule rule = RegressionRule.of(Statistic.percentile(95), "<", "baseline");
        RegressionVerdict verdict = RegressionCheck.againstHistory(rule, "main",
                RegressionDecisionTest.exactBaseline(494, 0.1, 10), List.of(530.0), RegressionSettings.defaults());

        assertThat(RegressionSentence.of(CHECKOUT, rule, verdict, MILLISECONDS)).endsWith(
                "; not even 10 runs per build or 50 interleaved rounds would detect 5%");
    }

    @Test
    void shouldAdviseMoreRoundsToAnInterleavedLine() {
        RegressionRule rule = RegressionRule.of(Statistic.percentile(95), "<", "baseline");
        List<Double> baseline = Collections.nCopies(8, 100.0);
        List<Double> candidate = RegressionDecisionTest.exactBaseline(103, 0.05, 8);

        RegressionVerdict verdict = RegressionCheck.interleaved(rule, "the baseline URL", baseline, candidate,
                RegressionSettings.defaults());

        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        // Log ratios with standard deviation 0.05: (t(0.99, 7) + t(0.9, 7))·0.05/√(3·8/π) = log 1.083.
        assertThat(RegressionSentence.of(CHECKOUT, rule, verdict, MILLISECONDS)).endsWith("; with this noise (runs "
                + "vary by 3.5%) 8 interleaved rounds detect changes of 8.3% or more; 17 rounds would detect 5%");
    }

    @Test
    void shouldSayWhenTooFewRoundsCanFailNoLineAmongMany() {
        RegressionRule rule = RegressionRule.of(Statistic.percentile(95), "<", "baseline");
        List<Double> baseline = Collections.nCopies(8, 100.0);
        List<Double> candidate = RegressionDecisionTest.exactBaseline(103, 0.05, 8);

        RegressionVerdict verdict = RegressionCheck.interleaved(rule, "the baseline URL", baseline, candidate,
                RegressionSettings.defaults(), new FailLevel(0.001, 10));

        assertThat(RegressionSentence.of(CHECKOUT, rule, verdict, MILLISECONDS)).contains(
                "; with this noise (runs vary by 3.5%) 8 interleaved rounds cannot detect any change among 10 "
                        + "regression lines; ");
    }

    @Test
    void shouldNotAdviseMoreWhereTheRunsAlreadyDetectTheAllowance() {
        RegressionRule rule = RegressionRule.of(Statistic.percentile(95), "<", "baseline + 20%");
        RegressionVerdict verdict = RegressionCheck.againstHistory(rule, "main",
                RegressionDecisionTest.exactBaseline(494, 0.03, 10), List.of(580.0, 585.0, 700.0),
                RegressionSettings.defaults(), new FailLevel(0.0001, 10));

        assertThat(verdict.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(RegressionSentence.of(CHECKOUT, rule, verdict, MILLISECONDS)).endsWith(
                "; with this noise (runs vary by 3%) 3 runs per build detect changes of 15% or more");
    }

    @Test
    void shouldTellAThroughputDropAndTheLeftOutOutlier() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, ">", "baseline - 5%");
        RegressionVerdict verdict = new RegressionVerdict(RegressionOutcome.REGRESSION, Method.HISTORY,
                Direction.LARGER_IS_BETTER, 119.4, 135.7, 119.4 / 135.7 - 1, ChangeScale.RELATIVE, -0.05,
                Optional.of(new ChangeInterval(-0.16, -0.08, 0.99)), 0.0001, new FailLevel(0.01, 1), Optional.empty(), 10,
                1, 1, "main", "");

        assertThat(RegressionSentence.of(SeriesKey.of("http_reqs"), rule, verdict, value -> value + "/s")).isEqualTo(
                "http_reqs rate is 119.4/s, 12% below the baseline of 135.7/s (10 runs of main, 1 outlier run left "
                        + "out); the rule allows - 5%");
    }

    @Test
    void shouldTellAnErrorRateInPercentagePoints() {
        RegressionRule rule = RegressionRule.of(Statistic.RATE, "<", "baseline + 0.5%");
        RegressionVerdict verdict = RegressionCheck.eventRate(rule, "main",
                Collections.nCopies(10, new EventCount(8, 1360)), List.of(new EventCount(29, 1360)),
                RegressionSettings.defaults());

        assertThat(RegressionSentence.of(SeriesKey.of("http_req_failed"), rule, verdict, PERCENT)).isEqualTo(
                "http_req_failed rate is 2.1%, 1.5 percentage points above the baseline of 0.59% (10 runs of main); "
                        + "the rule allows + 0.5 percentage points");
    }

    @Test
    void shouldTellInterleavedRounds() {
        RegressionRule rule = RegressionRule.of(Statistic.percentile(95), "<", "baseline");
        List<Double> baseline = RegressionCheckTest.around(494, 0.01, 8);
        List<Double> candidate = baseline.stream().map(value -> value * 1.01).toList();
        RegressionVerdict verdict = RegressionCheck.interleaved(rule, "main", baseline, candidate,
                RegressionSettings.defaults());

        assertThat(RegressionSentence.of(CHECKOUT, rule, verdict, MILLISECONDS)).isEqualTo(
                "http_req_duration{name:checkout} p(95) is 499 ms (median of 8 runs), 1% above the baseline of 494 ms "
                        + "(8 runs of main, interleaved), within the + 5% the rule allows");
    }
}
