package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several files, of one tool or both, pooled into one result. */
class ResultIngestTest {

    private static final SeriesKey REQUESTS = SeriesKey.of("http_reqs");
    private static final SeriesKey DURATION = SeriesKey.of("http_req_duration");

    private final Diagnostics diagnostics = new Diagnostics();

    private RunResults read(Path... files) {
        return ResultIngest.read(List.of(files), Set.of(), diagnostics).results();
    }

    @Test
    void shouldPoolTwoRunsAsIfTheyWereOne() {
        Path a = Fixtures.k6("a_pass", "run.ndjson.gz");
        Path b = Fixtures.k6("b_fail", "run.ndjson.gz");
        RunResults first = read(a);
        RunResults second = read(b);
        IngestedResults both = ResultIngest.read(List.of(a, b), Set.of(), diagnostics);
        RunResults pooled = both.results();

        assertThat(both.sources()).extracting(ResultSource::format).containsExactly("k6-ndjson", "k6-ndjson");
        assertThat(both.sources()).extracting(ResultSource::samples).allMatch(samples -> samples > 10_000);
        assertThat(pooled.series(REQUESTS).orElseThrow().value(Statistic.COUNT)).hasValue(1220 + 1212);
        assertThat(pooled.durationSeconds()).isEqualTo(first.durationSeconds() + second.durationSeconds());
        SeriesStatistics duration = pooled.series(DURATION).orElseThrow();
        assertThat(duration.sampleCount()).isEqualTo(1220 + 1212);
        assertThat(duration.value(Statistic.MAX).getAsDouble()).isEqualTo(Math.max(
                first.series(DURATION).orElseThrow().value(Statistic.MAX).getAsDouble(),
                second.series(DURATION).orElseThrow().value(Statistic.MAX).getAsDouble()));
        double p95 = duration.value(Statistic.percentile(95)).getAsDouble();
        assertThat(p95).isBetween(
                Math.min(first.series(DURATION).orElseThrow().value(Statistic.percentile(95)).getAsDouble(),
                        second.series(DURATION).orElseThrow().value(Statistic.percentile(95)).getAsDouble()),
                Math.max(first.series(DURATION).orElseThrow().value(Statistic.percentile(95)).getAsDouble(),
                        second.series(DURATION).orElseThrow().value(Statistic.percentile(95)).getAsDouble()));
        SeriesKey slow = SeriesKey.parse("http_req_duration{name:slow}");
        assertThat(pooled.series(slow).orElseThrow().sampleCount()).isEqualTo(
                first.series(slow).orElseThrow().sampleCount() + second.series(slow).orElseThrow().sampleCount());
    }

    @Test
    void shouldPoolK6AndJmeterUnderOneVocabulary() {
        Path k6 = Fixtures.k6("a_pass", "run.ndjson.gz");
        Path jmeter = Fixtures.path("jmeter/csv_default/results.jtl");
        RunResults pooled = read(k6, jmeter);
        assertThat(pooled.series(REQUESTS).orElseThrow().value(Statistic.COUNT)).hasValue(1220 + 2000);
        assertThat(pooled.series(SeriesKey.of("http_req_failed")).orElseThrow().value(Statistic.RATE).getAsDouble())
                .isCloseTo((4 + 45) / 3220.0, within(1e-12));
        assertThat(pooled.series(SeriesKey.of("http_reqs", "name", "fast")).orElseThrow().value(Statistic.COUNT)
                .getAsDouble()).as("both tools name their requests fast").isGreaterThan(500);
    }

    @Test
    void shouldReadAFileListedTwiceOnce() {
        Path a = Fixtures.k6("a_pass", "run.ndjson.gz");
        IngestedResults ingested = ResultIngest.read(List.of(a, a), Set.of(), diagnostics);
        assertThat(ingested.sources()).hasSize(1);
        assertThat(ingested.results().series(REQUESTS).orElseThrow().value(Statistic.COUNT)).hasValue(1220);
        assertThat(diagnostics.all()).extracting(Diagnostic::text).containsExactly(a + " is listed twice; it was read once");
    }

    @Test
    void shouldNameTheFileThatCannotBePooled(@TempDir Path dir) throws Exception {
        Path odd = dir.resolve("odd.ndjson");
        Files.writeString(odd, "{\"type\":\"Metric\",\"data\":{\"name\":\"http_reqs\",\"type\":\"trend\","
                + "\"contains\":\"default\"},\"metric\":\"http_reqs\"}\n"
                + "{\"metric\":\"http_reqs\",\"type\":\"Point\",\"data\":{\"time\":\"2026-11-23T10:19:34Z\",\"value\":1,"
                + "\"tags\":{}}}\n");
        Path k6 = Fixtures.k6("a_pass", "run.ndjson.gz");
        assertThatThrownBy(() -> read(k6, odd)).isInstanceOf(BadInputException.class)
                .hasMessage(odd + ": cannot be pooled with the files before it: metric http_reqs is a trend here but a"
                        + " counter in what was read before");
    }

    @Test
    void shouldGiveEmptyResultsForNoFiles() {
        RunResults results = read();
        assertThat(results.summarySeries()).isEmpty();
        assertThat(results.missingReason(DURATION)).isEqualTo("the results hold no metrics at all");
    }
}
