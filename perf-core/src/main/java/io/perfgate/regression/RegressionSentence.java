package io.perfgate.regression;

import io.perfgate.regression.RegressionVerdict.ChangeScale;
import io.perfgate.stats.SeriesKey;
import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * The one sentence that tells what a regression rule found, in the shape of the budget lines' sentences:
 *
 * <pre>
 * http_req_duration{name:checkout} p(95) is 612 ms, 24% above the baseline of 494 ms (10 runs of main); the rule allows + 10%
 * http_req_duration{name:checkout} p(95) is 512 ms (median of 3 runs), 3.6% above the baseline of 494 ms (10 runs of main), within the + 10% the rule allows
 * http_reqs rate is 119.4/s, 12% below the baseline of 135.7/s (10 runs of main, 1 outlier run left out); the rule allows - 5%
 * http_req_failed rate is 2.1%, 1.5 percentage points above the baseline of 0.6% (10 runs of main); the rule allows + 0.5 percentage points
 * http_req_duration{name:checkout} p(95) could not be decided: only 3 baseline runs, 5 needed
 * http_req_duration{name:checkout} p(95) could not be decided: the runs vary too much to tell a change of + 5%: the change lies between -2.3% and +8.6% at 80% confidence; it is 509 ms, 3% above the baseline of 494 ms (10 runs of main); with this noise (runs vary by 3.2%) 1 run per build detects changes of 14% or more; 7 runs per build would detect 5%, and so would 17 interleaved A/B rounds
 * </pre>
 *
 * Values print through the caller's formatter, so they carry the unit the budget line was written in,
 * as every other sentence of the report does; changes print as percentages with two significant digits.
 */
public final class RegressionSentence {

    private RegressionSentence() {
    }

    /**
     * @param valueText prints a value of the statistic with its unit, e.g. {@code 612 ms}, {@code 2.1%}
     */
    public static String of(SeriesKey series, RegressionRule rule, RegressionVerdict verdict,
            DoubleFunction<String> valueText) {
        Objects.requireNonNull(valueText, "valueText");
        String subject = series + " " + rule.statistic();
        return switch (verdict.outcome()) {
            case REGRESSION -> subject + " is " + comparison(verdict, valueText) + "; the rule allows "
                    + allowance(verdict);
            case NO_REGRESSION -> subject + " is " + comparison(verdict, valueText) + ", within the "
                    + allowance(verdict) + " the rule allows";
            case INCONCLUSIVE -> subject + " could not be decided: " + verdict.reason()
                    + (Double.isNaN(verdict.change()) ? "" : "; it is " + comparison(verdict, valueText))
                    + verdict.sensitivity().map(sensitivity -> "; " + advice(verdict, sensitivity)).orElse("");
        };
    }

    /**
     * What the runs can detect and what would detect the allowance: {@code with this noise (runs vary by
     * 1.6%) 1 run per build detects changes of 7.1% or more; 3 runs per build would detect 5%, and so would
     * 8 interleaved A/B rounds}.
     */
    static String advice(RegressionVerdict verdict, Sensitivity sensitivity) {
        boolean interleaved = verdict.method() == RegressionVerdict.Method.INTERLEAVED;
        int runs = verdict.candidateRuns();
        String now = interleaved ? runs + " interleaved rounds" : runs + (runs == 1 ? " run per build" : " runs per build");
        String text = "with this noise (runs vary by " + PercentText.magnitude(sensitivity.noise()) + ") " + now
                + (Double.isInfinite(sensitivity.detectableChange())
                        ? " cannot detect any change" + (verdict.failLevel().lines() == 1 ? ""
                                : " among " + verdict.failLevel().lines() + " regression lines")
                        : (interleaved || runs > 1 ? " detect" : " detects") + " changes of "
                                + PercentText.magnitude(sensitivity.detectableChange()) + " or more");
        if (sensitivity.detectsAllowance(verdict.allowedChange())) {
            return text;
        }
        String allowance = PercentText.magnitude(verdict.allowedChange());
        String moreRuns = sensitivity.runsForAllowance().isPresent()
                ? sensitivity.runsForAllowance().getAsInt() + " runs per build" : "";
        String rounds = sensitivity.roundsForAllowance().isPresent()
                ? sensitivity.roundsForAllowance().getAsInt() + (interleaved ? " rounds" : " interleaved A/B rounds")
                : "";
        if (moreRuns.isEmpty() && rounds.isEmpty()) {
            return text + "; not even " + (interleaved ? "" : Sensitivity.MOST_RUNS + " runs per build or ")
                    + Sensitivity.MOST_ROUNDS + " interleaved rounds would detect " + allowance;
        }
        if (moreRuns.isEmpty() || rounds.isEmpty()) {
            return text + "; " + moreRuns + rounds + " would detect " + allowance;
        }
        return text + "; " + moreRuns + " would detect " + allowance + ", and so would " + rounds;
    }

    /** {@code 612 ms (median of 3 runs), 24% above the baseline of 494 ms (10 runs of main)}. */
    private static String comparison(RegressionVerdict verdict, DoubleFunction<String> valueText) {
        return valueText.apply(verdict.observed()) + candidateRuns(verdict) + ", " + change(verdict)
                + " the baseline of " + valueText.apply(verdict.baseline()) + " (" + baselineRuns(verdict) + ")";
    }

    private static String candidateRuns(RegressionVerdict verdict) {
        int runs = verdict.candidateRuns();
        if (runs == 1) {
            return "";
        }
        return verdict.method() == RegressionVerdict.Method.EVENT_COUNTS ? " (" + runs + " runs)"
                : " (median of " + runs + " runs)";
    }

    private static String baselineRuns(RegressionVerdict verdict) {
        int runs = verdict.baselineRuns();
        String text = runs + (runs == 1 ? " run of " : " runs of ") + verdict.baselineName();
        if (verdict.method() == RegressionVerdict.Method.INTERLEAVED) {
            return text + ", interleaved";
        }
        int excluded = verdict.excludedRuns();
        return excluded == 0 ? text : text + ", " + excluded + (excluded == 1 ? " outlier run" : " outlier runs")
                + " left out";
    }

    /** {@code 24% above}, {@code 12% below}, {@code 1.5 percentage points above}. */
    private static String change(RegressionVerdict verdict) {
        double change = verdict.change();
        String side = change < 0 ? " below" : " above";
        return (verdict.scale() == ChangeScale.POINTS ? PercentText.points(change) : PercentText.magnitude(change))
                + side;
    }

    /** The change the rule allows, as the sentence prints it: {@code + 10%}, {@code + 0.5 percentage points}. */
    public static String allowance(RegressionVerdict verdict) {
        return verdict.scale() == ChangeScale.POINTS ? PercentText.pointsAllowance(verdict.allowedChange())
                : PercentText.allowance(verdict.allowedChange());
    }
}
