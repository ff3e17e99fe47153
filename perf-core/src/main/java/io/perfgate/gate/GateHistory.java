package io.perfgate.gate;

import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.history.Baseline;
import io.perfgate.history.BaselineQuery;
import io.perfgate.history.HistoryConfigurationException;
import io.perfgate.history.HistoryException;
import io.perfgate.history.LineVerdict;
import io.perfgate.history.RecordOutcome;
import io.perfgate.history.RecordedStatements;
import io.perfgate.history.RecordedRun;
import io.perfgate.history.RunRecord;
import io.perfgate.history.Trends;
import io.perfgate.model.KeptSeries;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummaries;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Trend;
import io.perfgate.model.TrendSubject;
import io.perfgate.model.Verdict;
import io.perfgate.stats.CompressedHistogram;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The gate's two uses of the history: the baseline it compares with, and recording the run it judged. */
final class GateHistory {

    private GateHistory() {
    }

    /**
     * What the regression rules compare with: this build's A/B baseline runs when there are any, else the
     * history's baseline of the baseline branch (never this run itself, so a retried build is not its own
     * baseline).
     */
    static RegressionEvaluation.Comparison comparison(Optional<HistoryOptions> history, List<RunResults> interleaved,
            OptionSpelling spelling, Diagnostics diagnostics) {
        if (history.isEmpty()) {
            return new RegressionEvaluation.Comparison(interleaved, Optional.empty(), List.of(), "history",
                    "no history is kept (" + spelling.spell(Option.HISTORY) + " is none), so there is no baseline");
        }
        HistoryOptions options = history.get();
        String branch = options.identity().baselineBranch();
        if (!interleaved.isEmpty()) {
            return new RegressionEvaluation.Comparison(interleaved, Optional.empty(), List.of(), branch, "");
        }
        Baseline baseline = options.store().baseline(BaselineQuery.lastRuns(options.project(), branch,
                options.baselineRuns()).excluding(options.identity().runId()));
        List<RunRecord> recent = List.of();
        if (baseline.kind() == Baseline.Kind.PINNED) {
            recent = recentUsableRuns(options, branch, diagnostics);
        }
        if (baseline.available() && baseline.runs().isEmpty()) {
            diagnostics.info("no usable run of " + branch + " of " + options.project() + " in "
                    + options.store().location() + " yet: regression rules are undecided until there are some");
        }
        return new RegressionEvaluation.Comparison(List.of(), Optional.of(baseline), recent, branch, "");
    }

    /**
     * The baseline branch's baseline, read without a word in the messages: for explaining broken lines of a
     * budget without regression rules, whose read phase did not read it.
     */
    static Baseline baseline(HistoryOptions options) {
        return options.store().baseline(BaselineQuery.lastRuns(options.project(), options.identity().baselineBranch(),
                options.baselineRuns()).excluding(options.identity().runId()));
    }

    /** The branch's recent passing, unflagged runs other than this one, for the noise around a pinned run. */
    private static List<RunRecord> recentUsableRuns(HistoryOptions options, String branch, Diagnostics diagnostics) {
        List<RunRecord> usable = new ArrayList<>();
        try {
            for (RecordedRun recorded : options.store().runs(options.project(), branch, 4 * options.baselineRuns())) {
                RunRecord run = recorded.run();
                if (!recorded.flagged() && !run.runId().equals(options.identity().runId())
                        && (run.verdict() == Verdict.PASS || run.verdict() == Verdict.WARN)
                        && usable.size() < options.baselineRuns()) {
                    usable.add(run);
                }
            }
        } catch (HistoryConfigurationException e) {
            refused(e, diagnostics);
        } catch (HistoryException e) {
            diagnostics.warning("the recent runs of " + branch + " could not be read from "
                    + options.store().location() + ": " + e.getMessage());
        }
        return usable;
    }

