package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.ResultsDump;
import io.perfgate.stats.SeriesKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CSV JTL rows read from the bytes mean what Jackson's CSV parser reads from them, and a file read in parts
 * on several threads gives what one thread gives, bit for bit, wherever it is cut: results, warnings and
 * errors with their lines. A cut inside a quoted field that holds a line break is found, and the file is
 * read on one thread.
 */
class JtlCsvInPartsTest {

    private static final Set<SeriesKey> TRACKED = Set.of(SeriesKey.of("http_req_duration"),
            SeriesKey.of("http_req_duration", "name", "pay"), new SeriesKey("http_req_duration", Map.of("status", "500")),
            SeriesKey.of("group_duration", "group", "checkout"), SeriesKey.of("vus"), SeriesKey.of("http_req_failed"),
            SeriesKey.of("http_reqs", "name", "caf\u00e9 \"bar\""), SeriesKey.of("data_sent"));
    private static final List<String> RECORDINGS = List.of("jmeter/csv_default/results.jtl",
            "jmeter/csv_semicolon_multiline/results.jtl", "jmeter/csv_transactions/results.jtl",
            "jtl-cases/default.csv", "jtl-cases/semicolon-multiline.csv", "jtl-cases/transactions.csv",
            "jtl-cases/date-timestamp.csv");

    @TempDir
    Path dir;

    /** How a generated JTL is written. */
    record Shape(char delimiter, String lineEnd, boolean oddRows, String end) {
    }

    /**
     * A JTL as JMeter writes it (transactions with their quoted message, failures whose message has quotes and
     * line breaks, labels with quotes and accents), optionally with rows of other shapes, and an end.
     */
    static String generated(SplittableRandom random, int rows, Shape shape) {
        String d = String.valueOf(shape.delimiter());
        StringBuilder text = new StringBuilder(String.join(d, "timeStamp", "elapsed", "label", "responseCode",
                "responseMessage", "threadName", "dataType", "success", "failureMessage", "bytes", "sentBytes",
                "grpThreads", "allThreads", "URL", "Latency", "IdleTime", "Connect")).append(shape.lineEnd());
        List<String> labels = List.of("home", "search", "pay", "\"caf\u00e9 \"\"bar\"\"\"", "login");
        long time = 1_795_434_500_000L;
        for (int row = 0; row < rows; row++) {
            time += random.nextInt(20);
            boolean failed = random.nextInt(12) == 0;
            String label = labels.get(random.nextInt(labels.size()));
            String message = failed ? "Internal Server Error" : "OK";
            String failure = "";
            if (failed && random.nextBoolean()) {
                failure = "\"Test failed: expected \"\"200\"\"" + (random.nextBoolean() ? shape.lineEnd().equals("\r\n")
                        ? "\n\n****** received  : {\"\"ok\"\": false}\n" : "\n\n****** received" : "") + "\"";
            }
            String[] fields = {String.valueOf(time), String.valueOf(1 + random.nextInt(400)), label,
                failed ? "500" : "200", message, "users 1-" + (1 + random.nextInt(5)), "text", failed ? "false" : "true",
                failure, String.valueOf(random.nextInt(20_000)), String.valueOf(random.nextInt(900)), "5",
                String.valueOf(1 + random.nextInt(5)), "https://shop.test/api/x?y=1", random.nextInt(10) == 0 ? ""
                        : String.valueOf(random.nextInt(300)), "0", String.valueOf(random.nextInt(30))};
            if (random.nextInt(8) == 0) {
                fields[2] = "checkout";
                fields[4] = "\"Number of samples in transaction : 3, number of failing samples : " + random.nextInt(2)
                        + "\"";
                fields[6] = "";
                fields[13] = "null";
            }
            if (shape.oddRows()) {
                switch (random.nextInt(60)) {
                    case 0 -> fields[1] = " " + fields[1] + " ";
                    case 1 -> fields[7] = "TRUE";
                    case 2 -> text.append(shape.lineEnd());
                    case 3 -> fields[14] = "\"" + fields[14] + "\"";
                    case 4 -> fields[12] = "+" + fields[12];
                    case 5 -> fields[4] = " Number of samples in transaction : 2, number of failing samples : 0\t";
                    case 6 -> fields[2] = "\u00e9t\u00e9";
                    default -> {
                        // as JMeter writes it
                    }
                }
            }
            text.append(String.join(d, fields)).append(shape.lineEnd());
        }
        String last = String.join(d, String.valueOf(time + 5), "12", "home", "200", "OK", "users 1-1", "text", "true",
                "", "100", "50", "5", "5", "https://shop.test/", "11", "0", "1");
        switch (shape.end()) {
            case "short" -> text.append(last, 0, last.length() / 2);
            case "no line break" -> text.append(last);
            case "open quote" -> text.append(last, 0, 30).append(d).append("\"an open quote");
            default -> {
                // ends after the last row's line break
            }
        }
        return text.toString();
    }

