package io.perfgate.gate;

import io.perfgate.budget.Budget;
import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.BudgetParser;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.model.DecisionPolicy;
import io.perfgate.model.GateDecision;
import io.perfgate.database.DatabaseBudgets;
import io.perfgate.database.DatabaseOutcome;
import io.perfgate.database.DatabaseSnapshots;
import io.perfgate.diag.Diagnostics;
import io.perfgate.history.RunRecord;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.report.BudgetEvaluator;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.report.ReportFiles;
import io.perfgate.model.SeriesSummaries;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Trend;
import io.perfgate.model.TrendSubject;
import io.perfgate.model.Verdict;
import io.perfgate.report.VerdictTable;
import io.perfgate.stats.RunResults;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
        Budget budget;
        MeasuredRuns measured;
        try {
            budget = BudgetParser.parse(request.budgetFile(), budgetShown);
            measured = MeasuredRuns.read(request, budget.series(), diagnostics);
        } catch (BadInputException | UncheckedIOException e) {
            diagnostics.error(e.getMessage());
            return new GateReport(now, budgetShown, List.of(), List.of(), List.of(), diagnostics.all(), Verdict.ERROR);
        }
        // Fixed limits judge the candidate only: an A/B baseline run measures another deployment.
        IngestedResults ingested = measured.pooledCandidates();

        List<LineResult> evaluated = new ArrayList<>(BudgetEvaluator.evaluate(budget, ingested.results()));
        evaluated.addAll(regressionResults(budget, measured, ingested, request, diagnostics));
        DatabaseOutcome database = DatabaseBudgets.evaluate(budget, DatabaseSnapshots.folder(request.resultsDirectory()),
                ingested.results(), request.spelling(), diagnostics);
        evaluated.addAll(database.lines());
        List<LineResult> lines = inBudgetOrder(budget, evaluated);
        lines.addAll(oncePerScript(K6ThresholdCheck.uncoveredCrossings(measured.candidateK6Runs(), budget,
                ingested.results(), request.failOnK6Thresholds(), diagnostics)));

        List<SeriesSummary> summaries = SeriesSummaries.of(ingested.results());
        Verdict judged = verdict(lines, diagnostics);
        List<Trend> trends = List.of();
        if (request.history().isPresent()) {
            HistoryOptions options = request.history().get();
            RunRecord run = GateHistory.record(options, now, judged, ingested.results(), summaries, lines,
                    request.spelling(), diagnostics);
            trends = GateHistory.trends(options, run, TrendSubject.ofLines(budget.lines()), diagnostics);
        }
        return new GateReport(now, budget.file(), ingested.sources(), lines, summaries, diagnostics.all(),
                verdict(lines, diagnostics), trends, database.section());
    }

    /** The worst line verdict, or ERROR when anything reported an error. */
    private static Verdict verdict(List<LineResult> lines, Diagnostics diagnostics) {
        Verdict verdict = lines.stream().map(LineResult::verdict).reduce(Verdict.PASS, Verdict::worse);
        return diagnostics.hasErrors() ? Verdict.ERROR : verdict;
    }

    /**
     * The regression rules over this build's runs: each round's candidate results are one observation;
     * in A/B mode each round's baseline run is its pair, otherwise the history's baseline is compared.
     */
    private static List<LineResult> regressionResults(Budget budget, MeasuredRuns measured, IngestedResults ingested,
            CheckRequest request, Diagnostics diagnostics) {
        if (budget.regressionLines().isEmpty()) {
            return List.of();
        }
        List<RunResults> candidates = measured.rounds().stream().map(Round::candidate).toList();
        List<RunResults> interleaved = measured.interleaved()
                ? measured.rounds().stream().map(round -> round.baseline().orElseThrow()).toList() : List.of();
        return RegressionEvaluation.evaluate(budget.regressionLines(),
                candidates.isEmpty() ? List.of(ingested.results()) : candidates,
                GateHistory.comparison(request.history(), interleaved, request.spelling(), diagnostics),
                request.regression());
    }

    /** The lines' results in the order the budget file lists the lines. */
    private static List<LineResult> inBudgetOrder(Budget budget, List<LineResult> evaluated) {
        Map<BudgetLine, LineResult> byLine = new IdentityHashMap<>();
        evaluated.forEach(result -> byLine.put(result.line(), result));
        List<LineResult> ordered = new ArrayList<>(evaluated.size());
        for (BudgetLine line : budget.lines()) {
            ordered.add(Objects.requireNonNull(byLine.get(line), () -> "no result for " + line.label()));
        }
        return ordered;
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
