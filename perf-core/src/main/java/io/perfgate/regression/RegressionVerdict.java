package io.perfgate.regression;

import java.util.Objects;
import java.util.Optional;

/**
 * The finding of one regression check, with the numbers its sentence is made of.
 *
 * @param outcome        regression, none, or undecided
 * @param method         how the candidate was compared
 * @param direction      which way is worse
 * @param observed       the candidate's value: the median of its runs (their pooled rate for event
 *                       counts), in the statistic's own unit
 * @param baseline       the baseline's value: the geometric mean of the kept history runs, the median of
 *                       the interleaved baseline runs, or the pooled rate of event counts; NaN when
 *                       there is no baseline run
 * @param change         the measured change, on {@link #scale()}: relative (0.24 for 24% more) or in
 *                       points of a rate (0.015 for 1.5 percentage points); NaN when not measured
 * @param scale          how {@link #change()} and {@link #allowedChange()} are expressed
 * @param allowedChange  the change the rule allows, signed in the direction of travel
 * @param interval       where the true change lies, when the method gives bounds: the two-sided interval
 *                       whose upper bound (on the worse side) is the one a pass needs below the allowance,
 *                       at {@link RegressionSettings#passConfidence()} on each side
 * @param pValue         the one-sided p-value of the test of "no change" against a worse statistic: how
 *                       likely a change at least this bad is without any change; NaN when nothing was
 *                       tested (too few runs, no baseline)
 * @param failLevel      what {@code pValue} had to reach for the line to fail
 * @param sensitivity    how fine this line can tell a change, from the noise of its runs; empty when
 *                       that noise is unknown (too few runs, event counts)
 * @param baselineRuns   how many baseline runs (or interleaved rounds) were given
 * @param excludedRuns   how many of them were left out as outlier runs
 * @param candidateRuns  how many candidate runs were given
 * @param baselineName   what the baseline is, for people, e.g. {@code main}
 * @param reason         for {@link RegressionOutcome#INCONCLUSIVE} why, as part of a sentence, e.g.
 *                       {@code only 3 baseline runs, 5 needed}; otherwise empty
 */
public record RegressionVerdict(RegressionOutcome outcome, Method method, Direction direction, double observed,
        double baseline, double change, ChangeScale scale, double allowedChange, Optional<ChangeInterval> interval,
        double pValue, FailLevel failLevel, Optional<Sensitivity> sensitivity, int baselineRuns, int excludedRuns,
        int candidateRuns, String baselineName, String reason) {

    /** How the candidate was compared with its baseline. */
    public enum Method {
        /** Candidate run(s) of this build against one run per earlier build. */
        HISTORY,
        /** Baseline and candidate runs alternated in rounds within this build. */
        INTERLEAVED,
        /** Counted events (failed requests) pooled over runs, for k6 Rate metrics. */
        EVENT_COUNTS
    }

    /** How a change is expressed. */
    public enum ChangeScale {
        /** As a fraction of the baseline: 0.1 is 10% more. */
        RELATIVE,
        /** As a difference of two rates: 0.005 is half a percentage point more. */
        POINTS
    }

    public RegressionVerdict {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(interval, "interval");
        if (!(Double.isNaN(pValue) || pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("pValue must be within [0, 1] or NaN, was " + pValue);
        }
        Objects.requireNonNull(failLevel, "failLevel");
        Objects.requireNonNull(sensitivity, "sensitivity");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(reason, "reason");
        if (outcome == RegressionOutcome.INCONCLUSIVE == reason.isEmpty()) {
            throw new IllegalArgumentException("an inconclusive verdict, and only that, has a reason");
        }
    }

    /** Whether the gate should fail the build. */
    public boolean isRegression() {
        return outcome == RegressionOutcome.REGRESSION;
    }
}
