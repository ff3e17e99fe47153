package io.perfgate.stats;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How long the measured runs lasted, which per-second rates divide by, and how that is known. A load
 * tool that states its test's duration (k6 in its summary) gives the number its own rates use; results
 * without it (k6 NDJSON alone, a JMeter JTL) last from their first to their last sample, which is shorter:
 * one iteration of a few requests spans a millisecond and would make thousands of requests a second.
 * So a rate needs at least {@value #SHORTEST_FOR_RATE} s of run, whichever way the duration is known.
 *
 * @param seconds the duration, 0 or more; the durations of pooled runs add up
 * @param origin  how it is known; pooled with a sample span, the whole counts as a sample span
 */
public record RunDuration(double seconds, Origin origin) {

    /** Seconds a run must last for a per-second rate to mean something. */
    public static final double SHORTEST_FOR_RATE = 1;

    /** How a duration is known. */
    public enum Origin {
        /** The load tool stated how long the test ran. */
        STATED,
        /** From the earliest to the latest sample time. */
        SAMPLE_SPAN
    }

    public static final RunDuration NONE = new RunDuration(0, Origin.STATED);

    public RunDuration {
        Objects.requireNonNull(origin, "origin");
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("run duration must be a finite number of seconds >= 0, was " + seconds);
        }
    }

    /** A duration the load tool stated, e.g. k6's {@code state.testRunDurationMs}. */
    public static RunDuration stated(double seconds) {
        return new RunDuration(seconds, Origin.STATED);
    }

    /** A duration from the earliest to the latest sample time. */
    public static RunDuration sampleSpan(double seconds) {
        return new RunDuration(seconds, Origin.SAMPLE_SPAN);
    }

    /** The durations of two runs pooled. */
    public RunDuration plus(RunDuration other) {
        return new RunDuration(seconds + other.seconds,
                origin == Origin.SAMPLE_SPAN || other.origin == Origin.SAMPLE_SPAN ? Origin.SAMPLE_SPAN : Origin.STATED);
    }

    /** Whether the runs lasted long enough for a per-second rate. */
    public boolean allowsRate() {
        return seconds >= SHORTEST_FOR_RATE;
    }

    /**
     * Why a per-second rate of {@code key} is not given, for a duration that does not
     * {@link #allowsRate() allow} one.
     */
    public String noRateReason(SeriesKey key) {
        String lasted;
        if (seconds == 0) {
            lasted = origin == Origin.SAMPLE_SPAN
                    ? "the results hold no time span (one sample, or all samples at one instant)"
                    : "the results tell no run duration (a summary with neither a test duration nor a counter rate)";
        } else {
            lasted = (origin == Origin.SAMPLE_SPAN ? "the samples span only " : "the test ran only ")
                    + threeDigits(seconds) + " s" + (origin == Origin.SAMPLE_SPAN ? ", first to last" : "");
        }
        return lasted + ", so a per-second rate of " + key + " would mean nothing; a rate needs at least "
                + NumberText.plain(SHORTEST_FOR_RATE) + " s of run";
    }

    private static String threeDigits(double value) {
        return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }
}
