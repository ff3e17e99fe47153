package io.perfgate.bench;

import io.perfgate.budget.Budget;
import io.perfgate.budget.BudgetParser;
import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.gate.ThresholdEvaluator;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummaries;
import io.perfgate.model.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A generated k6 run ingested once per fork with {@link Inputs#BUDGET}, for the benchmarks of what
 * comes after ingest: evaluating the budget, summarising the series, writing the reports.
 */
@State(Scope.Benchmark)
public class GatedRun {

    /** Size of the generated k6 file in MiB. */
    @Param("20")
    public int mebibytes;

    Path budgetFile;
    Budget budget;
    IngestedResults ingested;
    GateReport report;

    @Setup(Level.Trial)
    public void ingest() {
        Path file = Inputs.k6File((long) mebibytes << 20);
        try {
            budgetFile = Inputs.budgetFile();
            budget = BudgetParser.parse(budgetFile);
            Diagnostics diagnostics = new Diagnostics();
            ingested = ResultIngest.read(List.of(file), budget.series(), diagnostics);
            List<LineResult> lines = ThresholdEvaluator.evaluate(budget, ingested.results());
            Verdict verdict = lines.stream().map(LineResult::verdict).reduce(Verdict.PASS, Verdict::worse);
            report = new GateReport(Instant.parse("2026-11-23T10:00:00Z"), budget.file(), ingested.sources(), lines,
                    SeriesSummaries.of(ingested.results()), diagnostics.all(), verdict);
        } finally {
            Inputs.delete(file);
        }
    }

    @TearDown(Level.Trial)
    public void delete() {
        Inputs.delete(budgetFile);
    }
}
