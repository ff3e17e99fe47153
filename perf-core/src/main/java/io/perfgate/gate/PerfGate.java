package io.perfgate.gate;

import io.perfgate.budget.Budget;
import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.BudgetParser;
import io.perfgate.budget.DatabaseLine;
import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.Severity;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.DecisionPolicy;
import io.perfgate.model.GateDecision;
import io.perfgate.database.DatabaseBudgets;
import io.perfgate.database.DatabaseReading;
import io.perfgate.database.DatabaseSections;
import io.perfgate.database.DatabaseSnapshots;
import io.perfgate.diag.Diagnostics;
import io.perfgate.history.RecordedStatements;
import io.perfgate.history.RunRecord;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.model.GateReport;
import io.perfgate.model.KeptSeries;
import io.perfgate.model.LineResult;
import io.perfgate.report.ReportFiles;
import io.perfgate.model.SeriesSummaries;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Trend;
import io.perfgate.model.TrendSubject;
import io.perfgate.model.Verdict;
import io.perfgate.report.VerdictTable;
import io.perfgate.run.ResultsFollower;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.summary.ResultsFollowing;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The gate: finds results, evaluates the budget over them, and decides. This is the entry point of
 * every adapter:
 *
 * <pre>{@code
 * GateOutcome outcome = PerfGate.run(settings, environment, diagnostics);
 * outcome.table().forEach(line -> console.println(line.text()));
 * switch (outcome.decision().result()) { ... }   // SUCCESS, UNSTABLE or FAILURE
 * }</pre>
 *
 * The work comes in two steps an adapter may also take apart: {@link #evaluate} reads and judges and
 * returns the report model without writing anything but the history's record of the run (on Jenkins it
 * runs on the agent that holds the results), and {@link ReportFiles#writeAll} writes the four reports.
 */
public final class PerfGate {

    private PerfGate() {
    }

    /**
     * Follows each k6 run's results while k6 writes them and leaves a run summary beside them, for the series
     * the gate reads under the budget in {@code budgetFile} ({@link KeptSeries}), so that the gate takes the
     * run's results from the summary. A budget that is missing or cannot be read yet names none: the
     * summaries then serve a budget without tag filters, and the gate reads the results of any other whole
     * (and reports what is wrong with the budget).
     *
     * @param log receives a line per run, and one when the budget cannot be read
     */
    public static ResultsFollower resultsFollower(Path budgetFile, Consumer<String> log) {
        Set<SeriesKey> tracked = Set.of();
        if (Files.isRegularFile(budgetFile)) {
            try {
                tracked = KeptSeries.of(BudgetParser.parse(budgetFile, budgetFile.toString()));
            } catch (BadInputException e) {
                log.accept("the budget cannot be read now (" + e.getMessage() + "), so the run summaries keep no"
                        + " series it filters by tags");
            }
        }
        return new ResultsFollowing(tracked, log);
    }

    /**
     * Resolves the settings, evaluates, writes the reports and decides.
     *
     * @throws GateConfigurationException when the settings cannot be used (an unknown history location)
     * @throws java.io.UncheckedIOException when the reports cannot be written
     */
    public static GateOutcome run(GateSettings settings, GateEnvironment environment, Diagnostics diagnostics) {
        CheckRequest request = settings.resolve(environment, diagnostics);
        GateReport report = evaluate(request, diagnostics, environment.clock());
        return outcome(report, ReportFiles.writeAll(report, request.reportDirectory()), settings.decisionPolicy(),
                environment.spelling());
    }

    /** The outcome of a report already evaluated (and written to {@code reportFiles}, if anywhere). */
    public static GateOutcome outcome(GateReport report, List<Path> reportFiles, DecisionPolicy policy,
            OptionSpelling spelling) {
        return new GateOutcome(report, reportFiles, VerdictTable.lines(report),
                GateDecision.of(report, policy, spelling));
    }

    /**
     * Evaluates and writes the reports, with the default decision policy.
     *
     * @throws java.io.UncheckedIOException when the reports cannot be written
     */
    public static GateOutcome check(CheckRequest request, Diagnostics diagnostics) {
        return check(request, diagnostics, Clock.systemUTC());
    }

    /** As {@link #check(CheckRequest, Diagnostics)}, with the clock that stamps the report. */
    public static GateOutcome check(CheckRequest request, Diagnostics diagnostics, Clock clock) {
        GateReport report = evaluate(request, diagnostics, clock);
        return outcome(report, ReportFiles.writeAll(report, request.reportDirectory()), DecisionPolicy.DEFAULT,
                request.spelling());
    }

    /**
     * Reads the budget and the results, judges every line, compares with and records into the history,
     * and returns the report; writes no report file. Input that cannot be used (a malformed budget, a
     * results file that is not what it claims, no results at all) still gives a report: its verdict is
     * {@link Verdict#ERROR}, it has no lines, and its error message names the file, line and field.
     */
    public static GateReport evaluate(CheckRequest request, Diagnostics diagnostics, Clock clock) {
        Instant now = clock.instant();
        String budgetShown = request.displayed(request.budgetFile()).toString();
        EvaluationContext context;
        try {
            context = read(request, budgetShown, diagnostics);
        } catch (BadInputException | UncheckedIOException e) {
            diagnostics.error(e.getMessage());
            return new GateReport(now, budgetShown, List.of(), List.of(), List.of(), diagnostics.all(), Verdict.ERROR);
        }
        Budget budget = context.budget();
        // Regression lines are judged together: they share the build's false-alarm rate.
        Map<BudgetLine, LineResult> regressions = new IdentityHashMap<>();
        List<LineResult> regressionResults = RegressionEvaluation.evaluate(budget.regressionLines(),
                context.candidateRounds(), context.comparison(), request.regression());
        for (int i = 0; i < regressionResults.size(); i++) {
            regressions.put(budget.regressionLines().get(i), regressionResults.get(i));
        }
        List<LineResult> lines = new ArrayList<>(budget.lines().size() + 1);
        for (BudgetLine line : budget.lines()) {
            lines.add(judge(line, context, regressions));
        }
        lines.addAll(oncePerScript(K6ThresholdCheck.uncoveredCrossings(context.k6Crossings(), budget,
                context.results(), request.failOnK6Thresholds(), diagnostics)));
        List<DatabaseStatementRow> statements = context.database().changes()
                .map(changes -> DatabaseSections.rows(changes, context.loadCounts())).orElse(List.of());
        lines = LineExplanations.explain(lines, new LineExplanations.Measured(context.candidateRounds(),
                context.results(), statements), () -> explanationComparison(context));

        List<SeriesSummary> summaries = SeriesSummaries.of(context.results());
        List<Trend> trends = List.of();
        if (request.history().isPresent()) {
            HistoryOptions options = request.history().get();
            // The run is recorded with the verdict its lines give. The report's verdict is taken after the
            // history has spoken: a history that refuses the build's settings is an error the build must show.
            Optional<RecordedStatements> kept = context.database().changes().map(changes -> new RecordedStatements(
                    changes.statements().size(), DatabaseSections.kept(changes, context.loadCounts(),
                            budget.databaseLines())));
            Optional<RunRecord> run = GateHistory.record(options, now, verdict(lines, diagnostics), context.results(),
                    context.candidateRounds(), summaries, lines, kept, request.spelling(), diagnostics);
            trends = GateHistory.trends(options, run, TrendSubject.ofLines(budget.lines()), diagnostics);
        }
        return new GateReport(now, budget.file(), context.candidates().sources(), lines, summaries, diagnostics.all(),
                verdict(lines, diagnostics), trends, context.database().section(context.loadCounts()));
    }

    /**
     * The read phase: the budget, the results of every run, the comparison the regression rules need, the
     * database snapshots and k6's own threshold outcomes. Everything that reads a file happens here.
     */
    private static EvaluationContext read(CheckRequest request, String budgetShown, Diagnostics diagnostics) {
        Budget budget = BudgetParser.parse(request.budgetFile(), budgetShown);
        MeasuredRuns measured = MeasuredRuns.read(request, KeptSeries.of(budget), diagnostics);
        // Fixed limits judge the candidate only: an A/B baseline run measures another deployment.
        IngestedResults candidates = measured.pooledCandidates();
        List<RunResults> rounds = measured.rounds().stream().map(Round::candidate).toList();
        // Without regression lines the history's baseline is not read at all.
        RegressionEvaluation.Comparison comparison = GateHistory.comparison(budget.regressionLines().isEmpty()
                ? Optional.empty() : request.history(), measured.interleaved()
                        ? measured.rounds().stream().map(round -> round.baseline().orElseThrow()).toList() : List.of(),
                request.spelling(), diagnostics);
        DatabaseReading database = DatabaseBudgets.read(budget, DatabaseSnapshots.folder(request.resultsDirectory()),
                request.spelling(), diagnostics);
        List<K6ThresholdCheck.Crossings> crossings = K6ThresholdCheck.read(measured.candidateK6Runs(), request,
                diagnostics);
        return new EvaluationContext(budget, candidates, rounds.isEmpty() ? List.of(candidates.results()) : rounds,
                comparison, database, crossings, request);
    }

    /**
     * What a broken line is explained against: the comparison the regression rules use, read now from the
     * history when the budget has no regression rule (and so the read phase did not read it).
     */
    private static Optional<LineExplanations.Comparison> explanationComparison(EvaluationContext context) {
        RegressionEvaluation.Comparison comparison = context.comparison();
        if (!comparison.interleaved().isEmpty()) {
            return Optional.of(LineExplanations.Comparison.interleaved(comparison.interleaved()));
        }
        if (comparison.history().isPresent()) {
            return LineExplanations.Comparison.history(comparison.history().get(), comparison.branch());
        }
        return context.request().history().flatMap(options -> LineExplanations.Comparison.history(
                GateHistory.baseline(options), options.identity().baselineBranch()));
    }

    /**
     * One evaluator per kind of line (BudgetLine is sealed), each judging over what the read phase found.
     * A line the user marked {@code severity: warn} never fails the build, also when it cannot be decided:
     * it warns with the reason instead of failing closed.
     */
    private static LineResult judge(BudgetLine line, EvaluationContext context,
            Map<BudgetLine, LineResult> regressions) {
        LineResult judged;
        if (line instanceof ThresholdLine threshold) {
            judged = ThresholdEvaluator.evaluate(threshold, context.results());
        } else if (line instanceof RegressionLine) {
            judged = regressions.get(line);
        } else {
            judged = context.database().judge((DatabaseLine) line, context.loadCounts());
        }
        return judged.verdict() == Verdict.ERROR && line.severity() == Severity.WARN ? judged.withVerdict(Verdict.WARN)
                : judged;
    }

    /** The worst line verdict, or ERROR when anything reported an error. */
    private static Verdict verdict(List<LineResult> lines, Diagnostics diagnostics) {
        Verdict verdict = lines.stream().map(LineResult::verdict).reduce(Verdict.PASS, Verdict::worse);
        return diagnostics.hasErrors() ? Verdict.ERROR : verdict;
    }

    /**
     * A script run k times that crossed the same k6 threshold each time gives k lines that differ only in
     * the summary they came from; the first stands for all (the value is measured over the pooled runs).
     */
    private static List<LineResult> oncePerScript(List<LineResult> crossings) {
        Map<String, LineResult> first = new LinkedHashMap<>();
        for (LineResult crossing : crossings) {
            first.putIfAbsent(crossing.line().label() + "\n" + crossing.line().description(), crossing);
        }
        return List.copyOf(first.values());
    }
}
