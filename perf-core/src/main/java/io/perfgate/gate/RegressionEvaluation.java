package io.perfgate.gate;

import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.Severity;
import io.perfgate.history.Baseline;
import io.perfgate.history.RunRecord;
import io.perfgate.regression.BaselineBound;
import io.perfgate.regression.ChangeInterval;
import io.perfgate.regression.EventCount;
import io.perfgate.regression.FailLevel;
import io.perfgate.regression.HolmCorrection;
import io.perfgate.regression.RegressionCheck;
import io.perfgate.regression.RegressionOutcome;
import io.perfgate.regression.RegressionSentence;
import io.perfgate.regression.RegressionSettings;
import io.perfgate.regression.RegressionVerdict;
import io.perfgate.regression.RegressionVerdict.ChangeScale;
import io.perfgate.regression.RegressionVerdict.Method;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.ValueFormat;
import io.perfgate.model.Verdict;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;
import java.util.function.Function;

/**
 * Judges the budget's regression rules: each run of this build against the baseline, one value per run.
 * With interleaved A/B runs in this build they are the baseline; otherwise the history's baseline runs
 * are. The outcome maps onto the line verdicts the way the issue of noisy CI asks: a regression fails
 * (warns with severity warn), no regression passes, and an undecided check warns with its reason, never
 * passes silently. A rule whose statistic this build cannot tell is an error, as for fixed limits.
 */
final class RegressionEvaluation {

    /**
     * What this build is compared with.
     *
     * @param interleaved   the A/B baseline runs of this build, round by round; empty when not A/B
     * @param history       the history's baseline, or empty when no history is kept
     * @param recentRuns    recent usable runs of the baseline branch, the noise estimate for a pinned run
     * @param noHistoryWhy  why there is no history, for the sentence, when {@code history} is empty
     */
    record Comparison(List<RunResults> interleaved, Optional<Baseline> history, List<RunRecord> recentRuns,
            String branch, String noHistoryWhy) {

        Comparison {
            interleaved = List.copyOf(interleaved);
            Objects.requireNonNull(history, "history");
            recentRuns = List.copyOf(recentRuns);
            Objects.requireNonNull(branch, "branch");
            Objects.requireNonNull(noHistoryWhy, "noHistoryWhy");
        }
    }

    private RegressionEvaluation() {
    }

    /** What a line's look at the runs found: a check to judge, or an error. */
    private sealed interface Prepared permits Checkable, Unchecked {
    }

    /** A line that could be checked: its check at any level, and how its values print. */
    private record Checkable(RegressionLine line, Function<FailLevel, RegressionVerdict> check,
            DoubleFunction<String> valueText) implements Prepared {
    }

    /** A line whose statistic this build cannot tell. */
    private record Unchecked(LineResult error) implements Prepared {
    }

