package io.perfgate.bench;

import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.ingest.ResultIngest;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ingests results files the way {@code perf:check} does, with the benchmarks' budget series tracked,
 * and prints what it took:
 *
 * <pre>
 * java [-Xmx64m] -cp perf-bench/target/benchmarks.jar io.perfgate.bench.Ingest FILE...
 * </pre>
 *
 * One line {@code samples=… bytes=… seconds=… mb_per_s=… heap_used_at_end=… pool_peaks_bytes=…
 * max_heap_bytes=… rss_peak_bytes=…}: the heap in use when ingest ended (results still held), the sum
 * of the heap pools' peak usage since the JVM started, which is above the heap ever in use at once (the
 * pools peak at different times), and the process's peak resident memory (Linux's {@code VmHWM}; -1
 * elsewhere).
 */
public final class Ingest {

    private Ingest() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Ingest FILE...");
            System.exit(2);
        }
        List<Path> files = new ArrayList<>();
        long bytes = 0;
        for (String arg : args) {
            Path file = Path.of(arg);
            files.add(file);
            bytes += Files.size(file);
        }
        long started = System.nanoTime();
        IngestedResults ingested = ResultIngest.read(files, Inputs.trackedSeries(), new Diagnostics(
                message -> System.err.println(message.level() + ": " + message.text())));
        double seconds = (System.nanoTime() - started) / 1e9;
        long samples = ingested.sources().stream().mapToLong(source -> source.samples()).sum();
        Runtime runtime = Runtime.getRuntime();
        long usedAtEnd = runtime.totalMemory() - runtime.freeMemory();
        System.out.printf(Locale.ROOT, "samples=%d bytes=%d seconds=%.3f mb_per_s=%.1f heap_used_at_end=%d"
                + " pool_peaks_bytes=%d max_heap_bytes=%d rss_peak_bytes=%d%n", samples, bytes, seconds,
                bytes / 1e6 / seconds, usedAtEnd, poolPeaks(), runtime.maxMemory(), residentPeak());
        if (ingested.results().durationSeconds() < 0) {
            throw new IllegalStateException("negative duration"); // keeps the results alive until measured
        }
    }

    /** The process's peak resident set in bytes, from /proc/self/status; -1 where there is none. */
    static long residentPeak() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    static long poolPeaks() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak;
    }
}
