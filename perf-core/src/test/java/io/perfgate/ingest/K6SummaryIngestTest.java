package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** k6 summaries read as pre-aggregated results, alone and pooled with samples. */
class K6SummaryIngestTest {

    private static final SeriesKey DURATION = SeriesKey.of("http_req_duration");
    private static final SeriesKey SLOW = SeriesKey.parse("http_req_duration{name:slow}");

    private static RunResults read(Path... files) {
        return ResultIngest.read(List.of(files), Set.of(SLOW), new Diagnostics()).results();
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary.json", "data.json"})
    void shouldGiveK6sOwnNumbersWithTheRightTypes(String file) {
        RunResults results = read(Fixtures.k6("b_fail", file));

        SeriesStatistics duration = results.series(DURATION).orElseThrow();
        assertThat(duration.type()).isEqualTo(MetricType.TREND);
        assertThat(duration.contents()).isEqualTo(MetricContents.TIME);
        assertThat(duration.value(Statistic.percentile(95))).hasValue(69.2708487);
        assertThat(duration.value(Statistic.AVG)).hasValue(16.369454971947203);
        assertThat(results.series(SLOW).orElseThrow().value(Statistic.percentile(90))).hasValue(73.7297368);

        SeriesStatistics failed = results.series(SeriesKey.of("http_req_failed")).orElseThrow();
        assertThat(failed.type()).isEqualTo(MetricType.RATE);
        assertThat(failed.value(Statistic.RATE)).hasValue(0.05363036303630363);
        assertThat(failed.sampleCount()).isEqualTo(1212);

        SeriesStatistics requests = results.series(SeriesKey.of("http_reqs")).orElseThrow();
        assertThat(requests.type()).isEqualTo(MetricType.COUNTER);
        assertThat(requests.value(Statistic.COUNT)).hasValue(1212);
        assertThat(requests.value(Statistic.RATE).getAsDouble()).isCloseTo(119.38564284128024, within(1e-9));
        assertThat(results.durationSeconds()).isCloseTo(10.151974485, within(1e-9));

        SeriesStatistics lastBody = results.series(SeriesKey.of("last_body_size")).orElseThrow();
        assertThat(lastBody.type()).isEqualTo(MetricType.GAUGE);
        assertThat(lastBody.value(Statistic.VALUE)).hasValue(33);
        assertThat(lastBody.value(Statistic.MAX)).hasValue(40);

        assertThat(results.series(SeriesKey.of("data_received")).orElseThrow().contents())
                .isEqualTo(MetricContents.DATA);
    }

    @Test
    void shouldSayThatASummaryExportLacksPercentilesItDidNotExport() {
        Path summary = Fixtures.k6("b_fail", "summary.json");
        SeriesStatistics slow = read(summary).series(SLOW).orElseThrow();
        assertThat(slow.value(Statistic.percentile(99))).isEmpty();
        assertThat(slow.unavailableReason(Statistic.percentile(99))).isEqualTo("the k6 summary export " + summary
                + " holds only avg, min, med, max, p(90), p(95) for http_req_duration{name:slow}; p(99) needs the k6"
                + " NDJSON output (--out json) or a summaryTrendStats option that lists it");
    }

    @Test
    void shouldExplainASubmetricThatTheSummaryDoesNotHold() {
        Path summary = Fixtures.k6("a_pass", "summary.json");
        RunResults results = read(summary);
        assertThat(results.series(SLOW)).isEmpty();
        assertThat(results.missingReason(SLOW)).isEqualTo("the k6 summary export " + summary + " holds no submetric"
                + " http_req_duration{name:slow} (k6 writes only the submetrics that thresholds use; it has:"
                + " http_req_duration{expected_response:true}, http_req_duration{name:fast})");
    }

    @Test
    void shouldPoolSummaryAndSamplesOnlyWhereThatIsExact() {
        Path ndjson = Fixtures.k6("a_pass", "run.ndjson.gz");
        Path summary = Fixtures.k6("b_fail", "summary.json");
        RunResults alone = read(ndjson);
        RunResults pooled = read(ndjson, summary);

        SeriesStatistics duration = pooled.series(DURATION).orElseThrow();
        assertThat(duration.value(Statistic.percentile(95))).isEmpty();
        assertThat(duration.unavailableReason(Statistic.percentile(95))).contains("cannot be pooled");
        assertThat(duration.value(Statistic.AVG)).isEmpty();
        assertThat(duration.value(Statistic.MAX)).hasValue(Math.max(84.012214,
                alone.series(DURATION).orElseThrow().value(Statistic.MAX).getAsDouble()));

        assertThat(pooled.series(SeriesKey.of("http_reqs")).orElseThrow().value(Statistic.COUNT)).hasValue(1220 + 1212);
        assertThat(pooled.series(SeriesKey.of("http_req_failed")).orElseThrow().value(Statistic.RATE))
                .hasValue((4 + 65) / (double) (1220 + 1212));
        assertThat(pooled.durationSeconds()).isCloseTo(alone.durationSeconds() + 10.151974485, within(1e-6));

        SeriesStatistics slow = pooled.series(SLOW).orElseThrow();
        assertThat(slow.value(Statistic.MIN)).as("the summary's slow requests pool by min").isPresent();
        SeriesKey fast = SeriesKey.parse("http_req_duration{name:fast}");
        assertThat(pooled.series(fast).orElseThrow().value(Statistic.percentile(95))).isEmpty();
    }

    @Test
    void shouldInferTypesOfASummaryExportFromItsKeys(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("export.json");
        Files.writeString(file, """
                {"root_group": {}, "metrics": {
                  "my_trend": {"min": -3, "max": 4, "p(99.9)": 3.9},
                  "my_gauge": {"value": 2, "min": 1, "max": 9},
                  "my_rate": {"passes": 1, "fails": 3, "value": 0.25},
                  "my_counter": {"count": 10, "rate": 2}
                }}""");
        RunResults results = read(file);
        assertThat(results.series(SeriesKey.of("my_trend")).orElseThrow().type()).isEqualTo(MetricType.TREND);
        assertThat(results.series(SeriesKey.of("my_trend")).orElseThrow().value(Statistic.percentile(99.9)))
                .hasValue(3.9);
        assertThat(results.series(SeriesKey.of("my_gauge")).orElseThrow().type()).isEqualTo(MetricType.GAUGE);
        assertThat(results.series(SeriesKey.of("my_rate")).orElseThrow().value(Statistic.RATE)).hasValue(0.25);
        assertThat(results.series(SeriesKey.of("my_counter")).orElseThrow().type()).isEqualTo(MetricType.COUNTER);
        assertThat(results.durationSeconds()).as("count / rate").isEqualTo(5);
    }

    @Test
    void shouldNameTheLineOfAnUnreadableMetric(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("export.json");
        Files.writeString(file, """
                {"root_group": {}, "metrics": {
                  "fine": {"count": 10, "rate": 2},
                  "odd": {"colour": "blue"}
                }}""");
        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 3").hasMessageContaining("its type cannot be told");
    }

    @Test
    void shouldSayASummaryIsNotUtf8WhenItsFirstBytesReadAsAnotherEncoding(@TempDir Path dir) throws Exception {
        // Jackson takes a brace and three zero bytes for UTF-32 and then finds no such character.
        byte[] json = "{\"metrics\": {}}".getBytes(StandardCharsets.US_ASCII);
        byte[] content = new byte[48 + json.length];
        content[0] = '{';
        System.arraycopy(json, 0, content, 48, json.length);
        Path file = Files.write(dir.resolve("summary.json"), content);

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": is not UTF-8 text, as k6 writes it: Invalid UTF-32 character");
    }
}
