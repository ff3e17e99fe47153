package io.perfgate.regression;

/**
 * What a regression line's test of "no change" must reach for the line to fail: its p-value must be at
 * most {@link #level()}. A lone line gets the whole false-alarm rate; the lines of one build share it
 * ({@link HolmCorrection}), so a build with many lines does not fail more often without a change.
 *
 * @param level the one-sided level, within (0, 1)
 * @param lines how many regression lines of the build share the false-alarm rate, at least 1
 */
public record FailLevel(double level, int lines) {

    public FailLevel {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be within (0, 1), was " + level);
        }
        if (lines < 1) {
            throw new IllegalArgumentException("lines must be at least 1, was " + lines);
        }
    }

    /** The level of a line that is the only one of its build: the whole false-alarm rate. */
    public static FailLevel alone(RegressionSettings settings) {
        return new FailLevel(settings.falseAlarmRate(), 1);
    }

    /**
     * The level a lone regression among {@link #lines()} must reach, the strictest of Holm's steps: the
     * false-alarm rate divided by the number of lines. What a line can detect is stated at this level.
     */
    double planningLevel(RegressionSettings settings) {
        return settings.falseAlarmRate() / lines;
    }
}