    /**
     * The build's regression lines judged together, in the order given: this build's candidate runs
     * against the comparison. The lines share the build's false-alarm rate ({@link HolmCorrection}), so a
     * budget with ten regression lines fails an unchanged build no more often than one with one.
     */
    static List<LineResult> evaluate(List<RegressionLine> lines, List<RunResults> candidateRuns, Comparison comparison,
            RegressionSettings settings) {
        LineResult[] results = new LineResult[lines.size()];
        List<Checkable> checkable = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Prepared prepared = prepare(lines.get(i), candidateRuns, comparison, settings);
            if (prepared instanceof Checkable check) {
                checkable.add(check);
                positions.add(i);
            } else {
                results[i] = ((Unchecked) prepared).error();
            }
        }
        List<RegressionVerdict> verdicts = HolmCorrection.judgeTogether(
                checkable.stream().map(Checkable::check).toList(), settings);
        for (int j = 0; j < checkable.size(); j++) {
            results[positions.get(j)] = result(checkable.get(j), verdicts.get(j));
        }
        return List.of(results);
    }

    /** The line judged alone, as if it were the build's only regression line. */
    static LineResult evaluate(RegressionLine line, List<RunResults> candidateRuns, Comparison comparison,
            RegressionSettings settings) {
        return evaluate(List.of(line), candidateRuns, comparison, settings).get(0);
    }

    /** The line's check, or the error result of a line that cannot be checked. */
    private static Prepared prepare(RegressionLine line, List<RunResults> candidateRuns, Comparison comparison,
            RegressionSettings settings) {
        Statistic statistic = line.rule().statistic();
        List<SeriesStatistics> candidates = new ArrayList<>();
        for (RunResults run : candidateRuns) {
            Optional<SeriesStatistics> series = run.series(line.series());
            if (series.isEmpty()) {
                return new Unchecked(error(line, run.missingReason(line.series())));
            }
            candidates.add(series.get());
        }
        SeriesStatistics first = candidates.get(0);
        if (!first.type().supports(statistic.kind())) {
            return new Unchecked(error(line, line.series().metric() + " is a " + first.type().k6Name()
                    + " metric, which has no " + statistic));
        }
        DoubleFunction<String> valueText = valueText(first.type(), statistic, first.contents());
        if (first.type() == MetricType.RATE) {
            List<EventCount> counted = new ArrayList<>();
            for (SeriesStatistics series : candidates) {
                Optional<EventCount> count = eventCount(series);
                if (count.isEmpty()) {
                    return new Unchecked(error(line, series.unavailableReason(Statistic.RATE)));
                }
                counted.add(count.get());
            }
            return new Checkable(line, level -> eventRate(line, counted, comparison, settings, level), valueText);
        }
        List<Double> values = new ArrayList<>();
        for (SeriesStatistics series : candidates) {
            OptionalDouble value = series.value(statistic);
            if (value.isEmpty() || Double.isNaN(value.getAsDouble())) {
                return new Unchecked(error(line, value.isEmpty() ? series.unavailableReason(statistic)
                        : "the results hold no number for it (NaN)"));
            }
            values.add(value.getAsDouble());
        }
        boolean measurable = values.stream().allMatch(value -> value > 0);
        return new Checkable(line, level -> measurable ? relative(line, values, comparison, settings, level)
                : unmeasurable(line, values, comparison, settings, level), valueText);
    }

    private static LineResult result(Checkable checked, RegressionVerdict verdict) {
        RegressionLine line = checked.line();
        DoubleFunction<String> valueText = checked.valueText();
        Verdict lineVerdict = switch (verdict.outcome()) {
            case REGRESSION -> line.severity() == Severity.WARN ? Verdict.WARN : Verdict.FAIL;
            case NO_REGRESSION -> Verdict.PASS;
            case INCONCLUSIVE -> Verdict.WARN;
        };
        return new LineResult(line, OptionalDouble.of(verdict.observed()), lineVerdict,
                RegressionSentence.of(line.series(), line.rule(), verdict, valueText),
                valueText.apply(verdict.observed()), limitText(line, verdict, valueText), Optional.of(verdict));
    }

    private static RegressionVerdict relative(RegressionLine line, List<Double> candidates, Comparison comparison,
            RegressionSettings settings, FailLevel level) {
        Statistic statistic = line.rule().statistic();
        if (!comparison.interleaved().isEmpty()) {
            List<Double> baseline = new ArrayList<>();
            for (RunResults run : comparison.interleaved()) {
                OptionalDouble value = run.series(line.series()).map(series -> series.value(statistic))
                        .orElse(OptionalDouble.empty());
                baseline.add(value.isPresent() && value.getAsDouble() > 0 ? value.getAsDouble() : Double.NaN);
            }
            if (baseline.stream().anyMatch(value -> value.isNaN())) {
                return inconclusive(line, candidates, Method.INTERLEAVED, "the baseline URL",
                        "a baseline run of this build has no positive " + statistic + " of " + line.series(), settings,
                        level);
            }
            return RegressionCheck.interleaved(line.rule(), "the baseline URL", baseline, candidates, settings, level);
        }
        if (comparison.history().isEmpty()) {
            return inconclusive(line, candidates, Method.HISTORY, comparison.branch(), comparison.noHistoryWhy(),
                    settings, level);
        }
        Baseline baseline = comparison.history().get();
        if (!baseline.available()) {
            return inconclusive(line, candidates, Method.HISTORY, comparison.branch(),
                    "the history could not be read: " + baseline.unavailableReason().orElseThrow(), settings, level);
        }
        if (baseline.kind() == Baseline.Kind.PINNED) {
            RunRecord pinned = baseline.runs().get(0);
            OptionalDouble pinnedValue = valueOf(pinned, line);
            String name = pinned.branch() + ", pinned: " + pinned.runId();
            if (pinnedValue.isEmpty()) {
                return inconclusive(line, candidates, Method.HISTORY, name, "the pinned run holds no " + statistic
                        + " of " + line.series(), settings, level);
            }
            List<Double> noise = valuesOf(comparison.recentRuns(), line);
            return RegressionCheck.againstPinnedRun(line.rule(), name, pinnedValue.getAsDouble(), noise, candidates,
                    settings, level);
        }
        return RegressionCheck.againstHistory(line.rule(), comparison.branch(), valuesOf(baseline.runs(), line),
                candidates, settings, level);
    }

    private static RegressionVerdict eventRate(RegressionLine line, List<EventCount> candidates, Comparison comparison,
            RegressionSettings settings, FailLevel level) {
        if (!comparison.interleaved().isEmpty()) {
            List<EventCount> baseline = new ArrayList<>();
            for (RunResults run : comparison.interleaved()) {
                run.series(line.series()).flatMap(RegressionEvaluation::eventCount).ifPresent(baseline::add);
            }
            return RegressionCheck.eventRate(line.rule(), "the baseline URL", baseline, candidates, settings, level);
        }
        if (comparison.history().isEmpty() || !comparison.history().get().available()) {
            String why = comparison.history().isEmpty() ? comparison.noHistoryWhy()
                    : "the history could not be read: " + comparison.history().get().unavailableReason().orElseThrow();
            return undecidedRate(line, candidates, comparison.branch(), why, settings, level);
        }
        // Counts of one pinned run say nothing of how runs vary: error rates compare with recent runs.
        Baseline baseline = comparison.history().get();
        List<RunRecord> runs = baseline.kind() == Baseline.Kind.PINNED ? comparison.recentRuns() : baseline.runs();
        List<EventCount> counted = new ArrayList<>();
        for (RunRecord run : runs) {
            run.series(line.series()).flatMap(RegressionEvaluation::eventCount).ifPresent(counted::add);
        }
        return RegressionCheck.eventRate(line.rule(), comparison.branch(), counted, candidates, settings, level);
    }

    /** A candidate value of zero or below has no relative change; the check says so instead of guessing. */
    private static RegressionVerdict unmeasurable(RegressionLine line, List<Double> candidates, Comparison comparison,
            RegressionSettings settings, FailLevel level) {
        return inconclusive(line, candidates, comparison.interleaved().isEmpty() ? Method.HISTORY : Method.INTERLEAVED,
                comparison.interleaved().isEmpty() ? comparison.branch() : "the baseline URL",
                line.rule().statistic() + " is 0 or less in this build, so a relative change cannot be measured",
                settings, level);
    }

    private static RegressionVerdict inconclusive(RegressionLine line, List<Double> candidates, Method method,
            String baselineName, String reason, RegressionSettings settings, FailLevel level) {
        double observed = median(candidates);
        return new RegressionVerdict(RegressionOutcome.INCONCLUSIVE, method, line.rule().direction(), observed,
                Double.NaN, Double.NaN, ChangeScale.RELATIVE, line.rule().allowedRelativeChange(settings),
                Optional.empty(), Double.NaN, level, Optional.empty(), 0, 0, candidates.size(), baselineName, reason);
    }

    private static RegressionVerdict undecidedRate(RegressionLine line, List<EventCount> candidates,
            String baselineName, String reason, RegressionSettings settings, FailLevel level) {
        long events = candidates.stream().mapToLong(EventCount::events).sum();
        long total = candidates.stream().mapToLong(EventCount::total).sum();
        boolean relative = line.rule().bound().form() == BaselineBound.Form.FACTOR;
        double allowed = switch (line.rule().bound().form()) {
            case BARE -> line.rule().direction().sign() * settings.minimumRateIncrease();
            case PERCENT -> line.rule().bound().amount().doubleValue() / 100;
            case FACTOR -> line.rule().bound().amount().doubleValue() - 1;
        };
        return new RegressionVerdict(RegressionOutcome.INCONCLUSIVE, Method.EVENT_COUNTS, line.rule().direction(),
                (double) events / total, Double.NaN, Double.NaN, relative ? ChangeScale.RELATIVE : ChangeScale.POINTS,
                allowed, Optional.<ChangeInterval>empty(), Double.NaN, level, Optional.empty(), 0, 0, candidates.size(),
                baselineName, reason);
    }

    /** The statistic of each run that holds it; runs without it are left out. */
    private static List<Double> valuesOf(List<RunRecord> runs, RegressionLine line) {
        List<Double> values = new ArrayList<>();
        for (RunRecord run : runs) {
            OptionalDouble value = valueOf(run, line);
            if (value.isPresent()) {
                values.add(value.getAsDouble());
            }
        }
        return values;
    }

    /**
     * A stored build's statistic when it holds a positive one: zero has no logarithm, and no relative
     * change. A build of repeated runs that kept its rounds counts as the median of its rounds' values, as
     * this build's candidate rounds do ({@link RegressionCheck#medianOfRuns}); a build without rounds (one
     * run, or recorded before rounds were kept), or whose rounds cannot tell the statistic (a percentile
     * only the pooled histogram holds), by its pooled value. A round whose value is 0 or less leaves the
     * build out, as it makes this build's own check unmeasurable.
     */
    private static OptionalDouble valueOf(RunRecord run, RegressionLine line) {
        Statistic statistic = line.rule().statistic();
        List<Double> rounds = new ArrayList<>();
        for (Optional<SeriesSummary> round : run.rounds(line.series())) {
            OptionalDouble value = round.map(summary -> summary.value(statistic)).orElse(OptionalDouble.empty());
            if (value.isEmpty()) {
                rounds.clear();
                break;
            }
            rounds.add(value.getAsDouble());
        }
        if (!rounds.isEmpty()) {
            return rounds.stream().allMatch(value -> value > 0)
                    ? OptionalDouble.of(RegressionCheck.medianOfRuns(rounds)) : OptionalDouble.empty();
        }
        OptionalDouble value = run.series(line.series()).map(summary -> summary.value(statistic))
                .orElse(OptionalDouble.empty());
        return value.isPresent() && value.getAsDouble() > 0 ? value : OptionalDouble.empty();
    }

    private static Optional<EventCount> eventCount(SeriesStatistics series) {
        OptionalDouble rate = series.value(Statistic.RATE);
        long total = series.sampleCount();
        if (rate.isEmpty() || total < 1 || Double.isNaN(rate.getAsDouble())) {
            return Optional.empty();
        }
        return Optional.of(new EventCount(Math.round(rate.getAsDouble() * total), total));
    }

    private static Optional<EventCount> eventCount(SeriesSummary summary) {
        OptionalDouble rate = summary.value(Statistic.RATE);
        if (summary.type() != MetricType.RATE || rate.isEmpty() || summary.count() < 1) {
            return Optional.empty();
        }
        return Optional.of(new EventCount(Math.round(rate.getAsDouble() * summary.count()), summary.count()));
    }

    /** {@code < 543.4 ms (baseline 494 ms + 10%)}, or the rule as written while there is no baseline value. */
    private static String limitText(RegressionLine line, RegressionVerdict verdict, DoubleFunction<String> valueText) {
        String operator = line.rule().operator();
        if (Double.isNaN(verdict.baseline())) {
            return operator + " " + line.rule().bound().text();
        }
        double allowed = verdict.allowedChange();
        boolean points = verdict.scale() == ChangeScale.POINTS;
        double limit = points ? verdict.baseline() + allowed : verdict.baseline() * (1 + allowed);
        return operator + " " + valueText.apply(limit) + " (baseline " + valueText.apply(verdict.baseline()) + " "
                + RegressionSentence.allowance(verdict) + ")";
    }

    /** Values as the report prints them: a rate metric's share in percent, a counter's rate per second. */
    private static DoubleFunction<String> valueText(MetricType type, Statistic statistic, MetricContents contents) {
        if (type == MetricType.RATE) {
            return ValueFormat::percent;
        }
        if (type == MetricType.COUNTER && statistic.kind() == Statistic.Kind.RATE) {
            return value -> ValueFormat.number(value) + "/s";
        }
        return value -> ValueFormat.value(value, contents, "");
    }

    private static LineResult error(RegressionLine line, String reason) {
        return new LineResult(line, OptionalDouble.empty(), Verdict.ERROR, line.series() + " "
                + line.rule().statistic() + " could not be evaluated: " + reason + " (" + line.location() + ")", "",
                line.rule().operator() + " " + line.rule().bound().text());
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
