package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A k6 NDJSON file read in parts on several threads gives what one thread reading it gives, bit for bit:
 * results, sources, warnings (with their lines), errors (with their lines), wherever it is cut and
 * however many parts there are.
 */
class K6NdjsonInPartsTest {

    private static final Set<SeriesKey> TRACKED = Set.of(SeriesKey.of("http_req_duration"),
            SeriesKey.of("http_req_duration", "name", "checkout"), SeriesKey.of("http_req_duration", "name", "gone"),
            new SeriesKey("http_req_duration", Map.of("status", "500")), SeriesKey.of("late_trend"),
            new SeriesKey("http_reqs", Map.of("url", "https://shop.test/item/7")), SeriesKey.of("vus"),
            SeriesKey.of("http_req_failed", "name", "login"), SeriesKey.of("checks"));

    @TempDir
    Path dir;

    private static String metric(String name, String type, String contents) {
        return "{\"type\":\"Metric\",\"data\":{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"contains\":\""
                + contents + "\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"" + name + "\"}";
    }

    /**
     * k6 output with what makes reading it in parts hard: metrics first used deep into the file (declared
     * in another part than most of their points), gauges with equal times, lines of other spellings,
     * escapes, blank lines and CRLF, skipped line types, a last line cut off.
     */
    static String generated(SplittableRandom random, int points, boolean cutOffEnd) {
        List<String> lines = new ArrayList<>();
        String[][] metrics = {{"http_req_duration", "trend", "time"}, {"http_reqs", "counter", "default"},
            {"http_req_failed", "rate", "default"}, {"vus", "gauge", "default"}, {"checks", "rate", "default"},
            {"data_received", "counter", "data"}, {"late_trend", "trend", "default"}};
        boolean[] declared = new boolean[metrics.length];
        int lateFrom = points * (3 + random.nextInt(6)) / 10;
        for (int i = 0; i < points; i++) {
            int which = random.nextInt(i < lateFrom ? metrics.length - 1 : metrics.length);
            String[] metric = metrics[which];
            if (!declared[which] || random.nextInt(400) == 0) {
                declared[which] = true;
                lines.add(metric(metric[0], metric[1], metric[2]));
            }
            String second = String.format("%02d", (i / 50) % 60);
            String time = random.nextInt(20) == 0 ? "2026-11-23T11:00:" + second + ".5+01:00"
                    : "2026-11-23T10:00:" + second + "." + String.format("%09d", random.nextInt(3) * 1000) + "Z";
            String value = switch (metric[1]) {
                case "trend" -> which == 6 && random.nextInt(5) == 0 ? "-" + random.nextInt(100) + ".25"
                        : random.nextInt(30) == 0 ? "1.5e2" : String.valueOf(Math.exp(random.nextGaussian() * 2 + 3));
                case "counter" -> random.nextBoolean() ? "1" : String.valueOf(random.nextInt(20_000));
                case "rate" -> random.nextInt(5) == 0 ? "1" : random.nextInt(40) == 0 ? "-0" : "0";
                default -> String.valueOf(random.nextInt(60));
            };
            String name = List.of("home", "checkout", "login", "search", "caf\\u00e9", "a\\\"b").get(random.nextInt(6));
            String tags = random.nextInt(30) == 0 ? "null" : "{\"name\":\"" + name + "\",\"status\":\""
                    + (random.nextInt(10) == 0 ? "500" : "200") + "\",\"url\":\"https://shop.test/item/"
                    + random.nextInt(12) + "\"}";
            String line = switch (random.nextInt(40)) {
                case 0 -> "{\"type\":\"Point\",\"data\":{\"value\":" + value + ",\"time\":\"" + time + "\",\"tags\":"
                        + tags + "},\"metric\":\"" + metric[0] + "\"}";
                case 1 -> "{ \"metric\" : \"" + metric[0] + "\", \"type\": \"Point\", \"data\": {\"time\":\"" + time
                        + "\",\"value\":" + value + ",\"tags\":" + tags + "}}";
                default -> "{\"metric\":\"" + metric[0] + "\",\"type\":\"Point\",\"data\":{\"time\":\"" + time
                        + "\",\"value\":" + value + ",\"tags\":" + tags + "}}";
            };
            lines.add(line);
            if (random.nextInt(200) == 0) {
                lines.add(random.nextBoolean() ? "" : "{\"type\":\"Summary\",\"data\":{}}");
            }
        }
        String separator = random.nextInt(4) == 0 ? "\r\n" : "\n";
        String text = String.join(separator, lines) + separator;
        if (cutOffEnd) {
            text = text + lines.get(lines.size() - 1).substring(0, 20);
        }
        return text;
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static long[] randomOffsets(SplittableRandom random, long size) {
        long[] offsets = new long[random.nextInt(1, 8)];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = random.nextLong(size + 1);
        }
        return offsets;
    }

    private static void assertSameInParts(Path file, SplittableRandom random, int plans) throws IOException {
        String expected = ReadingOutcome.of(file, TRACKED, null);
        long size = Files.size(file);
        for (int i = 0; i < plans; i++) {
            long[] offsets = randomOffsets(random, size);
            assertThat(ReadingOutcome.of(file, TRACKED, FileInParts.at(offsets)))
                    .as("%s cut at %s", file.getFileName(), java.util.Arrays.toString(offsets)).isEqualTo(expected);
        }
    }

