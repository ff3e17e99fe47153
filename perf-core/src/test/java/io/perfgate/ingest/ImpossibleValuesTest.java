package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values no load test can produce, and times beyond what perfgate keeps, are refused with the file, line
 * and field, never read into a verdict: every reader, every way a value reaches it.
 */
class ImpossibleValuesTest {

    private static final String RANGE = "lies outside the times perfgate can keep, 1677-09-21T00:12:44Z to"
            + " 2262-04-11T23:47:16Z (nanoseconds since 1970 in 64 bits)";
    private static final String DURATION_METRIC = """
            {"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":[],\
            "submetrics":null},"metric":"http_req_duration"}""";
    private static final String JTL_HEADER = "timeStamp,elapsed,label,success,bytes,Latency\n";

    @TempDir
    Path dir;

    private final Diagnostics diagnostics = new Diagnostics();

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    private RunResults read(Path file) {
        return ResultIngest.read(List.of(file), Set.of(), diagnostics).results();
    }

    /** k6's own spelling of a point, which perfgate reads without Jackson. */
    private static String point(String metric, String time, String value) {
        return "{\"metric\":\"" + metric + "\",\"type\":\"Point\",\"data\":{\"time\":\"" + time + "\",\"value\":" + value
                + ",\"tags\":{\"name\":\"a\"}}}";
    }

