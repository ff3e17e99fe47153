package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K6NdjsonReaderTest {

    private static final String METRIC = """
            {"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":[],\
            "submetrics":null},"metric":"http_req_duration"}""";

    @TempDir
    Path dir;

    private final Diagnostics diagnostics = new Diagnostics();

    private static String point(String time, double value, String name) {
        return "{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{\"time\":\"" + time + "\",\"value\":"
                + value + ",\"tags\":{\"name\":\"" + name + "\",\"status\":\"200\"}}}";
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private RunResults read(Path file) {
        return ResultIngest.read(List.of(file), Set.of(), diagnostics).results();
    }

    private List<String> fixtureLines() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Fixtures.k6("b_fail", "run.ndjson.gz")))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void shouldReadTheSameFromPlainAndGzippedFilesWhateverTheirName() throws IOException {
        List<String> lines = fixtureLines();
        Path plain = write("plain.json.gz", String.join("\n", lines) + "\n");
        RunResults fromPlain = read(plain);
        RunResults fromGzip = read(Fixtures.k6("b_fail", "run.ndjson.gz"));
        SeriesKey duration = SeriesKey.of("http_req_duration");
        assertThat(fromPlain.series(duration).orElseThrow().value(Statistic.percentile(95)))
                .isEqualTo(fromGzip.series(duration).orElseThrow().value(Statistic.percentile(95)));
        assertThat(fromPlain.durationSeconds()).isEqualTo(fromGzip.durationSeconds());
    }

    @Test
    void shouldWarnAboutACutOffLastLineAndUseTheRest() throws IOException {
        List<String> lines = fixtureLines();
        String last = lines.get(lines.size() - 1);
        String cut = String.join("\n", lines.subList(0, lines.size() - 1)) + "\n" + last.substring(0, last.length() / 2);
        Path file = write("killed.ndjson", cut);

        IngestedResults ingested = ResultIngest.read(List.of(file), Set.of(), diagnostics);

        assertThat(diagnostics.all()).extracting(Diagnostic::level).containsExactly(Diagnostic.Level.WARNING);
        assertThat(diagnostics.all().get(0).text()).startsWith(file + " line " + lines.size() + ":")
                .contains("cut off");
        long points = lines.stream().filter(line -> line.contains("\"type\":\"Point\"")).count();
        assertThat(ingested.sources().get(0).samples()).isEqualTo(points - 1);
        assertThat(ingested.results().series(SeriesKey.of("http_reqs")).orElseThrow().value(Statistic.COUNT))
                .hasValue(1212);
    }

    @Test
    void shouldWarnAboutAGzipStreamThatEndsEarly() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.k6("a_pass", "run.ndjson.gz"));
        Path file = dir.resolve("cut.ndjson.gz");
        Files.write(file, java.util.Arrays.copyOf(whole, whole.length / 2));

        RunResults results = read(file);

        assertThat(diagnostics.all()).extracting(Diagnostic::text)
                .anyMatch(text -> text.contains("the compressed data ends early"));
        assertThat(results.series(SeriesKey.of("http_reqs")).orElseThrow().sampleCount()).isPositive();
    }

    @Test
    void shouldNameFileAndLineOfAMalformedLineInTheMiddle() throws IOException {
        Path file = write("broken.ndjson", METRIC + "\n"
                + point("2026-11-23T10:19:34.339835103Z", 2.5, "a") + "\n"
                + "{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{\"time\":" + "\n"
                + point("2026-11-23T10:19:35Z", 3.5, "a") + "\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 3, column")
                .hasMessageContaining("is not valid JSON");
    }

    @Test
    void shouldNameTheLineOfABadValue() throws IOException {
        Path file = write("bad.ndjson", METRIC + "\n" + point("2026-11-23T10:19:34Z", 1, "a") + "\n"
                + point("yesterday", 1, "a") + "\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " line 3: data.time 'yesterday' is not an RFC 3339 time");
        Path notNumber = write("nan.ndjson", METRIC + "\n"
                + point("2026-11-23T10:19:34Z", 1, "a").replace("\"value\":1.0", "\"value\":\"NaN\"") + "\n");
        assertThatThrownBy(() -> read(notNumber)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(notNumber + " line 2, column").hasMessageContaining("data.value is not a number");
        Path huge = write("inf.ndjson", METRIC + "\n"
                + point("2026-11-23T10:19:34Z", 1, "a").replace("\"value\":1.0", "\"value\":1e999") + "\n");
        assertThatThrownBy(() -> read(huge)).isInstanceOf(BadInputException.class)
                .hasMessage(huge + " line 2: data.value of http_req_duration is not a finite number");
    }

    @Test
    void shouldRefuseAPointBeforeItsMetricLine() throws IOException {
        Path file = write("headless.ndjson", point("2026-11-23T10:19:34Z", 1, "a") + "\n" + METRIC + "\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 1: a point of metric http_req_duration comes before its"
                        + " Metric line");
    }

    @Test
    void shouldSkipUnknownLineTypesWithOneWarningPerType() throws IOException {
        Path file = write("future.ndjson", METRIC + "\n"
                + "{\"type\":\"Annotation\",\"data\":{}}\n"
                + point("2026-11-23T10:19:34Z", 4, "a") + "\n"
                + "{\"type\":\"Annotation\",\"data\":{}}\n\n"
                + point("2026-11-23T10:19:36.5Z", 8, "b") + "\n");
        RunResults results = read(file);
        assertThat(diagnostics.all()).extracting(Diagnostic::text)
                .containsExactly(file + ": skipped 2 line(s) of type 'Annotation'; perfgate reads the Metric and"
                        + " Point lines of k6 --out json");
        assertThat(results.series(SeriesKey.of("http_req_duration")).orElseThrow().value(Statistic.AVG)).hasValue(6);
        assertThat(results.durationSeconds()).isEqualTo(2.5);
    }

    @Test
    void shouldRefuseAMetricRedeclaredWithAnotherType() throws IOException {
        Path file = write("conflict.ndjson", METRIC + "\n" + METRIC.replace("\"type\":\"trend\"", "\"type\":\"rate\"")
                + "\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 2: metric http_req_duration is a rate here but a trend");
    }

    @Test
    void shouldReadLinesOfAnyLengthAcrossBufferBoundaries() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(METRIC);
        String longName = "n".repeat(200_000);
        for (int i = 0; i < 5; i++) {
            lines.add(point("2026-11-23T10:19:3" + i + "Z", i, i % 2 == 0 ? longName : "short"));
        }
        Path file = dir.resolve("long.ndjson.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8));
        }
        RunResults results = read(file);
        assertThat(results.series(SeriesKey.of("http_req_duration", "name", longName)).orElseThrow().sampleCount())
                .isEqualTo(3);
        assertThat(results.durationSeconds()).isEqualTo(4);
    }

    private static final String[] VALUES = {"0", "-0", "1", "2.354074", "0.0001234", "-2.5", "1e3", "2.5E-1",
        "1234567890.12345678901", "0.30000000000000004", "123.456789012345678", "7", "9007199254.740993"};
    private static final String[] TIMES = {"2026-11-23T10:19:34.339835103Z", "2026-11-23T10:19:34Z",
        "2026-11-23T10:19:35.5Z", "2026-11-23T11:19:36.25+01:00", "2026-11-23T04:49:37.000000001-05:30",
        "2024-02-29T23:59:59.999999999Z", "2026-11-23T10:19:38.Z", "2026-11-23T10:19:39+05:30:15"};

    /** k6's own spelling of a Point line, as {@code --out json} writes it. */
    private static String usualPoint(String metric, String time, String value, String tags) {
        return "{\"metric\":\"" + metric + "\",\"type\":\"Point\",\"data\":{\"time\":\"" + time
                + "\",\"value\":" + value + ",\"tags\":" + tags + "}}";
    }

    /** The same point spelled another way: other field order, blanks, an escaped character. */
    private static String otherSpelling(String metric, String time, String value, String tags) {
        return "{ \"type\": \"Point\", \"data\": { \"tags\": " + tags + ", \"value\": " + value
                + ", \"time\": \"" + time + "\" }, \"metric\": \"" + metric.replace("_", "\\u005f") + "\" }";
    }

    private RunResults readLines(String name, List<String> lines, SeriesKey... tracked) throws IOException {
        Path file = write(name, String.join("\n", lines) + "\n");
        return ResultIngest.read(List.of(file), Set.of(tracked), diagnostics).results();
    }

    @Test
    void shouldReadK6sOwnSpellingOfALineExactlyAsAnyOtherSpellingOfIt() throws IOException {
        // Each value its own name, so each series' min and max are that exact value read back.
        String[] otherTags = {",\"status\":\"200\"", ",\"q\":\"caf\\u00e9 \\\"x\\\"\"", "",
            ",\"status\":\"200\",\"status\":\"500\"", ",\"url\":\"/a\\/b\""};
        // Some values are negative, which only a metric of plain numbers may hold.
        String plainNumbers = METRIC.replace("\"contains\":\"time\"", "\"contains\":\"default\"");
        List<String> usual = new ArrayList<>(List.of(plainNumbers));
        List<String> other = new ArrayList<>(List.of(plainNumbers));
        for (int i = 0; i < 400; i++) {
            String time = TIMES[i % TIMES.length];
            String value = VALUES[i % VALUES.length];
            String tags = "{\"name\":\"v" + i % VALUES.length + "\"" + otherTags[i % otherTags.length] + "}";
            usual.add(usualPoint("http_req_duration", time, value, tags));
            other.add(otherSpelling("http_req_duration", time, value, tags));
        }
        usual.add(usualPoint("http_req_duration", TIMES[0], "3", "null"));
        other.add(otherSpelling("http_req_duration", TIMES[0], "3", "null"));
        List<String> selectors = new ArrayList<>(List.of("http_req_duration", "http_req_duration{status:500}"));
        for (int i = 0; i < VALUES.length; i++) {
            selectors.add("http_req_duration{name:v" + i + "}");
        }
        SeriesKey failed = SeriesKey.parse("http_req_duration{status:500}");
        RunResults fromUsual = readLines("usual.ndjson", usual, failed);
        RunResults fromOther = readLines("other.ndjson", other, failed);

        assertThat(fromUsual.durationSeconds()).isEqualTo(fromOther.durationSeconds());
        for (String selector : selectors) {
            SeriesStatistics usualSeries = fromUsual.series(SeriesKey.parse(selector)).orElseThrow();
            SeriesStatistics otherSeries = fromOther.series(SeriesKey.parse(selector)).orElseThrow();
            assertThat(usualSeries.sampleCount()).as(selector).isEqualTo(otherSeries.sampleCount()).isPositive();
            for (Statistic statistic : List.of(Statistic.AVG, Statistic.MIN, Statistic.MAX, Statistic.MED,
                    Statistic.percentile(90), Statistic.percentile(99))) {
                assertThat(usualSeries.value(statistic)).as(selector + " " + statistic)
                        .isEqualTo(otherSeries.value(statistic));
            }
        }
        assertThat(fromUsual.series(SeriesKey.parse("http_req_duration{name:v1}")).orElseThrow()
                .value(Statistic.MIN).getAsDouble()).as("-0 is read as Jackson reads the integer: 0").isEqualTo(0.0);
    }

    @Test
    void shouldReadEachLineWhoseRestWasSeenBeforeButWhichSaysMore() throws IOException {
        String tags = "{\"name\":\"a\"}";
        String first = usualPoint("http_req_duration", "2026-11-23T10:19:34Z", "1", tags);
        // Same start and same tags, but a second value after them: JSON's last value wins.
        String overriding = first.substring(0, first.length() - 2) + ",\"value\":7}}";
        RunResults results = readLines("override.ndjson", List.of(METRIC, first, overriding, overriding, first));

        SeriesStatistics duration = results.series(SeriesKey.of("http_req_duration")).orElseThrow();
        assertThat(duration.sampleCount()).isEqualTo(4);
        assertThat(duration.value(Statistic.AVG)).hasValue(4);
    }

    @Test
    void shouldRefuseABadLineOfK6sOwnSpellingWhoseTagsWereSeenBefore() throws IOException {
        String tags = "{\"name\":\"a\",\"status\":\"200\"}";
        String good = usualPoint("http_req_duration", "2026-11-23T10:19:34Z", "1", tags);
        Path leadingZero = write("zero.ndjson", String.join("\n", METRIC, good,
                usualPoint("http_req_duration", "2026-11-23T10:19:34Z", "01", tags)) + "\n");
        assertThatThrownBy(() -> read(leadingZero)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(leadingZero + " line 3, column").hasMessageContaining("is not valid JSON");
        Path badDate = write("date.ndjson", String.join("\n", METRIC, good,
                usualPoint("http_req_duration", "2026-02-30T10:19:34Z", "1", tags)) + "\n");
        assertThatThrownBy(() -> read(badDate)).isInstanceOf(BadInputException.class)
                .hasMessage(badDate + " line 3: data.time '2026-02-30T10:19:34Z' is not an RFC 3339 time");
        Path undeclared = write("undeclared.ndjson", String.join("\n", METRIC, good,
                usualPoint("http_req_waiting", "2026-11-23T10:19:34Z", "1", tags)) + "\n");
        assertThatThrownBy(() -> read(undeclared)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(undeclared + " line 3: a point of metric http_req_waiting comes before its"
                        + " Metric line");
    }
}