    private static Shape randomShape(SplittableRandom random) {
        return new Shape(",;\t|".charAt(random.nextInt(4)), random.nextInt(4) == 0 ? "\r\n" : "\n",
                random.nextInt(3) == 0, List.of("clean", "clean", "short", "no line break", "open quote")
                        .get(random.nextInt(5)));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    /** The outcome of reading every row with Jackson's parser. */
    private static String withJacksonOnly(Path file) throws IOException {
        Diagnostics diagnostics = new Diagnostics();
        ResultsCollector collector = new ResultsCollector(TRACKED, diagnostics);
        StringBuilder text = new StringBuilder();
        try {
            SourceReading reading = JtlCsvReader.readWithJacksonOnly(new ByteArrayInputStream(Files.readAllBytes(file)),
                    file.getFileName().toString(), collector, diagnostics);
            collector.addRunDuration(reading.duration());
            text.append(new ResultSource(file.getFileName().toString(), ResultFormat.JMETER_CSV.id(),
                    reading.samples())).append('\n').append(ResultsDump.of(collector.results(), TRACKED));
        } catch (BadInputException e) {
            text.append("error: ").append(e.getMessage()).append('\n');
        }
        for (Diagnostic message : diagnostics.all()) {
            text.append(message.level()).append(": ").append(message.text()).append('\n');
        }
        return text.toString();
    }

    private static void assertSameInParts(Path file, SplittableRandom random, int plans) throws IOException {
        String expected = ReadingOutcome.of(file, TRACKED, null);
        long size = Files.size(file);
        for (int i = 0; i < plans; i++) {
            long[] offsets = new long[random.nextInt(1, 8)];
            for (int j = 0; j < offsets.length; j++) {
                offsets[j] = random.nextLong(size + 1);
            }
            assertThat(ReadingOutcome.of(file, TRACKED, FileInParts.at(offsets)))
                    .as("%s cut at %s", file.getFileName(), Arrays.toString(offsets)).isEqualTo(expected);
        }
    }

    private static boolean readInParts(Path file, long... offsets) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return JtlCsvReader.readInParts(channel, FileInParts.at(offsets), file.toString(),
                    new ResultsCollector(TRACKED, new Diagnostics()), new Diagnostics()).isPresent();
        }
    }

    @Test
    void shouldReadRowsFromTheBytesAsJacksonReadsThem() throws IOException {
        for (String recording : RECORDINGS) {
            Path file = Fixtures.path(recording);
            assertThat(ReadingOutcome.of(file, TRACKED, null)).as(recording).isEqualTo(withJacksonOnly(file));
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int round = 0; round < 60; round++) {
            Path file = write("generated" + round + ".jtl", generated(random, random.nextInt(1, 400), randomShape(random)));
            assertThat(ReadingOutcome.of(file, TRACKED, null)).as("%s", Files.readString(file))
                    .isEqualTo(withJacksonOnly(file));
        }
    }

    @Test
    void shouldReadRowsOfOtherShapesAsJacksonReadsThem() throws IOException {
        String header = "timeStamp,elapsed,label,success\n";
        List<String> bodies = List.of("1,2,a,true\n\n3,4,b,false\n", "1,2,a,true\n   \n3,4,b,false\n",
                "1,2,a,true\r3,4,b,false\r\n", "1,2,a\"b,true\n3,4,b,false\n", "1,2,\"a\"b,true\n3,4,b,false\n",
                "1,2,a,true,extra\n3,4,b,false\n", "1,2,a\n3,4,b,false\n", "1,2,\"a\nb\",true\n3,4,b,false\n",
                "1,2,\"a\r\nb\",true\n3,4,b,false\n", "1,2,a,true\n 3,4,b,false\n", "1,2,a,true\n\"3\",4,b,false\n",
                "1,2,a,true\n3,4,b,false", "1,2,a,true\n3,4,\"b,false\n", "1,2,a,true\n3,4,\"b\",false\n\n\n",
                "1,,a,true\n3,4,b,false\n", "1,2,a,maybe\n3,4,b,false\n", "1,-2,a,true\n3,4,b,false\n",
                "99999999999999999999,2,a,true\n3,4,b,false\n", "1,2,\u00e9\u00e8,true\n3,4,\ufffd,false\n");
        int index = 0;
        for (String body : bodies) {
            Path file = write("odd" + index++ + ".jtl", header + body);
            assertThat(ReadingOutcome.of(file, TRACKED, null)).as(body).isEqualTo(withJacksonOnly(file));
            assertThat(ReadingOutcome.of(file, TRACKED, FileInParts.at(header.length() + 3, header.length() + 12)))
                    .as(body).isEqualTo(ReadingOutcome.of(file, TRACKED, null));
        }
        Path bom = write("bom.jtl", "\ufeff" + header + "1,2,a,true\n");
        assertThat(ReadingOutcome.of(bom, TRACKED, null)).isEqualTo(withJacksonOnly(bom));
    }

    @Test
    void shouldReadRecordingsInPartsAsOneThreadDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(12);
        for (String recording : RECORDINGS) {
            assertSameInParts(Fixtures.path(recording), random, 10);
        }
        Path recording = Fixtures.path("jmeter/csv_default/results.jtl");
        assertThat(readInParts(recording, Files.size(recording) / 3, Files.size(recording) * 2 / 3)).isTrue();
    }

    @Test
    void shouldReadGeneratedFilesInPartsAsOneThreadDoesWhereverTheyAreCut() throws IOException {
        SplittableRandom random = new SplittableRandom(13);
        for (int round = 0; round < 40; round++) {
            Path file = write("parts" + round + ".jtl", generated(random, random.nextInt(20, 1500), randomShape(random)));
            assertSameInParts(file, random, 5);
        }
    }

    @Test
    void shouldReadOnOneThreadWhenACutFallsInsideAQuotedLineBreak() throws IOException {
        String content = generated(new SplittableRandom(14), 300, new Shape(',', "\n", false, "clean"));
        String quoted = "\"Test failed: expected \"\"200\"\"\n\n****** received";
        int inside = content.indexOf(quoted) + quoted.indexOf('\n') - 1;
        assertThat(inside).isPositive();
        Path file = write("quoted.jtl", content);
        assertThat(readInParts(file, inside)).as("a part ends inside the quoted field").isFalse();
        assertThat(ReadingOutcome.of(file, TRACKED, FileInParts.at(inside)))
                .isEqualTo(ReadingOutcome.of(file, TRACKED, null));
        int clean = content.indexOf('\n', content.length() / 2);
        assertThat(readInParts(file, clean)).isTrue();
    }

    @Test
    void shouldNameTheLineOfAnErrorInAnyPartAsOneThreadDoes() throws IOException {
        SplittableRandom random = new SplittableRandom(15);
        List<String> faults = List.of("1795434500000,abc,home,200,OK,u,text,true,,1,1,1,1,x,1,0,1",
                "1795434500000,5,home,200,OK,u,text,yes,,1,1,1,1,x,1,0,1", "1795434500000,5,home,200",
                "2026/11/23,5,home,200,OK,u,text,true,,1,1,1,1,x,1,0,1",
                "1795434500000,5,home,200,OK,u,text,true,,-1,1,1,1,x,1,0,1",
                "1795434500000,5,\"home,200,OK,u,text,true,,1,1,1,1,x,1,0,1");
        for (int round = 0; round < 18; round++) {
            List<String> lines = new ArrayList<>(generated(random, random.nextInt(100, 1200),
                    new Shape(',', "\n", false, "clean")).lines().toList());
            int at = random.nextInt(lines.size() / 3, lines.size());
            while (lines.get(at).isEmpty() || !Character.isDigit(lines.get(at).charAt(0))) {
                at--; // a row's first line, not one inside a quoted message
            }
            lines.add(at, faults.get(round % faults.size()));
            Path file = write("fault" + round + ".jtl", String.join("\n", lines) + "\n");
            assertThat(ReadingOutcome.of(file, TRACKED, null)).startsWith("error: fault" + round + ".jtl line ");
            assertSameInParts(file, random, 4);
        }
    }
}
