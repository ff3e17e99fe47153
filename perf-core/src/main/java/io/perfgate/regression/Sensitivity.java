package io.perfgate.regression;

import java.util.OptionalInt;

/**
 * How fine a regression line can tell a change, computed from the run-to-run noise its runs show: the
 * smallest change it detects with the runs it has, and how many runs per build, or interleaved A/B
 * rounds, would detect the change its rule allows.
 *
 * <p>"Detects" means: a build with that change fails its test of "no change" in nine builds of ten, at
 * the level a lone regression among the build's lines must reach (false-alarm rate / lines). On the log
 * scale that change is (t(1-α, ν) + t(0.9, ν))·s·f, with s the run-to-run spread, ν its degrees of
 * freedom and f the spread of the comparison relative to one run: √(v(k) + 1/n) for the median of k runs
 * against n history runs ({@link MedianSpread}), √(v(k) + 1) against a pinned run, and √2/√(3r/π) for r
 * A/B rounds (two runs per round; 3/π is the signed-rank test's efficiency against the t test on normal
 * values). A/B rounds also need 2^-r ≤ α before any failure is possible. For A/B rounds suggested from
 * the history, the history's spread stands for the within-build spread, which it never underrates.
 *
 * @param noise              the run-to-run spread of one run on the log scale, about the coefficient of
 *                           variation: 0.016 for runs that vary by 1.6 %
 * @param detectableChange   the smallest change detected with this build's runs, signed in the direction
 *                           of travel as the allowance is; ±∞ when no change can be (too few A/B rounds)
 * @param runsForAllowance   the fewest runs per build, up to {@value #MOST_RUNS}, that detect the rule's
 *                           allowance against the same baseline; empty for A/B lines or when none do
 * @param roundsForAllowance the fewest interleaved A/B rounds, up to {@value #MOST_ROUNDS}, that detect it;
 *                           empty when none do
 */
public record Sensitivity(double noise, double detectableChange, OptionalInt runsForAllowance,
        OptionalInt roundsForAllowance) {

    /** The share of builds with the detectable change that fail. */
    public static final double POWER = 0.9;
    /** More repeated runs than this are no advice for a build. */
    public static final int MOST_RUNS = 10;
    /** More A/B rounds than this are no advice for a build. */
    public static final int MOST_ROUNDS = 50;
    /** Asymptotic relative efficiency of the signed-rank test against the t test for normal values. */
    private static final double SIGNED_RANK_EFFICIENCY = 3 / Math.PI;

    public Sensitivity {
        if (!(noise > 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be positive and finite, was " + noise);
        }
        if (Double.isNaN(detectableChange) || detectableChange == 0) {
            throw new IllegalArgumentException("detectableChange must be a non-zero change, was " + detectableChange);
        }
        requirePositive("runsForAllowance", runsForAllowance);
        requirePositive("roundsForAllowance", roundsForAllowance);
    }

    /**
     * For a comparison with history runs.
     *
     * @param spread           run-to-run spread on the log scale (already floored)
     * @param degreesOfFreedom of that spread
     * @param baselineWeight   1/n for the mean of n history runs, 1 for one pinned run
     * @param candidateRuns    the runs of this build
     * @param allowedLog       the allowance on the log scale, signed in the direction of travel
     * @param level            the one-sided level the history comparison must reach
     * @param roundsLevel      the level interleaved rounds would have to reach
     */
    static Sensitivity ofHistory(double spread, int degreesOfFreedom, double baselineWeight, int candidateRuns,
            double allowedLog, Direction direction, double level, double roundsLevel) {
        double multiplier = detectionMultiplier(level, degreesOfFreedom) * spread;
        double detectable = multiplier * Math.sqrt(MedianSpread.varianceFactor(candidateRuns) + baselineWeight);
        OptionalInt runs = OptionalInt.empty();
        for (int k = 1; k <= MOST_RUNS; k++) {
            if (multiplier * Math.sqrt(MedianSpread.varianceFactor(k) + baselineWeight) <= Math.abs(allowedLog)) {
                runs = OptionalInt.of(k);
                break;
            }
        }
        return new Sensitivity(spread, signed(detectable, direction), runs,
                roundsFor(spread * Math.sqrt(2), allowedLog, roundsLevel));
    }

    /**
     * For interleaved A/B rounds.
     *
     * @param roundSpread the spread of the per-round log ratios (two runs each), already floored
     */
    static Sensitivity ofRounds(double roundSpread, int rounds, double allowedLog, Direction direction, double level) {
        return new Sensitivity(roundSpread / Math.sqrt(2), signed(roundsDetect(roundSpread, rounds, level), direction),
                OptionalInt.empty(), roundsFor(roundSpread, allowedLog, level));
    }

    /** Whether the runs this build has detect the allowance. */
    public boolean detectsAllowance(double allowedChange) {
        return Math.abs(Math.log1p(detectableChange)) <= Math.abs(Math.log1p(allowedChange)) * (1 + 1e-12);
    }

    private static OptionalInt roundsFor(double roundSpread, double allowedLog, double level) {
        for (int r = SignedRank.fewestValues(level); r <= MOST_ROUNDS; r++) {
            if (roundsDetect(roundSpread, r, level) <= Math.abs(allowedLog)) {
                return OptionalInt.of(r);
            }
        }
        return OptionalInt.empty();
    }

    /** The detectable change on the log scale with r rounds; +∞ when r rounds cannot reach the level. */
    private static double roundsDetect(double roundSpread, int rounds, double level) {
        if (rounds < SignedRank.fewestValues(level)) {
            return Double.POSITIVE_INFINITY;
        }
        return detectionMultiplier(level, rounds - 1) * roundSpread / Math.sqrt(SIGNED_RANK_EFFICIENCY * rounds);
    }

    private static double detectionMultiplier(double level, int degreesOfFreedom) {
        return Distributions.studentQuantile(1 - level, degreesOfFreedom)
                + Distributions.studentQuantile(POWER, degreesOfFreedom);
    }

    private static double signed(double logChange, Direction direction) {
        return Double.isInfinite(logChange) ? direction.sign() * logChange : Math.expm1(direction.sign() * logChange);
    }

    private static void requirePositive(String name, OptionalInt count) {
        if (count.isPresent() && count.getAsInt() < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + count.getAsInt());
        }
    }
}
