package io.perfgate.bench;

import io.perfgate.diag.Diagnostics;
import io.perfgate.budget.BudgetParser;
import io.perfgate.gate.CheckRequest;
import io.perfgate.gate.GateOutcome;
import io.perfgate.gate.PerfGate;
import io.perfgate.run.K6RunRecord;
import io.perfgate.run.RunRole;
import io.perfgate.model.KeptSeries;
import io.perfgate.summary.ResultsFollowing;
import io.perfgate.summary.RunSummaryFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What the verify phase costs with and without the run summary perf:k6 leaves beside a k6 run: generates a
 * k6 NDJSON file (default 2 GiB) as the results of one recorded k6 run in a scratch folder, summarises it as
 * perf:k6's following does, then times {@link PerfGate#check} (find the run, take its results, judge
 * {@link Inputs#BUDGET}, write the four reports) with the summary and, after deleting it, reading the file
 * whole, each REPEATS times in this JVM, alternating; prints every time, the medians and their ratio, and
 * checks that both verdicts and report tables are the same. Deletes the folder at the end.
 *
 * <pre>
 * java -Xmx1g -cp perf-bench/target/benchmarks.jar io.perfgate.bench.VerifyPhaseCost [SIZE] [FOLDER] [REPEATS]
 * </pre>
 */
public final class VerifyPhaseCost {

    private VerifyPhaseCost() {
    }

    public static void main(String[] args) throws IOException {
        long size = Generate.parseSize(args.length > 0 ? args[0] : "2GB");
        Path scratch = Files.createDirectories(Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir")));
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path folder = Files.createTempDirectory(scratch, "perfgate-verify-");
        try {
            Path budget = Files.writeString(folder.resolve("perf-budget.yaml"), Inputs.BUDGET);
            Path perf = folder.resolve("target/perf");
            Path run = perf.resolve("load");
            Path ndjson = run.resolve("run.ndjson");
            System.out.println("generating " + ndjson + ": " + Generate.write("k6", size, ndjson, 1));
            new K6RunRecord(K6RunRecord.SCHEMA_VERSION, folder.resolve("load.js").toString(), List.of("k6", "run"),
                    List.of(), 0, false, Instant.now(), 0, "run.ndjson",
                    "summary.json", RunRole.CANDIDATE, 1).write(run.resolve(K6RunRecord.FILE_NAME));

            long started = System.nanoTime();
            // the series perf:k6 summarises for this budget: those perf:check reads
            Path summary = ResultsFollowing.summarise(ndjson, KeptSeries.of(BudgetParser.parse(budget,
                    budget.toString())));
            System.out.printf(Locale.ROOT, "summarised in %.2f s (the reading perf:k6 does while k6 runs): %s, %d bytes"
                    + " for %d bytes of results%n", seconds(started), summary, Files.size(summary), Files.size(ndjson));
            byte[] summaryBytes = Files.readAllBytes(summary);

            double[] withSummary = new double[repeats];
            double[] readWhole = new double[repeats];
            List<String> tables = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                Files.write(summary, summaryBytes);
                withSummary[i] = timedCheck(budget, perf, folder.resolve("reports-summary"), tables,
                        "is taken from its run summary");
                Files.delete(summary);
                readWhole[i] = timedCheck(budget, perf, folder.resolve("reports-read"), tables, "is read whole");
                System.out.printf(Locale.ROOT, "round %d: with the summary %.3f s, reading %s whole %.3f s%n", i + 1,
                        withSummary[i], ndjson.getFileName(), readWhole[i]);
            }
            if (tables.stream().distinct().count() != 1) {
                System.out.println("FAILED: the verdicts differ between the summary and the file read whole");
                System.exit(1);
            }
            double summaryMedian = median(withSummary);
            double wholeMedian = median(readWhole);
            System.out.printf(Locale.ROOT, "verify phase (PerfGate.check) over %d bytes of k6 NDJSON: median %.3f s"
                    + " with its run summary, %.3f s reading the file whole: %.0fx%n", Files.size(ndjson),
                    summaryMedian, wholeMedian, wholeMedian / summaryMedian);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(Inputs::delete);
            }
        }
    }

    /**
     * One check; its verdict table goes to {@code tables}, without the line that says where the results came
     * from, which must say {@code source}.
     */
    private static double timedCheck(Path budget, Path perf, Path reports, List<String> tables, String source) {
        long started = System.nanoTime();
        GateOutcome outcome = PerfGate.check(new CheckRequest(budget, perf, List.of(), reports, true),
                new Diagnostics());
        double seconds = seconds(started);
        if (outcome.report().messages().stream().noneMatch(message -> message.text().contains(source))) {
            System.out.println("FAILED: the results were not taken as meant (\"" + source + "\"): "
                    + outcome.report().messages());
            System.exit(1);
        }
        tables.add(outcome.report().verdict() + "\n" + String.join("\n", outcome.table().stream()
                .map(line -> line.text()).toList()));
        return seconds;
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
