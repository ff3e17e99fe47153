package io.perfgate.gate;

import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.DatabaseLine;
import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.history.Baseline;
import io.perfgate.history.RecordedStatements;
import io.perfgate.history.RunRecord;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.Explanation;
import io.perfgate.model.FailedRequests;
import io.perfgate.model.LineResult;
import io.perfgate.model.PhaseSplit;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Verdict;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import io.perfgate.stats.StatusCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What changed behind each line that failed or warned: for a latency of HTTP requests, the same statistic
 * of each timing phase of the same requests, and their failures by status; for an error rate, the
 * failures by status; the database statements that moved. All against the baseline runs the regression
 * rules use (this build's A/B baseline runs, the pinned run, or the baseline branch's last runs); without
 * any, the phases and failures of this run alone.
 */
final class LineExplanations {

    static final String DURATION = "http_req_duration";
    static final String FAILED = "http_req_failed";

    private static final Set<Statistic.Kind> TREND_STATISTICS = Set.of(Statistic.Kind.AVG, Statistic.Kind.MIN,
            Statistic.Kind.MAX, Statistic.Kind.MED, Statistic.Kind.PERCENTILE);

    /**
     * What this build is compared with.
     *
     * @param description   how the sentences name it, e.g. {@code 5 runs of main}
     * @param runs          one value source per baseline run
     * @param logMeanCentre whether a statistic's baseline is the geometric mean of the runs' values, as the
     *                      regression rules centre a history's baseline; else their median
     */
    record Comparison(String description, List<RunValues> runs, boolean logMeanCentre) {

        Comparison {
            runs = List.copyOf(runs);
        }

        /** The interleaved baseline runs of this build. */
        static Comparison interleaved(List<RunResults> runs) {
            return new Comparison(runs.size() + (runs.size() == 1 ? " interleaved run" : " interleaved runs")
                    + " of the baseline URL", runs.stream().map(LineExplanations::valuesOf).toList(), false);
        }

        /** The history's baseline, when it holds runs. */
        static Optional<Comparison> history(Baseline baseline, String branch) {
            if (!baseline.available() || baseline.runs().isEmpty()) {
                return Optional.empty();
            }
            List<RunValues> values = baseline.runs().stream().map(LineExplanations::valuesOf).toList();
            if (baseline.kind() == Baseline.Kind.PINNED) {
                RunRecord pinned = baseline.runs().get(0);
                return Optional.of(new Comparison("run " + pinned.runId() + " of " + pinned.branch() + " (pinned)",
                        values, false));
            }
            int count = baseline.runs().size();
            return Optional.of(new Comparison(count + (count == 1 ? " run of " : " runs of ") + branch, values, true));
        }
    }

    /** One baseline run's values. */
    interface RunValues {

        /** The statistic of the series in that run, when it holds it. */
        OptionalDouble value(SeriesKey series, Statistic statistic);

        /** The share of the series' requests that failed, when known. */
        OptionalDouble failedRate(SeriesKey failedSeries);

        /** The database statements the run kept, when it kept any. */
        Optional<RecordedStatements> statements();
    }

    private LineExplanations() {
    }

    /** What this build measured, for the explanations. */
    record Measured(List<RunResults> rounds, RunResults pooled, List<DatabaseStatementRow> statements) {

        /**
         * @param rounds     this build's candidate runs, each an observation as for the regression rules
         * @param pooled     the candidate runs pooled, for the failure counts
         * @param statements every statement the database ran during the load; empty without snapshots
         */
        Measured {
            rounds = List.copyOf(rounds);
            statements = List.copyOf(statements);
        }
    }

    /**
     * Each line with what changed behind it, when it failed or warned; other lines as they were. A latency
     * of HTTP requests gets its timing phases, its failed requests and the statements that moved; an error
     * rate its failed requests; any other regression rule the statements that moved; a database line the
     * statements it selects that moved.
     *
     * @param comparison what the build is compared with, asked for only when a line needs explaining
     */
    static List<LineResult> explain(List<LineResult> lines, Measured measured,
            Supplier<Optional<Comparison>> comparison) {
        List<LineResult> explained = new ArrayList<>(lines.size());
        Explainer explainer = new Explainer(measured, comparison);
        for (LineResult result : lines) {
            boolean broken = result.verdict() == Verdict.FAIL || result.verdict() == Verdict.WARN;
            List<Explanation> found = broken ? explainer.explain(result.line()) : List.of();
            explained.add(found.isEmpty() ? result : result.withExplanations(found));
        }
        return explained;
    }