    /**
     * Adds the run to the history and says so in the messages. A failure to record is a warning, not
     * an error: the verdict stands on this build's results, and a store that spools (PostgreSQL while
     * it is down) keeps the run for a later build. A store that refuses the build's settings (a wrong
     * password) is an error: the gate fails closed on a history it was told to use and cannot.
     *
     * @return the run as the history keeps it, recorded or not; empty when it cannot be made into one
     */
    static Optional<RunRecord> record(HistoryOptions options, Instant startedAt, Verdict verdict, RunResults results,
            List<RunResults> rounds, List<SeriesSummary> summaries, List<LineResult> lines,
            Optional<RecordedStatements> statements, OptionSpelling spelling, Diagnostics diagnostics) {
        RunRecord run;
        try {
            run = runRecord(options, startedAt, verdict, results, rounds, summaries, lines, statements);
        } catch (IllegalArgumentException e) {
            diagnostics.warning("run " + options.identity().runId() + " cannot be kept in the history: "
                    + e.getMessage());
            return Optional.empty();
        }
        if (!options.record()) {
            diagnostics.info("this run is not recorded in the history (" + spelling.spell(Option.HISTORY_RECORD)
                    + " is false)");
            return Optional.of(run);
        }
        try {
            RecordOutcome outcome = options.store().record(run);
            if (outcome == RecordOutcome.STORED) {
                diagnostics.info("recorded run " + run.runId() + " of " + run.branch() + " in "
                        + options.store().location());
            } else if (outcome == RecordOutcome.ALREADY_STORED) {
                diagnostics.info("run " + run.runId() + " of " + run.branch() + " was recorded before (a retried"
                        + " build); the first record stands");
            } // SPOOLED: the store itself has warned where the run waits

        } catch (HistoryConfigurationException e) {
            refused(e, diagnostics);
        } catch (HistoryException e) {
            diagnostics.warning("run " + run.runId() + " could not be recorded in " + options.store().location()
                    + ": " + e.getMessage());
        }
        return Optional.of(run);
    }

    /**
     * A history that refuses the build's settings: an error, so the report is undecided and the build fails
     * as on any other configuration error, said once however many uses of the history ran into it.
     */
    private static void refused(HistoryConfigurationException e, Diagnostics diagnostics) {
        String text = "the run history cannot be used: " + e.getMessage();
        if (diagnostics.all().stream().noneMatch(message -> message.level() == Diagnostic.Level.ERROR
                && message.text().equals(text))) {
            diagnostics.error(text);
        }
    }

    /** How many runs a trend shows: enough to see creep over weeks of builds, few enough to read fast. */
    static final int TREND_RUNS = 60;

    /**
     * The trends of the budget's statistics over the baseline branch's recent runs, ending with this run
     * (recorded or not, and also when it measured a pull request's branch). A history that cannot be read
     * gives no trends and a warning: the trend is for people, the verdict does not depend on it.
     */
    static List<Trend> trends(HistoryOptions options, Optional<RunRecord> thisRun, List<TrendSubject> subjects,
            Diagnostics diagnostics) {
        String branch = options.identity().baselineBranch();
        List<RecordedRun> newestFirst = new ArrayList<>();
        thisRun.ifPresent(run -> newestFirst.add(new RecordedRun(run, Optional.empty(), false)));
        try {
            for (RecordedRun run : options.store().runs(options.project(), branch, TREND_RUNS)) {
                boolean isThisRun = thisRun.filter(own -> own.runId().equals(run.run().runId())).isPresent();
                if (!isThisRun && newestFirst.size() < TREND_RUNS) {
                    newestFirst.add(run);
                }
            }
        } catch (HistoryConfigurationException e) {
            refused(e, diagnostics);
            return List.of();
        } catch (HistoryException e) {
            diagnostics.warning("the trends are left out: the runs of " + branch + " could not be read from "
                    + options.store().location() + ": " + e.getMessage());
            return List.of();
        }
        return Trends.of(newestFirst, subjects);
    }

