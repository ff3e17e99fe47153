package io.perfgate.bench;

import io.perfgate.diag.Diagnostics;
import io.perfgate.gate.CheckRequest;
import io.perfgate.gate.GateOutcome;
import io.perfgate.gate.PerfGate;
import io.perfgate.report.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gate end to end, as {@code perf:check} runs it without Maven: {@link #check} is
 * {@link PerfGate#check} over a generated k6 file (find the results, ingest, judge the budget, write
 * the four reports); {@link #writeReportFiles} only the writing of the four files (temporary file,
 * then an atomic move, each).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class GateCheckBenchmark {

    private Path folder;
    private Path resultsFile;
    private CheckRequest request;

    @Setup(Level.Trial)
    public void generate(GatedRun run) throws IOException {
        folder = Files.createTempDirectory(Inputs.scratchFolder(), "perfgate-check-");
        resultsFile = Inputs.k6File((long) run.mebibytes << 20);
        request = new CheckRequest(run.budgetFile, folder.resolve("no-k6-runs"), List.of(resultsFile),
                folder.resolve("perf"), true);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        Inputs.delete(resultsFile);
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(Inputs::delete);
        }
    }

    @Benchmark
    public GateOutcome check() {
        return PerfGate.check(request, new Diagnostics());
    }

    @Benchmark
    public List<Path> writeReportFiles(GatedRun run) {
        return ReportFiles.writeAll(run.report, folder.resolve("written"));
    }
}
