package io.perfgate.regression;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Replays builds through the regression checks: baseline and candidate runs drawn from a
 * {@link NoiseModel}, a true change applied to the candidate, and the verdicts counted. Seeds are
 * fixed, so every rate is the same on every run.
 */
final class NoiseReplay {

    static final double TRUE_P95_MS = 494;

    private NoiseReplay() {
    }

    /** How the candidate is measured: k runs against n history runs, or k interleaved rounds. */
    record Mode(String family, int candidateRuns, int baselineRuns, boolean interleaved) {

        static Mode history(int candidateRuns, int baselineRuns) {
            return new Mode("k=" + candidateRuns, candidateRuns, baselineRuns, false);
        }

        static Mode interleaved(int rounds) {
            return new Mode("A/B", rounds, rounds, true);
        }

        String label() {
            return interleaved ? "A/B" : candidateRuns == 1 ? "single run" : "median of " + candidateRuns + " runs";
        }

        /** {@code 1 run}, {@code median of 3 runs}, {@code A/B, 10 rounds}: the mode of a target row. */
        String description() {
            return interleaved ? "A/B, " + candidateRuns + " rounds" : candidateRuns == 1 ? "1 run" : label();
        }
    }

    /** What share of builds failed (any line a regression), and what share stayed undecided otherwise. */
    record Rates(int trials, int regressions, int inconclusive) {

        double regressionRate() {
            return (double) regressions / trials;
        }

        double inconclusiveRate() {
            return (double) inconclusive / trials;
        }

        double passRate() {
            return (double) (trials - regressions - inconclusive) / trials;
        }
    }

    /**
     * What the report states for a line at this noise (the spread of one run's log value, known exactly
     * rather than estimated) and mode.
     */
    static Sensitivity stated(double logSpread, Mode mode, RegressionRule rule) {
        RegressionSettings settings = RegressionSettings.defaults();
        double allowedLog = Math.log1p(rule.allowedRelativeChange(settings));
        double level = settings.falseAlarmRate();
        return mode.interleaved()
                ? Sensitivity.ofRounds(logSpread * Math.sqrt(2), mode.candidateRuns(), allowedLog, rule.direction(),
                        level)
                : Sensitivity.ofHistory(logSpread, mode.baselineRuns() - 1, 1.0 / mode.baselineRuns(),
                        mode.candidateRuns(), allowedLog, rule.direction(), level / 2, level);
    }

    /** One line alone: {@code trials} builds with the candidate {@code change} slower. */
    static Rates line(RegressionRule rule, NoiseModel noise, Mode mode, double change, int trials, long seed) {
        return build(rule, noise, mode, 1, 1, change, trials, seed, true);
    }

    /**
     * Builds of {@code lines} independent regression lines (independent noise is the hardest case for
     * the build's false alarms: correlated lines fail together, not one after the other), the first
     * {@code changedLines} of them {@code change} slower.
     *
     * @param corrected whether the lines share the false-alarm rate ({@link HolmCorrection}) or are each
     *                  judged alone
     */
    static Rates build(RegressionRule rule, NoiseModel noise, Mode mode, int lines, int changedLines, double change,
            int trials, long seed, boolean corrected) {
        SplittableRandom random = new SplittableRandom(seed);
        RegressionSettings settings = RegressionSettings.defaults();
        int regressions = 0;
        int inconclusive = 0;
        for (int trial = 0; trial < trials; trial++) {
            List<Function<FailLevel, RegressionVerdict>> checks = new ArrayList<>(lines);
            for (int line = 0; line < lines; line++) {
                checks.add(check(rule, noise, mode, line < changedLines ? change : 0, random, settings));
            }
            List<RegressionVerdict> verdicts = corrected ? HolmCorrection.judgeTogether(checks, settings)
                    : checks.stream().map(check -> check.apply(FailLevel.alone(settings))).toList();
            if (verdicts.stream().anyMatch(RegressionVerdict::isRegression)) {
                regressions++;
            } else if (verdicts.stream().anyMatch(verdict -> verdict.outcome() == RegressionOutcome.INCONCLUSIVE)) {
                inconclusive++;
            }
        }
        return new Rates(trials, regressions, inconclusive);
    }

    /** One line's runs drawn, and its check at any level. */
    private static Function<FailLevel, RegressionVerdict> check(RegressionRule rule, NoiseModel noise, Mode mode,
            double change, SplittableRandom random, RegressionSettings settings) {
        List<Double> baseline = new ArrayList<>();
        List<Double> candidate = new ArrayList<>();
        if (mode.interleaved()) {
            double build = noise.buildFactor(random);
            for (int round = 0; round < mode.candidateRuns(); round++) {
                baseline.add(noise.run(random, TRUE_P95_MS, build));
                candidate.add(noise.run(random, TRUE_P95_MS * (1 + change), build));
            }
            return level -> RegressionCheck.interleaved(rule, "main", baseline, candidate, settings, level);
        }
        for (int run = 0; run < mode.baselineRuns(); run++) {
            baseline.add(noise.run(random, TRUE_P95_MS, noise.buildFactor(random)));
        }
        double build = noise.buildFactor(random);
        for (int run = 0; run < mode.candidateRuns(); run++) {
            candidate.add(noise.run(random, TRUE_P95_MS * (1 + change), build));
        }
        return level -> RegressionCheck.againstHistory(rule, "main", baseline, candidate, settings, level);
    }
}
