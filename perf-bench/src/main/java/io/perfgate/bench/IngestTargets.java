package io.perfgate.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the ingest benchmarks ({@link NdjsonIngestBenchmark}, {@link JtlIngestBenchmark},
 * {@link JtlXmlIngestBenchmark}) in one JMH run with its GC profiler, and prints each target as a ratio
 * against its reference measured in that same run:
 *
 * <pre>
 * java -cp perf-bench/target/benchmarks.jar io.perfgate.bench.IngestTargets [MiB [JMH options]]
 * </pre>
 *
 * MiB is the size of each generated input (default 100). JMH options after it replace the benchmarks' own,
 * e.g. {@code 20 -f 1 -wi 1 -i 1 -w 1 -r 1} for a quick check that everything runs. Exits with 1 when a
 * ratio misses its target.
 */
public final class IngestTargets {

    /** What is compared: a benchmark's MB/s over its reference's, and the least ratio wanted. */
    record Target(String what, String benchmark, String reference, double least) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("k6 NDJSON: every core / one thread", "NdjsonIngestBenchmark.ingest",
                    "NdjsonIngestBenchmark.ingestOneThread", 1.7),
            new Target("k6 NDJSON, one thread / bare Jackson token loop", "NdjsonIngestBenchmark.ingestOneThread",
                    "NdjsonIngestBenchmark.jacksonTokens", 0.8),
            new Target("k6 NDJSON gzipped: inflating on its own thread / one thread",
                    "NdjsonIngestBenchmark.ingestGzip", "NdjsonIngestBenchmark.ingestGzipOneThread", 1.0),
            new Target("JTL CSV: every core / one thread", "JtlIngestBenchmark.ingest",
                    "JtlIngestBenchmark.ingestOneThread", 1.7),
            new Target("JTL CSV, one thread / bare Jackson CSV token loop", "JtlIngestBenchmark.ingestOneThread",
                    "JtlIngestBenchmark.jacksonCsvTokens", 1.0),
            new Target("JTL XML: from its bytes / with the JDK's XML parser (the reader before)",
                    "JtlXmlIngestBenchmark.ingest", "JtlXmlIngestBenchmark.ingestWithParser", 3.0));

    private IngestTargets() {
    }

    public static void main(String[] args) throws RunnerException, IOException, CommandLineOptionException {
        String mebibytes = args.length > 0 ? args[0] : "100";
        String[] jmhArgs = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : new String[0];
        Options options = new OptionsBuilder().parent(new CommandLineOptions(jmhArgs))
                .include("(" + NdjsonIngestBenchmark.class.getName() + "|" + JtlIngestBenchmark.class.getName() + "|"
                        + JtlXmlIngestBenchmark.class.getName() + ")\\.")
                .param("mebibytes", mebibytes).addProfiler(GCProfiler.class).build();
        Collection<RunResult> results = new Runner(options).run();

        Map<String, Double> megabytes = new HashMap<>();
        Map<String, Double> allocated = new HashMap<>();
        System.out.println();
        for (RunResult run : results) {
            String benchmark = shortName(run.getParams().getBenchmark());
            Result<?> rate = run.getSecondaryResults().get("megabytes");
            Result<?> norm = run.getSecondaryResults().get("gc.alloc.rate.norm");
            megabytes.put(benchmark, rate.getScore());
            if (norm != null) {
                allocated.put(benchmark, norm.getScore());
            }
            System.out.printf(Locale.ROOT, "%-44s %8.1f ± %6.1f MB/s   %,16.0f B/op%n", benchmark, rate.getScore(),
                    rate.getScoreError(), norm == null ? Double.NaN : norm.getScore());
        }
        long bytes = Long.parseLong(mebibytes) << 20;
        long rows = JtlCsvGenerator.write(OutputStream.nullOutputStream(), bytes, 1).rows();
        long xmlSamples = JtlXmlGenerator.write(OutputStream.nullOutputStream(), bytes, 1).samples();
        long lines = K6NdjsonGenerator.write(OutputStream.nullOutputStream(), bytes, 1).lines();
        System.out.printf(Locale.ROOT, "%nallocated per record, the histograms' fixed share included:"
                + " JTL CSV %.1f B/row (%,d rows), JTL XML %.1f B/sample, k6 NDJSON %.1f B/line (one thread)%n",
                allocated.getOrDefault("JtlIngestBenchmark.ingestOneThread", Double.NaN) / rows, rows,
                allocated.getOrDefault("JtlXmlIngestBenchmark.ingest", Double.NaN) / xmlSamples,
                allocated.getOrDefault("NdjsonIngestBenchmark.ingestOneThread", Double.NaN) / lines);

        List<String> missed = new ArrayList<>();
        System.out.printf(Locale.ROOT, "%n%-72s %7s %7s%n", "target (same run)", "ratio", "wanted");
        for (Target target : TARGETS) {
            double ratio = megabytes.getOrDefault(target.benchmark(), Double.NaN)
                    / megabytes.getOrDefault(target.reference(), Double.NaN);
            System.out.printf(Locale.ROOT, "%-72s %7.2f %7s%n", target.what(), ratio, ">= " + target.least());
            if (!(ratio >= target.least())) {
                missed.add(target.what());
            }
        }
        if (!missed.isEmpty()) {
            System.out.println("missed: " + String.join("; ", missed));
            System.exit(1);
        }
    }

    private static String shortName(String benchmark) {
        String[] parts = benchmark.split("\\.");
        return parts[parts.length - 2] + "." + parts[parts.length - 1];
    }
}