    /** Whether the parts were read and merged, not read again on one thread. */
    private static boolean readInParts(Path file, long... offsets) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return K6NdjsonReader.readInParts(channel, FileInParts.at(offsets), file.toString(),
                    new ResultsCollector(TRACKED, new Diagnostics()), new Diagnostics()).isPresent();
        }
    }

    @Test
    void shouldReadTheRecordedRunsInPartsAsOneThreadDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(1);
        for (String run : List.of("a_pass", "b_fail", "d_abort")) {
            Path file = dir.resolve(run + ".ndjson");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.k6(run, "run.ndjson.gz")))) {
                Files.write(file, in.readAllBytes());
            }
            assertSameInParts(file, random, 12);
            assertThat(readInParts(file, Files.size(file) / 3, Files.size(file) * 2 / 3)).isTrue();
        }
    }

    @Test
    void shouldReadGeneratedRunsInPartsAsOneThreadDoesWhereverTheyAreCut() throws IOException {
        SplittableRandom random = new SplittableRandom(2);
        for (int round = 0; round < 30; round++) {
            Path file = write("run" + round + ".ndjson", generated(random, random.nextInt(50, 4000), random.nextInt(4) == 0));
            assertThat(ReadingOutcome.of(file, TRACKED, null)).doesNotStartWith("error");
            assertSameInParts(file, random, 6);
        }
    }

    @Test
    void shouldReadAMetricDeclaredInAnEarlierPartInTheLaterOne() throws IOException {
        String content = generated(new SplittableRandom(3), 3000, false);
        Path file = write("late.ndjson", content);
        int late = content.indexOf(metric("late_trend", "trend", "default"));
        assertThat(late).isPositive();
        // Cut just after the declaration and again further on: the later parts have only its points.
        assertThat(readInParts(file, late + 10, (late + content.length()) / 2)).isTrue();
        assertThat(ReadingOutcome.of(file, TRACKED, FileInParts.at(late + 10, (late + content.length()) / 2)))
                .isEqualTo(ReadingOutcome.of(file, TRACKED, null));
    }

    @Test
    void shouldCutAtEveryLineOfASmallRunAlike() throws IOException {
        String content = generated(new SplittableRandom(4), 150, true);
        Path file = write("small.ndjson", content);
        String expected = ReadingOutcome.of(file, TRACKED, null);
        for (int offset = 0; offset >= 0;) {
            // Cut before each line, and a second time a few lines later.
            assertThat(ReadingOutcome.of(file, TRACKED, FileInParts.at(offset, offset + 700)))
                    .as("cut at %d", offset).isEqualTo(expected);
            int next = content.indexOf('\n', offset);
            offset = next < 0 ? -1 : next + 1;
        }
    }

    @Test
    void shouldNameTheLineOfAnErrorInAnyPartAsOneThreadDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        List<String> faults = List.of("{\"metric\":\"http_reqs\",\"type\":\"Point\",\"data\":{\"time\":\"2026-11-23T",
                "not json at all", "{\"metric\":\"never_declared\",\"type\":\"Point\",\"data\":{\"time\":"
                        + "\"2026-11-23T10:00:00Z\",\"value\":1,\"tags\":null}}",
                "{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{\"time\":\"2026-11-23T10:00:00Z\","
                        + "\"value\":-3,\"tags\":null}}",
                metric("http_reqs", "trend", "default"),
                "{\"metric\":\"vus\",\"type\":\"Point\",\"data\":{\"time\":\"yesterday\",\"value\":1,\"tags\":null}}");
        for (int round = 0; round < 24; round++) {
            List<String> lines = new ArrayList<>(generated(random, random.nextInt(100, 2000), false).lines().toList());
            int at = random.nextInt(lines.size() / 4, lines.size());
            lines.add(at, faults.get(round % faults.size()));
            Path file = write("fault" + round + ".ndjson", String.join("\n", lines) + "\n");
            String expected = ReadingOutcome.of(file, TRACKED, null);
            assertThat(expected).startsWith("error: fault" + round + ".ndjson line ");
            assertSameInParts(file, random, 4);
        }
    }

    @Test
    void shouldReadGzipInflatedAheadAsOneThreadDoes() throws IOException {
        for (String run : List.of("a_pass", "b_fail", "d_abort")) {
            Path gzipped = Fixtures.k6(run, "run.ndjson.gz");
            assertThat(ReadingOutcome.of(gzipped, TRACKED, FileInParts.at()))
                    .isEqualTo(ReadingOutcome.of(gzipped, TRACKED, null));
            byte[] bytes = Files.readAllBytes(gzipped);
            Path cut = dir.resolve(run + "-cut.ndjson.gz");
            Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length * 2 / 3));
            String cutOutcome = ReadingOutcome.of(cut, TRACKED, null);
            assertThat(cutOutcome).contains("the compressed data ends early");
            assertThat(ReadingOutcome.of(cut, TRACKED, FileInParts.at())).isEqualTo(cutOutcome);
            Path corrupt = dir.resolve(run + "-corrupt.ndjson.gz");
            byte[] damaged = bytes.clone();
            for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
                damaged[i] ^= 0x5a;
            }
            Files.write(corrupt, damaged);
            String corruptOutcome = ReadingOutcome.of(corrupt, TRACKED, null);
            assertThat(corruptOutcome).startsWith("error: ");
            assertThat(ReadingOutcome.of(corrupt, TRACKED, FileInParts.at())).isEqualTo(corruptOutcome);
        }
    }
}
