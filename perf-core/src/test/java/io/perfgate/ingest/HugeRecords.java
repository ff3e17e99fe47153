package io.perfgate.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Results files with one huge record, gzipped: a record of hundreds of MB takes a few hundred kB on
 * disk, and the readers see it whole once decompressed.
 */
final class HugeRecords {

    private static final String METRIC = "{\"type\":\"Metric\",\"data\":{\"name\":\"http_req_duration\","
            + "\"type\":\"trend\",\"contains\":\"time\"},\"metric\":\"http_req_duration\"}\n";
    private static final String POINT_START = "{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":"
            + "{\"time\":\"2025-01-01T00:00:00Z\",\"value\":5,\"tags\":{\"url\":\"";
    private static final String POINT_END = "\"}}}\n";

    private HugeRecords() {
    }

    /** k6 NDJSON whose third line is a Point with a URL of {@code bytes} bytes. */
    static Path ndjson(Path file, long bytes) throws IOException {
        return write(file, METRIC + POINT_START.replace("\"value\":5", "\"value\":4") + "/short" + POINT_END
                + POINT_START, bytes, POINT_END);
    }

    /** A JTL in CSV whose third line is a row with a message of {@code bytes} bytes. */
    static Path csv(Path file, long bytes) throws IOException {
        return write(file, "timeStamp,elapsed,label,success,responseMessage\n1700000000000,5,a,true,OK\n"
                + "1700000000010,7,a,true,", bytes, "\n");
    }

    /** A JTL in XML whose third line starts a sample with an rm attribute of {@code bytes} bytes. */
    static Path xml(Path file, long bytes) throws IOException {
        return write(file, "<?xml version=\"1.0\"?>\n<testResults version=\"1.2\">\n<httpSample t=\"5\" ts=\""
                + "1700000000000\" s=\"true\" lb=\"a\" rm=\"", bytes, "\"/>\n</testResults>\n");
    }

    /** A k6 summary export whose metric on line 3 holds a string of {@code bytes} bytes. */
    static Path summary(Path file, long bytes) throws IOException {
        return write(file, "{\"metrics\":{\n\"http_reqs\":{\"count\":10,\"rate\":2.5},\n"
                + "\"http_req_duration\":{\"avg\":5,\"note\":\"", bytes, "\"}\n}}\n");
    }

    /** {@code before}, then {@code bytes} times 'x', then {@code after}, gzipped. */
    static Path write(Path file, String before, long bytes, String after) throws IOException {
        byte[] chunk = new byte[1 << 16];
        Arrays.fill(chunk, (byte) 'x');
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(before.getBytes(StandardCharsets.UTF_8));
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
            out.write(after.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
