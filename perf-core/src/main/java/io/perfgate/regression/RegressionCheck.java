package io.perfgate.regression;

import io.perfgate.regression.RegressionVerdict.ChangeScale;
import io.perfgate.regression.RegressionVerdict.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides whether a build's statistic regressed against its baseline. Each run counts as one
 * observation: the inputs are per-run statistics (the p(95) of each run), never pooled requests, because
 * a test over thousands of requests calls any drift of the machine significant.
 *
 * <p>Every method decides the same way, on the "worse" side of the rule's direction:
 * <ul>
 *   <li><b>REGRESSION</b> when the change is beyond doubt (the confidence interval of the change lies
 *       wholly on the worse side of zero) <em>and</em> the measured change exceeds the rule's allowance;</li>
 *   <li><b>NO_REGRESSION</b> when it is not, and the interval is narrow enough to have seen a change of
 *       the allowance (half-width at most the allowance), or lies wholly below the allowance;</li>
 *   <li><b>INCONCLUSIVE</b> otherwise, or with too few runs, with the reason in words.</li>
 * </ul>
 *
 * <p>Which method fits which metric: {@link #againstHistory} and {@link #interleaved} for trend
 * statistics ({@code p(95)}, {@code med}, {@code avg}...), counter counts and rates (throughput) and gauge
 * values, which are positive and vary by a factor, so they are compared on a log scale;
 * {@link #eventRate} for k6 Rate metrics ({@code http_req_failed}, {@code checks}), whose few events
 * need a test for counts rather than logarithms (a run with no failure has log 0 = -∞).
 */
public final class RegressionCheck {

    private RegressionCheck() {
    }

    /**
     * The value that stands for a build of k repeated runs: the median of its runs on the log scale the
     * checks compare on (for an even k the geometric mean of the middle two). The candidate side of every
     * check takes this median of its runs; a baseline build that kept its runs is taken the same way, so
     * both sides of a comparison mean the same by "a build".
     *
     * @param runs the statistic of each run, positive, at least one
     * @throws IllegalArgumentException for no runs or a value that is not positive and finite
     */
    public static double medianOfRuns(List<Double> runs) {
        double[] logs = logsOf(runs, "run");
        if (logs.length == 0) {
            throw new IllegalArgumentException("a median needs at least one run");
        }
        return Math.exp(median(logs));
    }

    /**
     * One candidate run, or the median of k repeated runs of this build, against the per-run values of
     * earlier builds.
     *
     * <p>On log values, the baseline's centre and spread are the mean and standard deviation of its runs
     * after outlier runs are left out ({@link ScreenedRuns}); the spread is never taken below
     * {@link RegressionSettings#spreadFloor()}. The change is the log of the candidates' median minus that
     * centre, with the prediction half-width t·s·√(v(k) + 1/n): t the Student quantile at level
     * 1 - falseAlarmRate/2 with n - 1 degrees of freedom (the small-sample correction), and v(k) the
     * variance of a median of k runs relative to one run ({@link MedianSpread}). This assumes the runs of
     * one build vary like runs of different builds; where builds drift as a whole (shared machines),
     * prefer {@link #interleaved}.
     *
     * @param baselineRuns  the statistic of each baseline run, positive, oldest first or in any order
     * @param candidateRuns the statistic of each run of this build, positive, at least one
     * @throws IllegalArgumentException for an empty candidate or a value that is not positive and finite
     */
    public static RegressionVerdict againstHistory(RegressionRule rule, String baselineName, List<Double> baselineRuns,
            List<Double> candidateRuns, RegressionSettings settings) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(settings, "settings");
        double[] baseline = logsOf(baselineRuns, "baseline run");
        double[] candidate = logsOf(candidateRuns, "candidate run");
        if (candidate.length == 0) {
            throw new IllegalArgumentException("no candidate run to compare with the baseline");
        }
        Direction direction = rule.direction();
        double allowed = rule.allowedRelativeChange(settings);
        double observed = medianOfRuns(candidateRuns);
        int n = baseline.length;
        if (n < settings.minimumBaselineRuns()) {
            double centre = n == 0 ? Double.NaN : Math.exp(mean(baseline));
            return new RegressionVerdict(RegressionOutcome.INCONCLUSIVE, Method.HISTORY, direction, observed, centre,
                    Double.NaN, ChangeScale.RELATIVE, allowed, Optional.empty(), n, 0, candidate.length, baselineName,
                    tooFewRuns(n, settings.minimumBaselineRuns(), "baseline run"));
        }
        ScreenedRuns screened = ScreenedRuns.screen(baseline, settings.outlierLevel());
        double spread = Math.max(screened.spread(), settings.spreadFloor());
        double quantile = Distributions.studentQuantile(1 - settings.falseAlarmRate() / 2, screened.kept() - 1);
        double halfWidth = quantile * spread
                * Math.sqrt(MedianSpread.varianceFactor(candidate.length) + 1.0 / screened.kept());
        double logChange = median(candidate) - screened.mean();
        double worse = direction.sign() * logChange;
        double threshold = direction.sign() * Math.log1p(allowed);
        ChangeInterval interval = new ChangeInterval(Math.expm1(logChange - halfWidth), Math.expm1(logChange + halfWidth),
                1 - settings.falseAlarmRate());
        RegressionOutcome outcome = decide(worse - halfWidth, worse, worse + halfWidth, halfWidth, threshold);
        return new RegressionVerdict(outcome, Method.HISTORY, direction, observed, Math.exp(screened.mean()),
                Math.expm1(logChange), ChangeScale.RELATIVE, allowed, Optional.of(interval), n, screened.excluded(),
                candidate.length, baselineName, reason(outcome, interval, allowed));
    }

    /**
     * The candidate against one approved run (a pinned baseline), with the run-to-run noise learnt from
     * recent runs of the same branch. The centre is the pinned run's value itself, which is one run and
     * varies like one: the prediction half-width is t·s·√(v(k) + 1), wider than against the mean of
     * many runs. The spread s and its degrees of freedom come from {@code noiseRuns} as in
     * {@link #againstHistory}; with fewer than {@link RegressionSettings#minimumBaselineRuns()} of them
     * the check is inconclusive.
     *
     * @param pinnedValue the pinned run's statistic, positive
     * @param noiseRuns   the statistic of recent usable runs, for the spread only
     */
    public static RegressionVerdict againstPinnedRun(RegressionRule rule, String baselineName, double pinnedValue,
            List<Double> noiseRuns, List<Double> candidateRuns, RegressionSettings settings) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(settings, "settings");
        double pinned = logsOf(List.of(pinnedValue), "pinned run")[0];
        double[] noise = logsOf(noiseRuns, "recent run");
        double[] candidate = logsOf(candidateRuns, "candidate run");
        if (candidate.length == 0) {
            throw new IllegalArgumentException("no candidate run to compare with the baseline");
        }
        Direction direction = rule.direction();
        double allowed = rule.allowedRelativeChange(settings);
        double logChange = median(candidate) - pinned;
        if (noise.length < settings.minimumBaselineRuns()) {
            return new RegressionVerdict(RegressionOutcome.INCONCLUSIVE, Method.HISTORY, direction,
                    Math.exp(median(candidate)), pinnedValue, Math.expm1(logChange), ChangeScale.RELATIVE, allowed,
                    Optional.empty(), 1, 0, candidate.length, baselineName,
                    tooFewRuns(noise.length, settings.minimumBaselineRuns(), "recent run")
                            + " to learn the run-to-run noise from");
        }
        ScreenedRuns screened = ScreenedRuns.screen(noise, settings.outlierLevel());
        double spread = Math.max(screened.spread(), settings.spreadFloor());
        double quantile = Distributions.studentQuantile(1 - settings.falseAlarmRate() / 2, screened.kept() - 1);
        double halfWidth = quantile * spread * Math.sqrt(MedianSpread.varianceFactor(candidate.length) + 1.0);
        double worse = direction.sign() * logChange;
        double threshold = direction.sign() * Math.log1p(allowed);
        ChangeInterval interval = new ChangeInterval(Math.expm1(logChange - halfWidth),
                Math.expm1(logChange + halfWidth), 1 - settings.falseAlarmRate());
        RegressionOutcome outcome = decide(worse - halfWidth, worse, worse + halfWidth, halfWidth, threshold);
        return new RegressionVerdict(outcome, Method.HISTORY, direction, Math.exp(median(candidate)), pinnedValue,
                Math.expm1(logChange), ChangeScale.RELATIVE, allowed, Optional.of(interval), 1, 0, candidate.length,
                baselineName, reason(outcome, interval, allowed));
    }

    /**
     * Interleaved A/B: in each round of this build one run against the baseline (e.g. the main branch's
     * deployment) and one against the candidate, alternating which goes first. Round i pairs
     * {@code baselineRuns.get(i)} with {@code candidateRuns.get(i)}; machine drift between rounds cancels.
     *
     * <p>The change is the Hodges–Lehmann estimate of the per-round log ratios, with Wilcoxon's exact
     * signed-rank bounds at level falseAlarmRate on each side ({@link SignedRank}): no normality assumed,
     * no bootstrap, no random numbers. An exact bound at 1% needs 2^-n ≤ 0.01, i.e. 7 rounds; fewer are
     * inconclusive.
     *
     * @throws IllegalArgumentException when the two lists differ in length or hold a value that is not
     *                                  positive and finite
     */
    public static RegressionVerdict interleaved(RegressionRule rule, String baselineName, List<Double> baselineRuns,
            List<Double> candidateRuns, RegressionSettings settings) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(settings, "settings");
        double[] baseline = logsOf(baselineRuns, "baseline run");
        double[] candidate = logsOf(candidateRuns, "candidate run");
        if (baseline.length != candidate.length) {
            throw new IllegalArgumentException("interleaved runs come in rounds of one baseline and one candidate run, "
                    + "but there are " + baseline.length + " baseline and " + candidate.length + " candidate runs");
        }
        Direction direction = rule.direction();
        double allowed = rule.allowedRelativeChange(settings);
        int rounds = baseline.length;
        double observed = rounds == 0 ? Double.NaN : Math.exp(median(candidate));
        double centre = rounds == 0 ? Double.NaN : Math.exp(median(baseline));
        int needed = SignedRank.fewestValues(settings.falseAlarmRate());
        if (rounds < needed) {
            return new RegressionVerdict(RegressionOutcome.INCONCLUSIVE, Method.INTERLEAVED, direction, observed, centre,
                    Double.NaN, ChangeScale.RELATIVE, allowed, Optional.empty(), rounds, 0, rounds, baselineName,
                    tooFewRuns(rounds, needed, "interleaved round") + " for "
                            + PercentText.confidence(1 - settings.falseAlarmRate()) + " confidence");
        }
        double[] worseRatios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            worseRatios[i] = direction.sign() * (candidate[i] - baseline[i]);
        }
        SignedRank.Bounds bounds = SignedRank.bounds(worseRatios, settings.falseAlarmRate());
        double threshold = direction.sign() * Math.log1p(allowed);
        double halfWidth = 0.5 * (bounds.upper() - bounds.lower());
        RegressionOutcome outcome = decide(bounds.lower(), bounds.estimate(), bounds.upper(), halfWidth, threshold);
        double logChange = direction.sign() * bounds.estimate();
        double lowerLog = direction == Direction.SMALLER_IS_BETTER ? bounds.lower() : -bounds.upper();
        double upperLog = direction == Direction.SMALLER_IS_BETTER ? bounds.upper() : -bounds.lower();
        ChangeInterval interval = new ChangeInterval(Math.expm1(lowerLog), Math.expm1(upperLog),
                1 - 2 * settings.falseAlarmRate());
        return new RegressionVerdict(outcome, Method.INTERLEAVED, direction, observed, centre, Math.expm1(logChange),
                ChangeScale.RELATIVE, allowed, Optional.of(interval), rounds, 0, rounds, baselineName,
                reason(outcome, interval, allowed));
    }

    /**
     * A k6 Rate metric (error rate, share of passed checks) from its counts: the candidate runs' events
     * pooled against the baseline runs' events pooled.
     *
     * <p>Significance comes from the exact conditional test for two Poisson rates: given the total number
     * of bad events (failures; for a larger-is-better rate, the misses), the candidate's share of them is
     * binomial with p = candidate samples / all samples when nothing changed. It is exact with a handful
     * of events, where a normal approximation of two proportions is not. Pooling requests would let
     * environment drift look significant, so the counts are first divided by the overdispersion the
     * baseline runs show (Pearson's χ² over n - 1, at least 1): runs that vary more than chance
     * makes the test that much less sure.
     *
     * <p>The allowance: {@code baseline + 0.5%} allows half a percentage point more, {@code baseline * 2}
     * twice the baseline's rate, a bare {@code baseline} {@link RegressionSettings#minimumRateIncrease()}.
     * A rise beyond the allowance that could be chance is inconclusive, never a pass.
     */
    public static RegressionVerdict eventRate(RegressionRule rule, String baselineName, List<EventCount> baselineRuns,
            List<EventCount> candidateRuns, RegressionSettings settings) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(settings, "settings");
        if (candidateRuns.isEmpty()) {
            throw new IllegalArgumentException("no candidate run to compare with the baseline");
        }
        Direction direction = rule.direction();
        double baselineEvents = 0;
        double baselineTotal = 0;
        for (EventCount run : baselineRuns) {
            baselineEvents += run.events();
            baselineTotal += run.total();
        }
        double candidateEvents = 0;
        double candidateTotal = 0;
        for (EventCount run : candidateRuns) {
            candidateEvents += run.events();
            candidateTotal += run.total();
        }
        double observed = candidateEvents / candidateTotal;
        double baseline = baselineRuns.isEmpty() ? Double.NaN : baselineEvents / baselineTotal;
        boolean relative = rule.bound().form() == BaselineBound.Form.FACTOR;
        ChangeScale scale = relative ? ChangeScale.RELATIVE : ChangeScale.POINTS;
        double allowed = switch (rule.bound().form()) {
            case BARE -> direction.sign() * settings.minimumRateIncrease();
            case PERCENT -> rule.bound().amount().doubleValue() / 100;
            case FACTOR -> rule.bound().amount().doubleValue() - 1;
        };
        int n = baselineRuns.size();
        if (n < settings.minimumBaselineRuns()) {
            return new RegressionVerdict(RegressionOutcome.INCONCLUSIVE, Method.EVENT_COUNTS, direction, observed,
                    baseline, Double.NaN, scale, allowed, Optional.empty(), n, 0, candidateRuns.size(), baselineName,
                    tooFewRuns(n, settings.minimumBaselineRuns(), "baseline run"));
        }
        double allowedRate = relative ? baseline * (1 + allowed) : baseline + allowed;
        boolean beyondAllowance = direction.sign() * (observed - allowedRate) > 0;
        double change = relative
                ? (baseline == 0 ? (observed == 0 ? 0 : Double.POSITIVE_INFINITY) : observed / baseline - 1)
                : observed - baseline;
        // Bad events: failures for a smaller-is-better rate, misses for a larger-is-better one.
        boolean countsAreBad = direction == Direction.SMALLER_IS_BETTER;
        double baselineBad = countsAreBad ? baselineEvents : baselineTotal - baselineEvents;
        double candidateBad = countsAreBad ? candidateEvents : candidateTotal - candidateEvents;
        double dispersion = dispersion(baselineRuns, countsAreBad, baselineBad / baselineTotal);
        double pValue = Distributions.binomialUpperTail(candidateBad / dispersion,
                (baselineBad + candidateBad) / dispersion, candidateTotal / (baselineTotal + candidateTotal));
        RegressionOutcome outcome;
        String reason = "";
        if (!beyondAllowance) {
            outcome = RegressionOutcome.NO_REGRESSION;
        } else if (pValue <= settings.falseAlarmRate()) {
            outcome = RegressionOutcome.REGRESSION;
        } else {
            outcome = RegressionOutcome.INCONCLUSIVE;
            reason = (long) candidateBad + " of " + (long) candidateTotal + " could happen by chance at the baseline's "
                    + "rate (p = " + PercentText.probability(pValue) + ", " + PercentText.probability(
                            settings.falseAlarmRate()) + " needed)";
        }
        return new RegressionVerdict(outcome, Method.EVENT_COUNTS, direction, observed, baseline, change, scale, allowed,
                Optional.empty(), n, 0, candidateRuns.size(), baselineName, reason);
    }

    /** The decision every method shares, on the worse-oriented log change and its bounds. */
    private static RegressionOutcome decide(double lower, double estimate, double upper, double halfWidth,
            double threshold) {
        if (lower > 0 && estimate > threshold) {
            return RegressionOutcome.REGRESSION;
        }
        if (halfWidth <= threshold || upper <= threshold) {
            return RegressionOutcome.NO_REGRESSION;
        }
        return RegressionOutcome.INCONCLUSIVE;
    }

    private static String reason(RegressionOutcome outcome, ChangeInterval interval, double allowed) {
        if (outcome != RegressionOutcome.INCONCLUSIVE) {
            return "";
        }
        return "the runs vary too much to tell a change of " + PercentText.allowance(allowed) + ": the change lies "
                + "between " + PercentText.signed(interval.lower()) + " and " + PercentText.signed(interval.upper())
                + " at " + PercentText.confidence(interval.confidence()) + " confidence";
    }

    private static String tooFewRuns(int count, int needed, String noun) {
        String have = count == 0 ? "no " + noun + "s" : "only " + count + " " + noun + (count == 1 ? "" : "s");
        return have + ", " + needed + " needed";
    }

    /** Pearson's χ² of the per-run bad counts around the pooled rate, over n - 1; at least 1. */
    private static double dispersion(List<EventCount> runs, boolean countsAreBad, double pooledRate) {
        if (runs.size() < 2 || pooledRate <= 0 || pooledRate >= 1) {
            return 1;
        }
        double chiSquare = 0;
        for (EventCount run : runs) {
            double bad = countsAreBad ? run.events() : run.total() - run.events();
            double expected = run.total() * pooledRate;
            chiSquare += (bad - expected) * (bad - expected) / (expected * (1 - pooledRate));
        }
        return Math.max(1, chiSquare / (runs.size() - 1));
    }

    private static double[] logsOf(List<Double> values, String noun) {
        double[] logs = new double[values.size()];
        for (int i = 0; i < logs.length; i++) {
            Double value = values.get(i);
            if (value == null || !(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(noun + " " + (i + 1) + " is " + value + "; regression checks compare "
                        + "positive values on a log scale");
            }
            logs[i] = Math.log(value);
        }
        return logs;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
