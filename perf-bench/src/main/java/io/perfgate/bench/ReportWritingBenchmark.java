package io.perfgate.bench;

import io.perfgate.report.ReportFiles;
import io.perfgate.report.ReportWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each report writer rendering the report of a generated k6 run (21 budget lines, the per-series
 * summary) into a writer that only counts; {@link GateCheckBenchmark#writeReportFiles} writes the
 * four files.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReportWritingBenchmark {

    /** The writer's file name, one of {@link ReportFiles#WRITERS}. */
    @Param({"perf-report.json", "perf-junit.xml", "perf-report.md", "perf-report.html"})
    public String report;

    private ReportWriter writer;

    @Setup(Level.Trial)
    public void choose() {
        writer = ReportFiles.WRITERS.stream().filter(candidate -> candidate.fileName().equals(report)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no report writer for " + report));
    }

    @Benchmark
    public long render(GatedRun run) throws IOException {
        CountingWriter out = new CountingWriter();
        writer.write(run.report, out);
        return out.characters;
    }

    /** Counts what it is given and keeps nothing, so only the rendering is measured. */
    private static final class CountingWriter extends Writer {

        long characters;

        @Override
        public void write(char[] buffer, int offset, int length) {
            characters += length;
        }

        @Override
        public void write(String text, int offset, int length) {
            characters += length;
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
