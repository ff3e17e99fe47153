package io.perfgate.gate;

import io.perfgate.budget.Budget;
import io.perfgate.budget.BudgetParser;
import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.report.BudgetEvaluator;
import io.perfgate.report.GateReport;
import io.perfgate.report.LineResult;
import io.perfgate.report.ReportFiles;
import io.perfgate.report.SeriesSummaries;
import io.perfgate.report.Verdict;
import io.perfgate.report.VerdictTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

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
        ResultDiscovery.Found found = ResultDiscovery.find(request, diagnostics);
        IngestedResults ingested = ResultIngest.read(found.files(), budget.series(), diagnostics);

        List<LineResult> lines = new ArrayList<>(BudgetEvaluator.evaluate(budget, ingested.results()));
        lines.addAll(K6ThresholdCheck.uncoveredCrossings(found.k6Runs(), budget, ingested.results(),
                request.failOnK6Thresholds(), diagnostics));

        Verdict verdict = lines.stream().map(LineResult::verdict).reduce(Verdict.PASS, Verdict::worse);
        if (diagnostics.hasErrors()) {
            verdict = Verdict.ERROR;
        }
        GateReport report = new GateReport(clock.instant(), budget.file(), ingested.sources(), lines,
                SeriesSummaries.of(ingested.results()), diagnostics.all(), verdict);
        List<Path> written = ReportFiles.writeAll(report, request.reportDirectory());
        return new GateOutcome(report, written, VerdictTable.lines(report));
    }
}
