package io.perfgate.regression;

/**
 * The knobs of the regression checks. {@link #defaults()} holds the values the noise replay in the tests
 * measured: at most 1 % false alarms at run-to-run noise of 1.6–5 %, while on a quiet machine still
 * catching a +20 % change in one run and a +10 % change in the median of three or five runs.
 *
 * @param minimumBaselineRuns fewer baseline runs than this make a check inconclusive; 5 by default, the
 *                            fewest with which a spread can be estimated at all (four degrees of freedom)
 * @param falseAlarmRate      the chance of calling a regression that is not there which the checks
 *                            allow; 0.01 by default. The exact tests (interleaved rounds, event counts)
 *                            use it as their level; the interval over history, whose t quantile assumes
 *                            normal log-values, uses half of it on each side, a margin the replay shows
 *                            is needed once outlier screening and heavy tails are in play
 * @param minimumChange       the relative change a rule written as a bare {@code baseline} asks to
 *                            detect; 0.05 (5 %) by default: about three times the quietest measured
 *                            run-to-run noise of p(95), so it can be told from noise with a few runs
 * @param minimumRateIncrease the same for a rate of events (error rate) written as a bare
 *                            {@code baseline}, in absolute terms; 0.005 (half a percentage point)
 * @param spreadFloor         the smallest run-to-run spread (as a fraction, on the log scale) ever
 *                            assumed; 0.005 by default, a third of the quietest measured noise, so it
 *                            never binds on real runs but identical or rounded baselines do not give
 *                            an interval of zero width
 * @param outlierLevel        two-sided level of the outlier-run screening of the baseline; 0.001 by
 *                            default, so a normal run is left out about once in a thousand baselines
 */
public record RegressionSettings(int minimumBaselineRuns, double falseAlarmRate, double minimumChange,
        double minimumRateIncrease, double spreadFloor, double outlierLevel) {

    public RegressionSettings {
        if (minimumBaselineRuns < 3) {
            throw new IllegalArgumentException("minimumBaselineRuns must be at least 3, was " + minimumBaselineRuns);
        }
        requireWithin("falseAlarmRate", falseAlarmRate, 0, 0.5);
        requireWithin("minimumChange", minimumChange, 0, 1);
        requireWithin("minimumRateIncrease", minimumRateIncrease, 0, 1);
        requireWithin("spreadFloor", spreadFloor, 0, 1);
        requireWithin("outlierLevel", outlierLevel, 0, 0.5);
    }

    public static RegressionSettings defaults() {
        return new RegressionSettings(5, 0.01, 0.05, 0.005, 0.005, 0.001);
    }

    public RegressionSettings withMinimumBaselineRuns(int runs) {
        return new RegressionSettings(runs, falseAlarmRate, minimumChange, minimumRateIncrease, spreadFloor,
                outlierLevel);
    }

    public RegressionSettings withFalseAlarmRate(double rate) {
        return new RegressionSettings(minimumBaselineRuns, rate, minimumChange, minimumRateIncrease, spreadFloor,
                outlierLevel);
    }

    public RegressionSettings withMinimumChange(double change) {
        return new RegressionSettings(minimumBaselineRuns, falseAlarmRate, change, minimumRateIncrease, spreadFloor,
                outlierLevel);
    }

    private static void requireWithin(String name, double value, double above, double atMost) {
        if (!(value > above && value <= atMost)) {
            throw new IllegalArgumentException(name + " must be within (" + above + ", " + atMost + "], was " + value);
        }
    }
}
