package io.perfgate.history;

import io.perfgate.regression.ChangePoint;
import io.perfgate.regression.ChangePointSettings;
import io.perfgate.regression.ChangePoints;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Trend;
import io.perfgate.model.TrendChangePoint;
import io.perfgate.model.TrendPoint;
import io.perfgate.model.TrendSubject;
import io.perfgate.model.Verdict;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Builds the trends of a branch from its recorded runs: per budget statistic, its value, verdict and
 * run in every run, and the change points of the values.
 *
 * <p><b>Values.</b> A run's value is the observed value its first recorded line of the subject holds
 * (threshold lines first, see {@link TrendSubject#expressions()}); without one, the run's summary of the
 * series gives it ({@link SeriesSummary#value}: the statistics recorded for the metric's type, and any
 * other percentile of a trend metric from its compressed histogram when the run kept one). Anything else
 * is empty, never 0.
 *
 * <p><b>Change points.</b> The values go through {@link ChangePoints#find} oldest first: E-divisive with
 * means (energy distance, one change point at a time at the split that separates the values most, each
 * accepted only when a seeded permutation test finds it significant; see that class). With
 * {@link ChangePointSettings#defaults()} a change point needs p &le; 0.01 and at least 5 runs on either
 * side, so a trend needs 10 values before it can show one, and a series without change shows one in
 * about 1 % of cases. Runs without a value and flagged runs (a noisy agent, a known-bad build) are left
 * out of the detection but still drawn; a change point then points at the first run used after the
 * change. The permutation test costs about {@code permutations × runs²} operations per change point: a
 * trend of 300 runs with one change point takes about 0.3 s, so the history read for trends should be
 * bounded (a few hundred runs).
 */
public final class Trends {

    /** The series drawn even when no budget line watches it: k6's overall request latency. */
    public static final SeriesKey OVERALL_LATENCY = SeriesKey.of("http_req_duration");

    /** The statistic drawn of {@link #OVERALL_LATENCY}. */
    public static final Statistic OVERALL_LATENCY_STATISTIC = Statistic.percentile(95);

    private Trends() {
    }

    /** {@link #of(List, List, ChangePointSettings)} with the default change-point settings. */
    public static List<Trend> of(List<RecordedRun> newestFirst, List<TrendSubject> subjects) {
        return of(newestFirst, subjects, ChangePointSettings.defaults());
    }

    /**
     * One trend per subject, in order, then one of p(95) of {@link #OVERALL_LATENCY} when a run measured
     * that series and no subject already follows it.
     *
     * @param newestFirst the runs of one branch, newest first, as {@link HistoryStore#runs} lists them
     * @param subjects    what to follow, e.g. {@link TrendSubject#ofLines} of the budget's lines
     * @param settings    how change points are found
     * @return oldest-first trends; empty when there are no runs
     */
    public static List<Trend> of(List<RecordedRun> newestFirst, List<TrendSubject> subjects,
            ChangePointSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (newestFirst.isEmpty()) {
            return List.of();
        }
        List<RecordedRun> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        List<TrendSubject> followed = new ArrayList<>(subjects);
        boolean overallFollowed = subjects.stream().anyMatch(subject -> subject.series().equals(OVERALL_LATENCY)
                && subject.statistic().equals(OVERALL_LATENCY_STATISTIC));
        if (!overallFollowed && oldestFirst.stream().anyMatch(run -> run.run().series(OVERALL_LATENCY).isPresent())) {
            followed.add(TrendSubject.unwatched(OVERALL_LATENCY, OVERALL_LATENCY_STATISTIC));
        }
        return followed.stream().map(subject -> trend(oldestFirst, subject, settings)).toList();
    }

    private static Trend trend(List<RecordedRun> oldestFirst, TrendSubject subject, ChangePointSettings settings) {
        List<TrendPoint> points = new ArrayList<>(oldestFirst.size());
        MetricContents contents = MetricContents.DEFAULT;
        for (RecordedRun recorded : oldestFirst) {
            RunRecord run = recorded.run();
            Optional<SeriesSummary> summary = run.series(subject.series());
            if (summary.isPresent()) {
                contents = summary.get().contents(); // the newest run's word wins
            }
            points.add(new TrendPoint(run.runId(), run.commit(), run.buildUrl(), run.startedAt(),
                    value(run, summary, subject), verdict(run, subject), run.verdict(), recorded.flagReason(),
                    recorded.pinned()));
        }
        return new Trend(subject.series(), subject.statistic(), contents, subject.limits(), points,
                changePoints(points, settings));
    }

    /** The first recorded observed value of the subject's lines, else the summary's. */
    private static OptionalDouble value(RunRecord run, Optional<SeriesSummary> summary, TrendSubject subject) {
        SeriesKey series = StoredText.seriesKey(subject.series());
        for (String expression : storable(subject.expressions())) {
            for (LineVerdict line : run.lines()) {
                if (line.series().equals(series) && line.expression().equals(expression)
                        && line.observed().isPresent()) {
                    return line.observed();
                }
            }
        }
        return summary.map(values -> values.value(subject.statistic())).orElse(OptionalDouble.empty());
    }

    /** The worst recorded verdict of the subject's lines; empty when the run recorded none of them. */
    private static Optional<Verdict> verdict(RunRecord run, TrendSubject subject) {
        Verdict worst = null;
        SeriesKey series = StoredText.seriesKey(subject.series());
        List<String> expressions = storable(subject.expressions());
        for (LineVerdict line : run.lines()) {
            if (line.series().equals(series) && expressions.contains(line.expression())) {
                worst = worst == null ? line.verdict() : worst.worse(line.verdict());
            }
        }
        return Optional.ofNullable(worst);
    }

    /** The expressions as the runs keep them. */
    private static List<String> storable(List<String> expressions) {
        return expressions.stream().map(expression -> StoredText.storable(expression, "expression")).toList();
    }

    /** Change points of the measured values of runs that are not flagged, mapped back to the points. */
    private static List<TrendChangePoint> changePoints(List<TrendPoint> points, ChangePointSettings settings) {
        List<Double> values = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            TrendPoint point = points.get(i);
            if (point.value().isPresent() && !point.flagged()) {
                values.add(point.value().getAsDouble());
                positions.add(i);
            }
        }
        List<TrendChangePoint> changes = new ArrayList<>();
        for (ChangePoint change : ChangePoints.find(values, settings)) {
            int index = positions.get(change.index());
            changes.add(new TrendChangePoint(index, points.get(index).runId(), change.meanBefore(),
                    change.meanAfter(), change.pValue()));
        }
        return changes;
    }
}
