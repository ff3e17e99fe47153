package io.perfgate.regression;

import io.perfgate.regression.NoiseReplay.Mode;
import io.perfgate.stats.Statistic;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * One row of the README's error-rate table ("How sensitive, how often wrong: measured"), as both noise
 * replays write it: {@link RegressionNoiseReplayTest} for synthetic noise, {@link RecordedNoiseReplayTest}
 * for recorded runs. Rule {@code p(95) < baseline} (a 5 % allowance), 10 baseline runs. One format for
 * both, so their rows go into one table.
 *
 * @param source      {@code synthetic} or {@code recorded (JMeter, demo service)}
 * @param noise       the run-to-run noise of p(95), e.g. {@code measured, 1.6 %}
 * @param mode        runs per build: {@code 1}, {@code median of 3}, {@code A/B, 10 rounds}
 * @param unchanged   builds without a change
 * @param plus5       builds 5 % slower, empty when not replayed
 * @param plus10      builds 10 % slower, empty when not replayed
 * @param plus20      builds 20 % slower, empty when not replayed
 * @param detectable  the smallest change such a line detects, as its report states it
 */
record ErrorRateRow(String source, String noise, String mode, NoiseReplay.Rates unchanged,
        OptionalDouble plus5, OptionalDouble plus10, OptionalDouble plus20, double detectable) {

    /** The table's header and separator, exactly as in the README. */
    static final String HEADER = "| source | noise between runs (p(95)) | runs per build | no change: failed "
            + "| no change: undecided | +5 %: failed | +10 %: failed | +20 %: failed | detects changes of |\n"
            + "|---|---|---|---|---|---|---|---|---|\n";

    static final String SYNTHETIC = "synthetic";
    /** The rule of every row. */
    static final RegressionRule RULE = RegressionRule.of(Statistic.percentile(95), "<", "baseline");

    /** The number of columns of {@link #HEADER}. */
    static int columns() {
        return HEADER.lines().findFirst().orElseThrow().split(" \\| ", -1).length;
    }

    /** {@code 1}, {@code median of 3}, {@code A/B, 10 rounds}. */
    static String mode(Mode mode) {
        return mode.interleaved() ? mode.description() : mode.candidateRuns() == 1 ? "1"
                : "median of " + mode.candidateRuns();
    }

    /** What the report states a line of {@link #RULE} can detect at this noise (spread of the log values). */
    static double detectable(double logSpread, Mode mode) {
        return NoiseReplay.stated(logSpread, mode, RULE).detectableChange();
    }

    /** The row in Markdown, ending in a newline. */
    String markdown() {
        return "| " + source + " | " + noise + " | " + mode + " | " + percent(unchanged.regressionRate()) + " | "
                + percent(unchanged.inconclusiveRate()) + " | " + percent(plus5) + " | " + percent(plus10) + " | "
                + percent(plus20) + " | " + percent(detectable) + " |\n";
    }

    static String percent(OptionalDouble fraction) {
        return fraction.isPresent() ? percent(fraction.getAsDouble()) : "-";
    }

    /** {@code 6.6 %}, as the README writes a share. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f %%", fraction * 100) : "-";
    }
}