    /** The same point spelled otherwise, which goes to Jackson. */
    private static String otherPoint(String metric, String time, String value) {
        return "{\"type\":\"Point\",\"metric\":\"" + metric + "\",\"data\":{\"value\":" + value + ",\"time\":\"" + time
                + "\"}}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"2263-01-01T00:00:00Z", "2262-04-11T23:47:17Z", "9999-12-31T23:59:59.999999999Z",
        "2262-04-12T01:00:00+01:00", "0000-01-01T00:00:00Z", "1677-09-21T00:12:43Z", "1600-01-01T00:00:00+01:00"})
    void shouldRefuseAPointTimeBeyondANanosecondClockWithFileLineAndField(String time) throws IOException {
        for (boolean usualSpelling : new boolean[] {true, false}) {
            String line = usualSpelling ? point("http_req_duration", time, "5") : otherPoint("http_req_duration", time, "5");
            Path file = write("far.ndjson", DURATION_METRIC + "\n" + point("http_req_duration", "2026-11-23T10:19:34Z", "4")
                    + "\n" + line + "\n");

            assertThatThrownBy(() -> read(file)).as(line).isInstanceOf(BadInputException.class)
                    .hasMessage(file + " line 3: data.time '" + time + "' " + RANGE);
        }
    }

    @Test
    void shouldStillReadTheEdgesOfTheRange() throws IOException {
        Path file = write("edges.ndjson", DURATION_METRIC + "\n"
                + point("http_req_duration", "1677-09-21T00:12:44Z", "4") + "\n"
                + point("http_req_duration", "2262-04-11T23:47:16.854775807Z", "6") + "\n");

        RunResults results = read(file);

        assertThat(results.series(SeriesKey.of("http_req_duration")).orElseThrow().value(Statistic.AVG)).hasValue(5);
        assertThat(results.durationSeconds()).isCloseTo(18446744072.0, within(1.0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0001-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "2026-11-23T10:19:34+25:00",
        "2026-11-23T10:19:34+05:7x", "2026-11-23T10:19:34+0530", "2026-11-23T10:19:34 Z"})
    void shouldRefuseWhatIsNoRfc3339Time(String time) throws IOException {
        Path file = write("odd.ndjson", DURATION_METRIC + "\n" + otherPoint("http_req_duration", time, "5") + "\n");

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " line 2: data.time '" + time + "' is not an RFC 3339 time");
    }

    @ParameterizedTest
    @CsvSource({"time,durations", "data,data sizes"})
    void shouldRefuseANegativeDurationOrSizeInNdjson(String contents, String holds) throws IOException {
        String metric = DURATION_METRIC.replace("\"contains\":\"time\"", "\"contains\":\"" + contents + "\"");
        for (String line : List.of(point("http_req_duration", "2026-11-23T10:19:35Z", "-100"),
                otherPoint("http_req_duration", "2026-11-23T10:19:35Z", "-100"),
                point("http_req_duration", "2026-11-23T10:19:35Z", "-0.5"))) {
            Path file = write("negative.ndjson", metric + "\n" + point("http_req_duration", "2026-11-23T10:19:34Z", "4")
                    + "\n" + line + "\n");

            assertThatThrownBy(() -> read(file)).as(line).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(file + " line 3: data.value -")
                    .hasMessageEndingWith(" of http_req_duration is negative, but http_req_duration holds " + holds
                            + " (its Metric line says contains " + contents + "), which cannot be negative");
        }
    }

    @Test
    void shouldReadNegativePlainNumbersAndRateSamplesAsK6Does() throws IOException {
        // A Trend of plain numbers may go below zero; a Rate sample counts as a pass when it is not 0, as in k6.
        Path file = write("plain.ndjson", """
                {"type":"Metric","data":{"name":"skew","type":"trend","contains":"default"},"metric":"skew"}
                {"type":"Metric","data":{"name":"ok","type":"rate","contains":"default"},"metric":"ok"}
                """ + point("skew", "2026-11-23T10:19:34Z", "-3") + "\n"
                + point("ok", "2026-11-23T10:19:34Z", "7.5") + "\n"
                + point("ok", "2026-11-23T10:19:35Z", "-1") + "\n"
                + point("ok", "2026-11-23T10:19:36Z", "0") + "\n");

        RunResults results = read(file);

        assertThat(results.series(SeriesKey.of("skew")).orElseThrow().value(Statistic.MIN)).hasValue(-3);
        assertThat(results.series(SeriesKey.of("ok")).orElseThrow().value(Statistic.RATE)).hasValue(2 / 3.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1700000000000,-10,a,true,100,5|column elapsed is -10, but a duration cannot be negative",
        "1700000000000,10,a,true,-1,5|column bytes is -1, but a size cannot be negative",
        "1700000000000,10,a,true,100,-3|column Latency is -3, but a duration cannot be negative",
        "99999999999999,10,a,true,100,5|column timeStamp 99999999999999 " + RANGE,
        "9223372036854,10,a,true,100,5|the sample starting at column timeStamp 9223372036854 ends after 10 ms, which "
                + RANGE})
    void shouldRefuseImpossibleJtlCsvValuesNamingLineAndColumn(String row, String problem) throws IOException {
        Path file = write("results.jtl", JTL_HEADER + "1700000000000,5,a,true,100,5\n" + row + "\n");

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " line 3: " + problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "t=\"-5\" ts=\"1700000000000\"|<httpSample> attribute t is -5, but a duration cannot be negative",
        "t=\"5\" ts=\"1700000000000\" by=\"-7\"|<httpSample> attribute by is -7, but a size cannot be negative",
        "t=\"5\" ts=\"1700000000000\" na=\"-1\"|<httpSample> attribute na is -1, but a thread count cannot be negative",
        "t=\"5\" ts=\"-9300000000000\"|<httpSample> attribute ts -9300000000000 " + RANGE})
    void shouldRefuseImpossibleJtlXmlValuesNamingLineAndAttribute(String attributes, String problem) throws IOException {
        Path file = write("results.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testResults version="1.2">
                <httpSample t="5" ts="1700000000000" s="true" lb="a" rc="200"/>
                <httpSample %s s="true" lb="a" rc="200"/>
                </testResults>
                """.formatted(attributes));

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 4, column ").hasMessageEndingWith(": " + problem);
    }

    /** A k6 summary export with one value replaced. */
    private Path summaryExport(String metric, String values) throws IOException {
        return write("summary.json", """
                {
                  "root_group": {},
                  "metrics": {
                    "http_reqs": {"count": 10, "rate": 2},
                    %s: %s
                  }
                }
                """.formatted(metric, values));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"http_req_duration\"|{\"avg\": 5, \"min\": 1, \"med\": 4, \"max\": 9, \"p(90)\": 8, \"p(95)\": -5}"
                + "|http_req_duration p(95) is -5, but http_req_duration holds durations, which cannot be negative",
        "\"data_received\"|{\"count\": -100, \"rate\": -10}"
                + "|data_received count is -100, but data_received holds data sizes, which cannot be negative",
        "\"http_req_failed\"|{\"passes\": 3, \"fails\": 7, \"value\": 7.5}"
                + "|http_req_failed value is 7.5, but the value of a rate metric is the share of its samples that were"
                + " non-zero, from 0 to 1",
        "\"checks\"|{\"passes\": 3, \"fails\": 7, \"value\": -0.1}"
                + "|checks value is -0.1, but the value of a rate metric is the share of its samples that were non-zero,"
                + " from 0 to 1",
        "\"checks\"|{\"passes\": 2.5, \"fails\": 7, \"value\": 0.25}"
                + "|checks passes is 2.5, but it counts samples: a whole number, 0 or more",
        "\"checks\"|{\"passes\": 3, \"fails\": -7, \"value\": 0.25}"
                + "|checks fails is -7, but it counts samples: a whole number, 0 or more",
        "\"http_req_duration\"|{\"avg\": 1e400}|http_req_duration avg is too large for a number"})
    void shouldRefuseImpossibleSummaryExportValuesNamingTheMetric(String metric, String values, String problem)
            throws IOException {
        Path file = summaryExport(metric, values);

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " line 5, column 5: " + problem);
    }

    @Test
    void shouldRefuseARateOutsideZeroToOneInHandleSummaryData() throws IOException {
        Path file = write("data.json", """
                {
                  "state": {"testRunDurationMs": 1000},
                  "metrics": {
                    "http_req_failed": {"type": "rate", "contains": "default", "values": {"rate": 7.5, "passes": 3,
                      "fails": 7}}
                  }
                }
                """);

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " line 4, column 5: http_req_failed rate is 7.5, but the value of a rate metric is"
                        + " the share of its samples that were non-zero, from 0 to 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "\"long\"", "1e400"})
    void shouldRefuseATestDurationThatIsNoDuration(String duration) throws IOException {
        Path file = write("data.json", """
                {
                  "state": {"testRunDurationMs": %s},
                  "metrics": {
                    "http_reqs": {"type": "counter", "contains": "default", "values": {"count": 3, "rate": 3}}
                  }
                }
                """.formatted(duration));

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 2, column 12: state.testRunDurationMs is ")
                .hasMessageEndingWith(", but k6 states the test's duration there as a number of milliseconds, 0 or more");
    }
}
