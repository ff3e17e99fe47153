package io.perfgate.bench;

import io.perfgate.diag.Diagnostics;
import io.perfgate.gate.CheckRequest;
import io.perfgate.gate.GateOutcome;
import io.perfgate.gate.PerfGate;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs the whole gate as {@code perf:check} does, without Maven, and prints the verdict and the time
 * it took: find the results, ingest them, judge the budget, write the four reports.
 *
 * <pre>
 * java -cp perf-bench/target/benchmarks.jar io.perfgate.bench.Gate BUDGET REPORT_FOLDER RESULTS_FILE...
 * </pre>
 */
public final class Gate {

    private Gate() {
    }

    public static void main(String[] args) {
        if (args.length < 3) {
            System.err.println("usage: Gate BUDGET REPORT_FOLDER RESULTS_FILE...");
            System.exit(2);
        }
        List<Path> files = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            files.add(Path.of(args[i]));
        }
        Path reports = Path.of(args[1]);
        long started = System.nanoTime();
        GateOutcome outcome = PerfGate.check(new CheckRequest(Path.of(args[0]), reports.resolve("no-k6-runs"), files,
                reports, true), new Diagnostics(message -> System.err.println(message.level() + ": " + message.text())));
        System.out.printf(Locale.ROOT, "verdict=%s seconds=%.3f reports=%s%n", outcome.report().verdict(),
                (System.nanoTime() - started) / 1e9, outcome.reportFiles());
    }
}
