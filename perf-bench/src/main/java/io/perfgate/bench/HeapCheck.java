package io.perfgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shows that ingest runs in constant memory: generates a file (default a 2 GiB k6 NDJSON) in a scratch
 * folder, ingests it with {@link Ingest} in a child JVM with a GC log, limited to {@code -Xmx64m} or with
 * the JVM's default heap, prints the peak heap in use and the child's peak resident memory, and deletes
 * the file:
 *
 * <pre>
 * java -cp perf-bench/target/benchmarks.jar io.perfgate.bench.HeapCheck [SIZE] [FOLDER] [k6|jtl|jtl-xml] [64m|default]
 * </pre>
 *
 * The peak is the largest heap occupancy the GC log shows before a collection, or at the end of the
 * run if larger (occupancy is highest just before the collector runs). With the default heap the JVM
 * may let garbage grow far beyond what is live before it collects: the peak then shows what reading
 * allocates, not only what it keeps. Exits with 1 when the child fails (for example with an
 * OutOfMemoryError) or the peak is above 64 MiB.
 */
public final class HeapCheck {

    static final String MAX_HEAP = "64m";
    private static final long LIMIT_BYTES = 64L << 20;
    private static final Pattern OCCUPANCY = Pattern.compile("(\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\)");

    private HeapCheck() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        long size = Generate.parseSize(args.length > 0 ? args[0] : "2GB");
        Path folder = Files.createDirectories(Path.of(args.length > 1 ? args[1] : System.getProperty("java.io.tmpdir")));
        String kind = args.length > 2 ? args[2] : "k6";
        String heap = args.length > 3 ? args[3] : MAX_HEAP;
        Path file = Files.createTempFile(folder, "perfgate-heapcheck-", kind.equals("k6") ? ".ndjson" : ".jtl");
        Path gcLog = Files.createTempFile(folder, "perfgate-heapcheck-", ".gc.log");
        try {
            System.out.println("generating " + file + ": " + Generate.write(kind, size, file, 1));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            if (!heap.equals("default")) {
                command.add("-Xmx" + heap);
            }
            command.addAll(List.of("-Xlog:gc:file=" + gcLog, "-cp", System.getProperty("java.class.path"),
                    Ingest.class.getName(), file.toString()));
            System.out.println("running " + String.join(" ", command));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = child.waitFor();
            System.out.print(output);
            String heapText = heap.equals("default") ? "the default heap" : "-Xmx" + heap;
            if (exit != 0) {
                System.out.println("FAILED: the ingest with " + heapText + " exited with " + exit);
                System.exit(1);
            }
            long endOfRun = field(output, "heap_used_at_end");
            List<Long> beforeCollections = new ArrayList<>();
            long liveAfter = 0;
            for (String line : Files.readAllLines(gcLog)) {
                Matcher occupancy = OCCUPANCY.matcher(line);
                if (occupancy.find() && line.contains("Pause")) {
                    beforeCollections.add(bytes(occupancy.group(1), occupancy.group(2)));
                    liveAfter = Math.max(liveAfter, bytes(occupancy.group(3), occupancy.group(4)));
                }
            }
            long peak = Math.max(endOfRun, beforeCollections.stream().mapToLong(Long::longValue).max().orElse(0));
            long rss = field(output, "rss_peak_bytes");
            System.out.printf(Locale.ROOT, "%d bytes of %s with %s: peak heap in use %.1f MiB (%d collections;"
                    + " largest occupancy after a collection %.1f MiB), peak resident memory %.1f MiB%n",
                    Files.size(file), kind, heapText, peak / 1048576.0, beforeCollections.size(),
                    liveAfter / 1048576.0, rss / 1048576.0);
            if (peak > LIMIT_BYTES) {
                System.out.println("FAILED: the peak is above 64 MiB");
                System.exit(1);
            }
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(gcLog);
        }
    }

    private static long field(String output, String name) {
        Matcher value = Pattern.compile(name + "=(-?\\d+)").matcher(output);
        if (!value.find()) {
            throw new IllegalStateException("the ingest printed no " + name + ": " + output);
        }
        return Long.parseLong(value.group(1));
    }

    private static long bytes(String amount, String unit) {
        long value = Long.parseLong(amount);
        return switch (unit) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}