    /**
     * The run as the history keeps it: every summary row with its trend's histogram, every other series a
     * line of the budget names, the timing phases and failures of each HTTP latency a line watches (without
     * histograms; later builds explain a broken line with them), and the verdict of each threshold and
     * regression line, and the database statements kept of the load. A build of k > 1 candidate rounds also
     * keeps each round's statistics of the same series, so that a later build takes this one's value as the
     * median of its rounds, as the regression check takes its own; a single-run build keeps no rounds, its
     * one run being the pooled series.
     *
     * @param rounds     each candidate round's results, pooled over its scripts; one element for a single run
     * @param statements the database statements to keep, when the build took snapshots
     */
    static RunRecord runRecord(HistoryOptions options, Instant startedAt, Verdict verdict, RunResults results,
            List<RunResults> rounds, List<SeriesSummary> summaries, List<LineResult> lines,
            Optional<RecordedStatements> statements) {
        RunIdentity identity = options.identity();
        RunRecord.Builder run = RunRecord.builder().project(options.project()).branch(identity.branch())
                .commit(identity.commit().orElse(null)).runId(identity.runId())
                .buildUrl(identity.buildUrl().orElse(null)).startedAt(startedAt).labels(options.labels())
                .verdict(verdict).statements(statements.orElse(null));
        Set<SeriesKey> kept = new LinkedHashSet<>();
        for (SeriesSummary summary : summaries) {
            Optional<SeriesSummary> withValues = results.series(summary.key()).flatMap(SeriesStatistics::histogram)
                    .map(histogram -> summary.withHistogram(CompressedHistogram.encode(histogram)));
            run.series(withValues.orElse(summary));
            kept.add(summary.key());
        }
        for (LineResult result : lines) {
            Optional<SeriesKey> series = seriesOf(result);
            if (series.isEmpty()) {
                continue;
            }
            if (kept.add(series.get())) {
                results.series(series.get()).ifPresent(statistics -> run.series(SeriesSummary.of(statistics)));
            }
            run.line(new LineVerdict(series.get(), result.line().expression(), result.observed()
                    .stream().filter(Double::isFinite).findFirst(), result.verdict()));
        }
        // What later builds need to explain a broken line: the timing phases and failures of its latency.
        List<SeriesKey> judged = lines.stream().map(GateHistory::seriesOf).flatMap(Optional::stream).toList();
        for (SeriesKey series : KeptSeries.explaining(judged)) {
            if (kept.add(series)) {
                results.series(series).ifPresent(statistics ->
                        run.series(SeriesSummary.of(statistics).withoutHistogram()));
            }
        }
        RunRecord pooled = run.build();
        if (rounds.size() < 2 || pooled.series().isEmpty()) {
            return pooled; // rounds are kept beside the pooled series; without series there is nothing to keep
        }
        for (RunResults round : rounds) {
            run.round(roundSeries(pooled, round));
        }
        return run.build();
    }

    /**
     * One round's statistics of the run's series, computed as the pooled ones are: summary rows as the
     * report's table computes them (rate over the round's duration, error rate), other series from their
     * results. They take the pooled series' contents, which the stores keep once per series.
     */
    private static List<SeriesSummary> roundSeries(RunRecord pooled, RunResults round) {
        List<SeriesSummary> rows = SeriesSummaries.of(round);
        List<SeriesSummary> series = new ArrayList<>();
        for (SeriesSummary of : pooled.series()) {
            Optional<SeriesSummary> measured = rows.stream().filter(row -> row.key().equals(of.key())).findFirst()
                    .or(() -> round.series(of.key()).map(SeriesSummary::of));
            measured.filter(summary -> summary.type() == of.type()).ifPresent(summary -> series.add(
                    new SeriesSummary(of.key(), of.type(), of.contents(), summary.count(), summary.rate(),
                            summary.min(), summary.avg(), summary.med(), summary.p90(), summary.p95(), summary.p99(),
                            summary.max(), summary.errorRate(), Optional.empty())));
        }
        return series;
    }

    private static Optional<SeriesKey> seriesOf(LineResult result) {
        if (result.line() instanceof ThresholdLine line) {
            return Optional.of(line.series());
        }
        if (result.line() instanceof RegressionLine line) {
            return Optional.of(line.series());
        }
        return Optional.empty();
    }
}
