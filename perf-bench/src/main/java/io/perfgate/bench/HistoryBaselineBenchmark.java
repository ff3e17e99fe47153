package io.perfgate.bench;

import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.Diagnostics;
import io.perfgate.history.Baseline;
import io.perfgate.history.BaselineQuery;
import io.perfgate.history.FileHistoryStore;
import io.perfgate.history.LineVerdict;
import io.perfgate.history.RunRecord;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The history baseline query over the file store: a branch with {@link #storedRuns} recorded runs,
 * each holding the summary rows and line verdicts of the generated k6 run's report (one in ten failed,
 * so it is skipped), and the query for the last {@link #baselineSize} usable ones. The PostgreSQL
 * store needs a server and is not measured here.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HistoryBaselineBenchmark {

    private static final String PROJECT = "shop:checkout-service";
    private static final String BRANCH = "main";

    /** Runs recorded on the branch before the query. */
    @Param("500")
    public int storedRuns;

    /** Runs the query asks for. */
    @Param("20")
    public int baselineSize;

    private Path folder;
    private FileHistoryStore store;
    private BaselineQuery query;

    @Setup(Level.Trial)
    public void record(GatedRun run) throws IOException {
        folder = Files.createTempDirectory(Inputs.scratchFolder(), "perfgate-history-");
        store = new FileHistoryStore(folder, new Diagnostics());
        Instant first = Instant.parse("2026-11-01T08:00:00Z");
        for (int i = 0; i < storedRuns; i++) {
            RunRecord.Builder record = RunRecord.builder().project(PROJECT).branch(BRANCH).runId("build-" + i)
                    .commit(String.format("%040x", i)).startedAt(first.plus(Duration.ofMinutes(17L * i)))
                    .label("agent", "linux-" + i % 4).verdict(i % 10 == 3 ? Verdict.FAIL : Verdict.PASS);
            for (SeriesSummary summary : run.report.series()) {
                record.series(summary);
            }
            for (LineResult line : run.report.lines()) {
                if (line.line() instanceof ThresholdLine threshold) {
                    record.line(new LineVerdict(threshold.series(), threshold.expression(), line.observed(),
                            line.verdict()));
                }
            }
            store.record(record.build());
        }
        query = BaselineQuery.lastRuns(PROJECT, BRANCH, baselineSize).excluding("build-" + storedRuns);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(Inputs::delete);
        }
    }

    @Benchmark
    public Baseline baseline() {
        Baseline baseline = store.baseline(query);
        if (!baseline.available() || baseline.runs().size() != baselineSize) {
            throw new IllegalStateException("the baseline query found " + baseline);
        }
        return baseline;
    }
}
