package io.perfgate.regression;

/**
 * The knobs of the regression checks. {@link #defaults()} holds the values the noise replay in the tests
 * measured: at most 1 % false alarms per build, also with ten regression lines, and one run per build
 * deciding nine in ten unchanged builds on a quiet machine.
 *
 * <p>Each side of a decision has its own confidence. A line fails only on strong evidence: a one-sided
 * test of "no change" at {@link #falseAlarmRate()}, shared by the build's regression lines with Holm's
 * correction. A line passes on the evidence a warning needs: a one-sided bound at
 * {@link #passConfidence()} below the allowance.
 *
 * @param minimumBaselineRuns fewer baseline runs than this make a check inconclusive; 5 by default, the
 *                            fewest with which a spread can be estimated at all (four degrees of freedom)
 * @param falseAlarmRate      the chance that a build without any change fails which the checks allow,
 *                            whatever the number of its regression lines; 0.01 by default. It is the
 *                            one-sided level of the test of "no change" of a lone line; the lines of one
 *                            build share it by Holm's step-down correction
 * @param passConfidence      the confidence of the one-sided bound that must lie below the allowance for
 *                            a line to pass; 0.9 by default: a change as large as the allowance passes at
 *                            most one build in ten, and it is found again in the next
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
public record RegressionSettings(int minimumBaselineRuns, double falseAlarmRate, double passConfidence,
        double minimumChange, double minimumRateIncrease, double spreadFloor, double outlierLevel) {

    public RegressionSettings {
        if (minimumBaselineRuns < 3) {
            throw new IllegalArgumentException("minimumBaselineRuns must be at least 3, was " + minimumBaselineRuns);
        }
        requireWithin("falseAlarmRate", falseAlarmRate, 0, 0.5);
        if (!(passConfidence > 0.5 && passConfidence < 1)) {
            throw new IllegalArgumentException("passConfidence must be within (0.5, 1), was " + passConfidence);
        }
        requireWithin("minimumChange", minimumChange, 0, 1);
        requireWithin("minimumRateIncrease", minimumRateIncrease, 0, 1);
        requireWithin("spreadFloor", spreadFloor, 0, 1);
        requireWithin("outlierLevel", outlierLevel, 0, 0.5);
    }

    public static RegressionSettings defaults() {
        return new RegressionSettings(5, 0.01, 0.9, 0.05, 0.005, 0.005, 0.001);
    }

    public RegressionSettings withMinimumBaselineRuns(int runs) {
        return new RegressionSettings(runs, falseAlarmRate, passConfidence, minimumChange, minimumRateIncrease,
                spreadFloor, outlierLevel);
    }

    public RegressionSettings withFalseAlarmRate(double rate) {
        return new RegressionSettings(minimumBaselineRuns, rate, passConfidence, minimumChange, minimumRateIncrease,
                spreadFloor, outlierLevel);
    }

    public RegressionSettings withMinimumChange(double change) {
        return new RegressionSettings(minimumBaselineRuns, falseAlarmRate, passConfidence, change,
                minimumRateIncrease, spreadFloor, outlierLevel);
    }

    public RegressionSettings withPassConfidence(double confidence) {
        return new RegressionSettings(minimumBaselineRuns, falseAlarmRate, confidence, minimumChange,
                minimumRateIncrease, spreadFloor, outlierLevel);
    }

    private static void requireWithin(String name, double value, double above, double atMost) {
        if (!(value > above && value <= atMost)) {
            throw new IllegalArgumentException(name + " must be within (" + above + ", " + atMost + "], was " + value);
        }
    }
}