    /** Explains line by line, reading the comparison and moving the statements once, when first needed. */
    private static final class Explainer {

        private final Measured measured;
        private final Supplier<Optional<Comparison>> comparisonSource;
        private Optional<Comparison> comparison;
        private StatementShifts shifts;

        Explainer(Measured measured, Supplier<Optional<Comparison>> comparisonSource) {
            this.measured = measured;
            this.comparisonSource = comparisonSource;
        }

        List<Explanation> explain(BudgetLine line) {
            List<Explanation> found = new ArrayList<>();
            if (line instanceof DatabaseLine database) {
                found.addAll(shifts().shown(database.selector()::selects));
                return found;
            }
            SeriesKey series = seriesOf(line).orElseThrow();
            boolean latency = series.metric().equals(DURATION);
            if (latency && TREND_STATISTICS.contains(statisticOf(line).kind())) {
                phaseSplit(series, statisticOf(line), measured.rounds(), comparison()).ifPresent(found::add);
            }
            if (latency || series.metric().equals(FAILED)) {
                failedRequests(new SeriesKey(FAILED, series.filter()), measured.pooled(), comparison())
                        .ifPresent(found::add);
            }
            if (latency || line instanceof RegressionLine) {
                found.addAll(shifts().shown(text -> true));
            }
            return found;
        }

        private Optional<Comparison> comparison() {
            if (comparison == null) {
                comparison = comparisonSource.get();
            }
            return comparison;
        }

        private StatementShifts shifts() {
            if (shifts == null) {
                List<RecordedStatements> baseline = comparison().map(against -> against.runs().stream()
                        .flatMap(run -> run.statements().stream()).toList()).orElse(List.of());
                shifts = measured.statements().isEmpty() || baseline.isEmpty() ? StatementShifts.NONE
                        : StatementShifts.of(measured.statements(), baseline, comparison().orElseThrow().description());
            }
            return shifts;
        }
    }

    private static Optional<Explanation> phaseSplit(SeriesKey series, Statistic statistic, List<RunResults> rounds,
            Optional<Comparison> comparison) {
        OptionalDouble total = observed(series, statistic, rounds);
        if (total.isEmpty()) {
            return Optional.empty();
        }
        OptionalDouble totalBaseline = comparison.map(against -> baseline(series, statistic, against))
                .orElse(OptionalDouble.empty());
        boolean compared = totalBaseline.isPresent();
        List<PhaseSplit.Phase> phases = new ArrayList<>();
        for (String metric : PhaseSplit.PHASE_METRICS) {
            SeriesKey phase = new SeriesKey(metric, series.filter());
            OptionalDouble value = observed(phase, statistic, rounds);
            if (value.isPresent()) {
                phases.add(new PhaseSplit.Phase(metric, value.getAsDouble(),
                        compared ? baseline(phase, statistic, comparison.get()) : OptionalDouble.empty()));
            }
        }
        if (phases.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(PhaseSplit.of(statistic, compared ? Optional.of(comparison.get().description())
                : Optional.empty(), new PhaseSplit.Phase(DURATION, total.getAsDouble(), totalBaseline), phases));
    }

    private static Optional<Explanation> failedRequests(SeriesKey failedSeries, RunResults pooled,
            Optional<Comparison> comparison) {
        Optional<SeriesStatistics> failures = pooled.series(failedSeries).filter(s -> s.type() == MetricType.RATE);
        if (failures.isEmpty() || failures.get().value(Statistic.RATE).isEmpty()) {
            return Optional.empty();
        }
        long requests = failures.get().sampleCount();
        long failed = Math.round(failures.get().value(Statistic.RATE).getAsDouble() * requests);
        OptionalDouble baselineRate = comparison.map(against -> median(against.runs().stream()
                .map(run -> run.failedRate(failedSeries)).toList())).orElse(OptionalDouble.empty());
        if (failed == 0 && (baselineRate.isEmpty() || baselineRate.getAsDouble() == 0)) {
            return Optional.empty();
        }
        List<FailedRequests.StatusCount> statuses = new ArrayList<>();
        Optional<StatusCounts> counted = pooled.statuses(failedSeries);
        if (counted.isPresent()) {
            for (Map.Entry<String, Long> status : counted.get().byStatus().entrySet()) {
                if (statuses.size() < FailedRequests.STATUSES) {
                    statuses.add(new FailedRequests.StatusCount(status.getKey(), status.getValue()));
                }
            }
        }
        return Optional.of(FailedRequests.of(requests, failed, baselineRate,
                baselineRate.isPresent() ? comparison.map(Comparison::description) : Optional.empty(), statuses));
    }

    /** This build's value: the median of its runs, as the regression rules take it. */
    private static OptionalDouble observed(SeriesKey series, Statistic statistic, List<RunResults> rounds) {
        List<OptionalDouble> values = new ArrayList<>();
        for (RunResults round : rounds) {
            OptionalDouble value = round.series(series).map(found -> found.value(statistic))
                    .orElse(OptionalDouble.empty());
            if (value.isEmpty()) {
                return OptionalDouble.empty();
            }
            values.add(value);
        }
        return median(values);
    }

    /**
     * The baseline's value: for a history, the geometric mean of its runs' values, the centre the regression
     * rules compare with, so a line's explanation and its verdict start from the same number (the rules
     * may leave out an outlier run, which this does not); a value of 0 in any run (a phase that took no time)
     * has no logarithm, and the median takes over, as it does for interleaved and pinned baselines.
     */
    private static OptionalDouble baseline(SeriesKey series, Statistic statistic, Comparison comparison) {
        List<OptionalDouble> values = comparison.runs().stream().map(run -> run.value(series, statistic)).toList();
        double[] known = values.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble)
                .filter(Double::isFinite).toArray();
        if (comparison.logMeanCentre() && known.length > 0 && Arrays.stream(known).allMatch(value -> value > 0)) {
            return OptionalDouble.of(Math.exp(Arrays.stream(known).map(Math::log).average().orElseThrow()));
        }
        return median(values);
    }

