package io.perfgate.bench;

import io.perfgate.budget.Budget;
import io.perfgate.budget.BudgetParser;
import io.perfgate.gate.ThresholdEvaluator;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummaries;
import io.perfgate.model.SeriesSummary;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the gate does between ingest and the reports, over a generated k6 run: parsing the budget
 * file, judging its 21 lines (percentiles, rates, counts, a gauge, a tag filter that matches nothing
 * and so has its reason worked out), and the per-series summary the reports show.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BudgetEvaluationBenchmark {

    @Benchmark
    public Budget parseBudget(GatedRun run) {
        return BudgetParser.parse(run.budgetFile);
    }

    @Benchmark
    public List<LineResult> evaluate(GatedRun run) {
        return ThresholdEvaluator.evaluate(run.budget, run.ingested.results());
    }

    @Benchmark
    public List<SeriesSummary> summarise(GatedRun run) {
        return SeriesSummaries.of(run.ingested.results());
    }
}
