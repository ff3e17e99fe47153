package io.perfgate.bench;

import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.stats.SeriesKey;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;

/**
 * Generated inputs for the benchmarks, written once per benchmark fork into a scratch folder
 * ({@code perf.bench.dir}, default the JVM's temporary folder) and deleted afterwards, so they are
 * read back from the page cache, not from disk.
 */
final class Inputs {

    /** The budget every benchmark gates with: whole metrics, name filters and a filter on another tag. */
    static final String BUDGET = """
            thresholds:
              http_req_duration: ["p(95)<500", "p(99)<1500", "avg<200", "med<100"]
              http_req_duration{name:checkout}: ["p(95)<300ms", "p(99.9)<1s"]
              http_req_duration{name:search}: ["p(90)<80", "max<5s"]
              http_req_duration{name:home}: ["p(95)<20"]
              http_req_duration{group:::cart}: ["p(95)<60"]
              http_req_duration{name:missing}: ["p(95)<10"]
              http_req_waiting: ["p(95)<400"]
              http_req_failed: ["rate<1%"]
              http_req_failed{name:checkout}: ["rate<5%"]
              http_reqs: ["rate>100", "count>1000"]
              checks: ["rate>0.99"]
              iteration_duration: ["p(95)<2s"]
              group_duration{group:::checkout}: ["p(95)<400"]
              data_received: ["count>1MB"]
              vus: ["value==50"]
            """;

    private Inputs() {
    }

    static Path scratchFolder() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("perf.bench.dir",
                    System.getProperty("java.io.tmpdir"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path k6File(long bytes) {
        return write("perfgate-bench-", ".ndjson", out -> K6NdjsonGenerator.write(out, bytes, 1));
    }

    static Path k6GzipFile(long bytes) {
        return write("perfgate-bench-", ".ndjson.gz", out -> {
            GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16);
            K6NdjsonGenerator.write(gzip, bytes, 1);
            gzip.finish();
        });
    }

    static Path jtlFile(long bytes) {
        return write("perfgate-bench-", ".jtl", out -> JtlCsvGenerator.write(out, bytes, 1));
    }

    static Path jtlXmlFile(long bytes) {
        return write("perfgate-bench-", ".xml", out -> JtlXmlGenerator.write(out, bytes, 1));
    }

    /**
     * The XML JTL with a processing instruction after its declaration: the same samples, but perf-core's
     * reader of JMeter's XML from its bytes leaves a document with one to the JDK's XML parser, at once, so
     * this measures the parser's reader (the one perf-core used for every XML JTL before).
     */
    static Path withParserOnly(Path xml) {
        return write("perfgate-bench-parser-", ".xml", out -> {
            byte[] declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".getBytes(StandardCharsets.US_ASCII);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(xml), 1 << 16)) {
                byte[] start = in.readNBytes(declaration.length);
                if (!Arrays.equals(start, declaration)) {
                    throw new IOException(xml + " does not start with " + new String(declaration, StandardCharsets.US_ASCII));
                }
                out.write(start);
                out.write("<?perfgate read-with-the-parser?>\n".getBytes(StandardCharsets.US_ASCII));
                in.transferTo(out);
            }
        });
    }

    static Path budgetFile() {
        try {
            Path file = Files.createTempFile(scratchFolder(), "perf-budget-", ".yaml");
            Files.writeString(file, BUDGET);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The series {@link #BUDGET} names: what ingest keeps exactly. */
    static Set<SeriesKey> trackedSeries() {
        Set<SeriesKey> keys = new TreeSet<>();
        BUDGET.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("thresholds"))
                .forEach(line -> keys.add(SeriesKey.parse(line.substring(0, line.indexOf(": [")))));
        return keys;
    }

    /** Reads {@code file} as the gate does, on at most {@code threads} threads, and counts {@code size} bytes read. */
    static IngestedResults ingest(Path file, Set<SeriesKey> tracked, int threads, long size, Megabytes megabytes) {
        IngestedResults ingested = ResultIngest.read(List.of(file), tracked, threads, new Diagnostics());
        megabytes.add(size);
        return ingested;
    }

    static void delete(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    private static Path write(String prefix, String suffix, Writing writing) {
        Path file = null;
        try {
            file = Files.createTempFile(scratchFolder(), prefix, suffix);
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                writing.to(out);
            }
            return file;
        } catch (IOException e) {
            delete(file);
            throw new UncheckedIOException(e);
        }
    }
}