    /** The median of the values known, usable ones only; empty when there are none. */
    static OptionalDouble median(List<OptionalDouble> values) {
        double[] known = values.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble)
                .filter(value -> Double.isFinite(value) && value >= 0).sorted().toArray();
        if (known.length == 0) {
            return OptionalDouble.empty();
        }
        int middle = known.length / 2;
        return OptionalDouble.of(known.length % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2);
    }

    private static RunValues valuesOf(RunResults run) {
        return new RunValues() {
            @Override
            public OptionalDouble value(SeriesKey series, Statistic statistic) {
                return run.series(series).map(found -> found.value(statistic)).orElse(OptionalDouble.empty());
            }

            @Override
            public OptionalDouble failedRate(SeriesKey failedSeries) {
                return value(failedSeries, Statistic.RATE);
            }

            /** The A/B baseline runs have no database snapshots of their own. */
            @Override
            public Optional<RecordedStatements> statements() {
                return Optional.empty();
            }
        };
    }

    /**
     * A recorded build's values: the median of its rounds where it kept them and each round holds the
     * value, as for the regression rules, else its pooled value.
     */
    private static RunValues valuesOf(RunRecord run) {
        return new RunValues() {
            @Override
            public OptionalDouble value(SeriesKey series, Statistic statistic) {
                List<OptionalDouble> rounds = run.rounds(series).stream()
                        .map(round -> round.map(summary -> summary.value(statistic)).orElse(OptionalDouble.empty()))
                        .toList();
                if (!rounds.isEmpty() && rounds.stream().allMatch(OptionalDouble::isPresent)) {
                    return median(rounds);
                }
                return run.series(series).map(summary -> summary.value(statistic)).orElse(OptionalDouble.empty());
            }

            @Override
            public OptionalDouble failedRate(SeriesKey failedSeries) {
                OptionalDouble rate = run.series(failedSeries).map(summary -> summary.value(Statistic.RATE))
                        .orElse(OptionalDouble.empty());
                return rate.isPresent() ? rate : run.series(new SeriesKey(DURATION, failedSeries.filter()))
                        .map(SeriesSummary::errorRate).orElse(OptionalDouble.empty());
            }

            @Override
            public Optional<RecordedStatements> statements() {
                return run.statements();
            }
        };
    }

    private static Optional<SeriesKey> seriesOf(BudgetLine line) {
        if (line instanceof ThresholdLine threshold) {
            return Optional.of(threshold.series());
        }
        if (line instanceof RegressionLine regression) {
            return Optional.of(regression.series());
        }
        return Optional.empty();
    }

    private static Statistic statisticOf(BudgetLine line) {
        return line instanceof ThresholdLine threshold ? threshold.threshold().statistic()
                : ((RegressionLine) line).rule().statistic();
    }
}
