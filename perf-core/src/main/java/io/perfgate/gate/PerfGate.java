package io.perfgate.gate;

import io.perfgate.budget.Budget;
import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.BudgetParser;
import io.perfgate.database.DatabaseBudgets;
import io.perfgate.database.DatabaseOutcome;
import io.perfgate.database.DatabaseSnapshots;
import io.perfgate.diag.Diagnostics;
import io.perfgate.history.RunRecord;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.regression.RegressionSettings;
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
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Finds results, evaluates the budget over them, writes every report and returns the verdict. */
public final class PerfGate {

    private PerfGate() {
    }

    /**
     * Runs one evaluation.
     *
     * @throws io.perfgate.diag.BadInputException when the budget or a results file cannot be used, or
     *                                            there are no results at all
     * @throws java.io.UncheckedIOException       when files cannot be listed or reports not written
     */
    public static GateOutcome check(CheckRequest request, Diagnostics diagnostics) {
        return check(request, diagnostics, Clock.systemUTC());
    }

    /** As {@link #check(CheckRequest, Diagnostics)}, with the clock that stamps the report. */
    public static GateOutcome check(CheckRequest request, Diagnostics diagnostics, Clock clock) {
        Path budgetFile = DisplayPaths.of(request.budgetFile());
        Budget budget = BudgetParser.parse(budgetFile);
        MeasuredRuns measured = MeasuredRuns.read(request, budget.series(), diagnostics);
        // Fixed limits judge the candidate only: an A/B baseline run measures another deployment.
        IngestedResults ingested = measured.pooledCandidates();

        List<LineResult> evaluated = new ArrayList<>(BudgetEvaluator.evaluate(budget, ingested.results()));
        evaluated.addAll(regressionResults(budget, measured, ingested, request, diagnostics));
        DatabaseOutcome database = DatabaseBudgets.evaluate(budget, DatabaseSnapshots.folder(request.resultsDirectory()),
                ingested.results(), diagnostics);
        evaluated.addAll(database.lines());
        List<LineResult> lines = inBudgetOrder(budget, evaluated);
        lines.addAll(oncePerScript(K6ThresholdCheck.uncoveredCrossings(measured.candidateK6Runs(), budget,
                ingested.results(), request.failOnK6Thresholds(), diagnostics)));

        Instant now = clock.instant();
        List<SeriesSummary> summaries = SeriesSummaries.of(ingested.results());
        Verdict judged = verdict(lines, diagnostics);
        List<Trend> trends = List.of();
        if (request.history().isPresent()) {
            HistoryOptions options = request.history().get();
            RunRecord run = GateHistory.record(options, now, judged, ingested.results(), summaries, lines, diagnostics);
            trends = GateHistory.trends(options, run, TrendSubject.ofLines(budget.lines()), diagnostics);
        }
        GateReport report = new GateReport(now, budget.file(), ingested.sources(), lines, summaries, diagnostics.all(),
                verdict(lines, diagnostics), trends, database.section());
        List<Path> written = ReportFiles.writeAll(report, request.reportDirectory());
        return new GateOutcome(report, written, VerdictTable.lines(report));
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
                GateHistory.comparison(request.history(), interleaved, diagnostics), RegressionSettings.defaults());
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
