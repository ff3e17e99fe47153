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
 * <p>Every method decides the same way, with the confidence each side calls for, on the "worse" side of
 * the rule's direction:
 * <ul>
 *   <li><b>REGRESSION</b> only on strong evidence: the one-sided test of "no change" gives a p-value at
 *       most the line's {@link FailLevel} (the false-alarm rate, shared by the build's lines)
 *       <em>and</em> the measured change exceeds the rule's allowance;</li>
 *   <li><b>NO_REGRESSION</b> on the evidence a warning needs: the one-sided bound at
 *       {@link RegressionSettings#passConfidence()} (90 %) on the worse side lies within the allowance;</li>
 *   <li><b>INCONCLUSIVE</b> otherwise, or with too few runs, with the reason in words and, from the noise
 *       of the runs, what would decide ({@link Sensitivity}).</li>
 * </ul>
 * The two are exclusive: a failure needs a change beyond the allowance, a pass a bound within it.
 *
 * <p>Which method fits which metric: {@link #againstHistory} and {@link #interleaved} for trend
 * statistics ({@code p(95)}, {@code med}, {@code avg}...), counter counts and rates (throughput) and gauge
 * values, which are positive and vary by a factor, so they are compared on a log scale;
 * {@link #eventRate} for k6 Rate metrics ({@code http_req_failed}, {@code checks}), whose few events
 * need a test for counts rather than logarithms (a run with no failure has log 0 = -∞).
 *
 * <p>Each method has a form for a lone line (judged at the whole false-alarm rate) and one that takes
 * the {@link FailLevel} the build's {@link HolmCorrection} gives the line.
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

    /** {@link #againstHistory(RegressionRule, String, List, List, RegressionSettings, FailLevel)} for a lone line. */
    public static RegressionVerdict againstHistory(RegressionRule rule, String baselineName, List<Double> baselineRuns,
            List<Double> candidateRuns, RegressionSettings settings) {
        return againstHistory(rule, baselineName, baselineRuns, candidateRuns, settings, FailLevel.alone(settings));
    }

    /**
     * One candidate run, or the median of k repeated runs of this build, against the per-run values of
     * earlier builds.
     *
     * <p>On log values, the baseline's centre and spread are the mean and standard deviation of its runs
     * after outlier runs are left out ({@link ScreenedRuns}); the spread is never taken below
     * {@link RegressionSettings#spreadFloor()}. The change d is the log of the candidates' median minus that
     * centre, with the standard error of a prediction se = s·√(v(k) + 1/n), v(k) the variance of a median
     * of k runs relative to one run ({@link MedianSpread}). d/se follows Student's t with n - 1 degrees of
     * freedom (the small-sample correction): the p-value is twice its upper tail (see {@link #T_MARGIN}), and
     * the pass bound is
     * d + t(passConfidence, n - 1)·se. This assumes the runs of one build vary like runs of different
     * builds; where builds drift as a whole (shared machines), prefer {@link #interleaved}.
     *
     * @param baselineRuns  the statistic of each baseline run, positive, oldest first or in any order
     * @param candidateRuns the statistic of each run of this build, positive, at least one
     * @throws IllegalArgumentException for an empty candidate or a value that is not positive and finite
     */
    public static RegressionVerdict againstHistory(RegressionRule rule, String baselineName, List<Double> baselineRuns,
            List<Double> candidateRuns, RegressionSettings settings, FailLevel failLevel) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(failLevel, "failLevel");
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
                    Double.NaN, ChangeScale.RELATIVE, allowed, Optional.empty(), Double.NaN, failLevel,
                    Optional.empty(), n, 0, candidate.length, baselineName,
                    tooFewRuns(n, settings.minimumBaselineRuns(), "baseline run"));
        }
        ScreenedRuns screened = ScreenedRuns.screen(baseline, settings.outlierLevel());
        double spread = Math.max(screened.spread(), settings.spreadFloor());
        int degreesOfFreedom = screened.kept() - 1;
        double baselineWeight = 1.0 / screened.kept();
        double standardError = spread * Math.sqrt(MedianSpread.varianceFactor(candidate.length) + baselineWeight);
        double logChange = median(candidate) - screened.mean();
        Sensitivity sensitivity = Sensitivity.ofHistory(spread, degreesOfFreedom, baselineWeight, candidate.length,
                Math.log1p(allowed), direction, failLevel.planningLevel(settings) / T_MARGIN,
                failLevel.planningLevel(settings));
        Judged judged = onStudentT(direction, logChange, standardError, degreesOfFreedom, allowed, settings, failLevel);
        return new RegressionVerdict(judged.outcome(), Method.HISTORY, direction, observed, Math.exp(screened.mean()),
                Math.expm1(logChange), ChangeScale.RELATIVE, allowed, Optional.of(judged.interval()), judged.pValue(),
                failLevel, Optional.of(sensitivity), n, screened.excluded(), candidate.length, baselineName,
                judged.reason());
    }

    /**
     * {@link #againstPinnedRun(RegressionRule, String, double, List, List, RegressionSettings, FailLevel)} for
     * a lone line.
     */
    public static RegressionVerdict againstPinnedRun(RegressionRule rule, String baselineName, double pinnedValue,
            List<Double> noiseRuns, List<Double> candidateRuns, RegressionSettings settings) {
        return againstPinnedRun(rule, baselineName, pinnedValue, noiseRuns, candidateRuns, settings,
                FailLevel.alone(settings));
    }

    /**
     * The candidate against one approved run (a pinned baseline), with the run-to-run noise learnt from
     * recent runs of the same branch. The centre is the pinned run's value itself, which is one run and
     * varies like one: the standard error is s·√(v(k) + 1), wider than against the mean of many runs. The
     * spread s and its degrees of freedom come from {@code noiseRuns} as in {@link #againstHistory}; with
     * fewer than {@link RegressionSettings#minimumBaselineRuns()} of them the check is inconclusive.
     *
     * @param pinnedValue the pinned run's statistic, positive
     * @param noiseRuns   the statistic of recent usable runs, for the spread only
     */
    public static RegressionVerdict againstPinnedRun(RegressionRule rule, String baselineName, double pinnedValue,
            List<Double> noiseRuns, List<Double> candidateRuns, RegressionSettings settings, FailLevel failLevel) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(failLevel, "failLevel");
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
                    Optional.empty(), Double.NaN, failLevel, Optional.empty(), 1, 0, candidate.length, baselineName,
                    tooFewRuns(noise.length, settings.minimumBaselineRuns(), "recent run")
                            + " to learn the run-to-run noise from");
        }
        ScreenedRuns screened = ScreenedRuns.screen(noise, settings.outlierLevel());
        double spread = Math.max(screened.spread(), settings.spreadFloor());
        int degreesOfFreedom = screened.kept() - 1;
        double standardError = spread * Math.sqrt(MedianSpread.varianceFactor(candidate.length) + 1.0);
        Sensitivity sensitivity = Sensitivity.ofHistory(spread, degreesOfFreedom, 1.0, candidate.length,
                Math.log1p(allowed), direction, failLevel.planningLevel(settings) / T_MARGIN,
                failLevel.planningLevel(settings));
        Judged judged = onStudentT(direction, logChange, standardError, degreesOfFreedom, allowed, settings, failLevel);
        return new RegressionVerdict(judged.outcome(), Method.HISTORY, direction, Math.exp(median(candidate)),
                pinnedValue, Math.expm1(logChange), ChangeScale.RELATIVE, allowed, Optional.of(judged.interval()),
                judged.pValue(), failLevel, Optional.of(sensitivity), 1, 0, candidate.length, baselineName,
                judged.reason());
    }

    /** {@link #interleaved(RegressionRule, String, List, List, RegressionSettings, FailLevel)} for a lone line. */
    public static RegressionVerdict interleaved(RegressionRule rule, String baselineName, List<Double> baselineRuns,
            List<Double> candidateRuns, RegressionSettings settings) {
        return interleaved(rule, baselineName, baselineRuns, candidateRuns, settings, FailLevel.alone(settings));
    }

    /**
     * Interleaved A/B: in each round of this build one run against the baseline (e.g. the main branch's
     * deployment) and one against the candidate, alternating which goes first. Round i pairs
     * {@code baselineRuns.get(i)} with {@code candidateRuns.get(i)}; machine drift between rounds cancels.
     *
     * <p>The change is the Hodges–Lehmann estimate of the per-round log ratios; the p-value is Wilcoxon's
     * exact signed-rank tail, and the pass bound its exact bound at 1 - passConfidence ({@link SignedRank}):
     * no normality assumed, no bootstrap, no random numbers. A failure at 1% needs 2^-n ≤ 0.01, i.e. 7
     * rounds; fewer are inconclusive.
     *
     * @throws IllegalArgumentException when the two lists differ in length or hold a value that is not
     *                                  positive and finite
     */
    public static RegressionVerdict interleaved(RegressionRule rule, String baselineName, List<Double> baselineRuns,
            List<Double> candidateRuns, RegressionSettings settings, FailLevel failLevel) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(failLevel, "failLevel");
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
                    Double.NaN, ChangeScale.RELATIVE, allowed, Optional.empty(), Double.NaN, failLevel,
                    Optional.empty(), rounds, 0, rounds, baselineName,
                    tooFewRuns(rounds, needed, "interleaved round") + " for "
                            + PercentText.confidence(1 - settings.falseAlarmRate()) + " confidence");
        }
        double[] worseRatios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            worseRatios[i] = direction.sign() * (candidate[i] - baseline[i]);
        }
        SignedRank.Bounds bounds = SignedRank.bounds(worseRatios, 1 - settings.passConfidence());
        double pValue = SignedRank.upperTailPValue(worseRatios);
        double threshold = direction.sign() * Math.log1p(allowed);
        RegressionOutcome outcome = decide(pValue, bounds.estimate(), bounds.upper(), threshold, failLevel);
        double logChange = direction.sign() * bounds.estimate();
        double lowerLog = direction == Direction.SMALLER_IS_BETTER ? bounds.lower() : -bounds.upper();
        double upperLog = direction == Direction.SMALLER_IS_BETTER ? bounds.upper() : -bounds.lower();
        ChangeInterval interval = new ChangeInterval(Math.expm1(lowerLog), Math.expm1(upperLog),
                2 * settings.passConfidence() - 1);
        double roundSpread = Math.max(standardDeviation(worseRatios), Math.sqrt(2) * settings.spreadFloor());
        Sensitivity sensitivity = Sensitivity.ofRounds(roundSpread, rounds, Math.log1p(allowed), direction,
                failLevel.planningLevel(settings));
        return new RegressionVerdict(outcome, Method.INTERLEAVED, direction, observed, centre, Math.expm1(logChange),
                ChangeScale.RELATIVE, allowed, Optional.of(interval), pValue, failLevel, Optional.of(sensitivity),
                rounds, 0, rounds, baselineName,
                reason(outcome, bounds.estimate() > threshold, Math.expm1(logChange), interval, allowed, pValue,
                        failLevel, settings));
    }

    /** {@link #eventRate(RegressionRule, String, List, List, RegressionSettings, FailLevel)} for a lone line. */
    public static RegressionVerdict eventRate(RegressionRule rule, String baselineName, List<EventCount> baselineRuns,
            List<EventCount> candidateRuns, RegressionSettings settings) {
        return eventRate(rule, baselineName, baselineRuns, candidateRuns, settings, FailLevel.alone(settings));
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
            List<EventCount> candidateRuns, RegressionSettings settings, FailLevel failLevel) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(baselineName, "baselineName");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(failLevel, "failLevel");
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
                    baseline, Double.NaN, scale, allowed, Optional.empty(), Double.NaN, failLevel, Optional.empty(), n,
                    0, candidateRuns.size(), baselineName,
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
        } else if (pValue <= failLevel.level()) {
            outcome = RegressionOutcome.REGRESSION;
        } else {
            outcome = RegressionOutcome.INCONCLUSIVE;
            reason = (long) candidateBad + " of " + (long) candidateTotal + " could happen by chance at the baseline's "
                    + "rate (p = " + PercentText.probability(pValue) + ", " + PercentText.probability(failLevel.level())
                    + " needed" + amongLines(failLevel) + ")";
        }
        return new RegressionVerdict(outcome, Method.EVENT_COUNTS, direction, observed, baseline, change, scale,
                allowed, Optional.empty(), pValue, failLevel, Optional.empty(), n, 0, candidateRuns.size(),
                baselineName, reason);
    }

    /**
     * The t comparisons assume normally distributed log values; outlier screening and heavier tails make
     * their one-sided tail overshoot a little (1.02-1.05 % false alarms at a nominal 1 % in the replay at
     * large noise). Their p-value is taken as twice the tail, the two-sided p-value, which the replay
     * shows keeps every build within the false-alarm rate. The exact tests need no such margin.
     */
    private static final double T_MARGIN = 2;

    /** The outcome, p-value, interval and reason of a t-based comparison. */
    private record Judged(RegressionOutcome outcome, double pValue, ChangeInterval interval, String reason) {
    }

    /**
     * Judges a log change with a Student-t standard error: the p-value of "no change" is twice the t tail
     * of worse/se ({@link #T_MARGIN}), the interval d ± t(passConfidence)·se, whose worse end is the pass
     * bound.
     */
    private static Judged onStudentT(Direction direction, double logChange, double standardError,
            int degreesOfFreedom, double allowed, RegressionSettings settings, FailLevel failLevel) {
        double worse = direction.sign() * logChange;
        double threshold = direction.sign() * Math.log1p(allowed);
        double pValue = Math.min(1, T_MARGIN * Distributions.studentUpperTail(worse / standardError, degreesOfFreedom));
        double passMargin = Distributions.studentQuantile(settings.passConfidence(), degreesOfFreedom) * standardError;
        ChangeInterval interval = new ChangeInterval(Math.expm1(logChange - passMargin),
                Math.expm1(logChange + passMargin), 2 * settings.passConfidence() - 1);
        RegressionOutcome outcome = decide(pValue, worse, worse + passMargin, threshold, failLevel);
        return new Judged(outcome, pValue, interval, reason(outcome, worse > threshold, Math.expm1(logChange), interval,
                allowed, pValue, failLevel, settings));
    }

    /**
     * The decision every method shares, on the worse-oriented log change: fail on the test of "no change"
     * at the line's level with a change beyond the allowance, pass with the pass bound within it.
     */
    private static RegressionOutcome decide(double pValue, double worse, double passBound, double threshold,
            FailLevel failLevel) {
        if (pValue <= failLevel.level() && worse > threshold) {
            return RegressionOutcome.REGRESSION;
        }
        if (passBound <= threshold) {
            return RegressionOutcome.NO_REGRESSION;
        }
        return RegressionOutcome.INCONCLUSIVE;
    }

    /**
     * Why a check is undecided. A change beyond the allowance that would fail a lone line but not one of
     * several says so, since the other lines are the reason; otherwise the runs are too noisy for the
     * allowance, and the interval shows how far the change may reach.
     */
    private static String reason(RegressionOutcome outcome, boolean beyondAllowance, double change,
            ChangeInterval interval, double allowed, double pValue, FailLevel failLevel, RegressionSettings settings) {
        if (outcome != RegressionOutcome.INCONCLUSIVE) {
            return "";
        }
        if (beyondAllowance && pValue <= settings.falseAlarmRate()) {
            return "a change of " + PercentText.signed(change) + " could still be chance (p = "
                    + PercentText.probability(pValue) + ", " + PercentText.probability(failLevel.level()) + " needed"
                    + amongLines(failLevel) + ")";
        }
        return "the runs vary too much to tell a change of " + PercentText.allowance(allowed) + ": the change lies "
                + "between " + PercentText.signed(interval.lower()) + " and " + PercentText.signed(interval.upper())
                + " at " + PercentText.confidence(interval.confidence()) + " confidence";
    }

    /** {@code  with 10 regression lines in the build}, or nothing for a lone line. */
    private static String amongLines(FailLevel failLevel) {
        return failLevel.lines() == 1 ? "" : " with " + failLevel.lines() + " regression lines in the build";
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

    private static double standardDeviation(double[] values) {
        double mean = mean(values);
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
