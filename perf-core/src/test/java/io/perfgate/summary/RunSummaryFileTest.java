package io.perfgate.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.ResultFormat;
import io.perfgate.stats.CollectorSnapshot;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.RunDuration;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Tags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryFileTest {

    private static final SeriesKey ODD = new SeriesKey("http_req_duration", Map.of("name", "caf\u00e9 \ud800"));

    @TempDir
    Path dir;

    /** A summary of every kind of state, with text UTF-8 cannot hold (an unpaired surrogate) in a tag value. */
    private static RunSummary summary() {
        ResultsCollector collector = new ResultsCollector(Set.of(ODD, SeriesKey.of("vus")), new Diagnostics());
        collector.declareMetric("http_req_duration", MetricType.TREND, MetricContents.TIME);
        collector.declareMetric("http_reqs", MetricType.COUNTER, MetricContents.DEFAULT);
        collector.declareMetric("http_req_failed", MetricType.RATE, MetricContents.DEFAULT);
        collector.declareMetric("vus", MetricType.GAUGE, MetricContents.DEFAULT);
        for (int i = 0; i < 5000; i++) {
            Tags tags = Tags.of(Map.of("name", i % 2 == 0 ? "caf\u00e9 \ud800" : "plain", "status", "200"));
            collector.sample("http_req_duration", tags, i % 10 == 0 ? 0 : 1 + i % 97 * 0.37, i);
            collector.sample("http_reqs", tags, 1, i);
            collector.sample("http_req_failed", tags, i % 31 == 0 ? 1 : 0, i);
            collector.sample("vus", Tags.empty(), i % 7, i);
        }
        collector.declareMetric("empty", MetricType.GAUGE, MetricContents.DEFAULT);
        collector.addRunDuration(RunDuration.sampleSpan(12.5));
        return new RunSummary(PerfgateVersion.current(), "run.ndjson", 123_456, Instant.parse(
                "2026-11-23T10:00:01.123456789Z"), ResultFormat.K6_NDJSON, Set.of(ODD, SeriesKey.of("vus")),
                List.of(new Diagnostic(Diagnostic.Level.WARNING, " line 9: the last line is cut off")),
                CollectorSnapshot.of(collector));
    }

    private Path written() {
        Path file = dir.resolve("run-summary.json");
        RunSummaryFile.write(summary(), file);
        return file;
    }

    @Test
    void shouldReadBackWhatItWrote() {
        RunSummary read = RunSummaryFile.read(written());

        assertThat(read).isEqualTo(summary());
        assertThat(read.tracked()).containsExactly(ODD);
    }

    @Test
    void shouldWriteOneJsonObjectInThreeLinesAndOnlyAscii() throws IOException {
        byte[] bytes = Files.readAllBytes(written());
        List<String> lines = new String(bytes, StandardCharsets.US_ASCII).lines().toList();

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("\\{\"format\":1,\"perfgate\":\"[^\"]+\",\"sha256\":\"[0-9a-f]{64}\","
                + "\"summary\":");
        assertThat(lines.get(1)).startsWith("{\"results\":{\"file\":\"run.ndjson\",\"format\":\"k6-ndjson\","
                + "\"bytes\":123456,\"modified\":\"2026-11-23T10:00:01.123456789Z\"}").contains("caf\\u00E9 \\uD800");
        assertThat(lines.get(2)).isEqualTo("}");
        for (byte b : bytes) {
            assertThat(b).isNotNegative();
        }
    }

    @Test
    void shouldNameTheSummaryAfterTheResultsFile() {
        assertThat(RunSummaryFile.beside(Path.of("/perf/checkout/run.ndjson")))
                .isEqualTo(Path.of("/perf/checkout/run-summary.json"));
        assertThat(RunSummaryFile.beside(Path.of("results.NDJSON"))).isEqualTo(Path.of("results-summary.json"));
        assertThat(RunSummaryFile.beside(Path.of("run.ndjson.gz"))).isEqualTo(Path.of("run.ndjson.gz-summary.json"));
    }

    @Test
    void shouldReplaceASummaryWholeAndLeaveNoTemporaryFile() throws IOException {
        Path file = written();
        RunSummaryFile.write(summary(), file);

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void shouldRefuseASummaryEditedByHand() throws IOException {
        Path file = written();
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Files.writeString(file, text.replace("\"bytes\":123456", "\"bytes\":123457"), StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> RunSummaryFile.read(file)).isInstanceOf(UnusableSummaryException.class)
                .hasMessage("is cut short or was changed: its content is not the content its checksum was made of");
    }

    @Test
    void shouldRefuseASummaryCutShort() throws IOException {
        Path file = written();
        byte[] bytes = Files.readAllBytes(file);
        for (int length : new int[] {0, 20, bytes.length / 2, bytes.length - 1}) {
            Files.write(file, Arrays.copyOf(bytes, length));
            assertThatThrownBy(() -> RunSummaryFile.read(file)).as("cut to %d bytes", length)
                    .isInstanceOf(UnusableSummaryException.class)
                    .hasMessageMatching("is empty|is cut short.*");
        }
    }

    @Test
    void shouldRefuseAnotherProgramsFile() throws IOException {
        Path file = Files.writeString(dir.resolve("run-summary.json"), "{\"metrics\": {\"http_reqs\": {}}}\n");

        assertThatThrownBy(() -> RunSummaryFile.read(file)).isInstanceOf(UnusableSummaryException.class)
                .hasMessage("is not a run summary: its first line is not a run summary's header");
    }

    @Test
    void shouldRefuseASummaryOfAnotherPerfgateOrFormatWithoutReadingFurther() throws IOException {
        Path file = written();
        String text = Files.readString(file, StandardCharsets.US_ASCII);

        Files.writeString(file, text.replaceFirst("\"perfgate\":\"[^\"]+\"", "\"perfgate\":\"0.0.1\""));
        assertThatThrownBy(() -> RunSummaryFile.read(file)).isInstanceOf(UnusableSummaryException.class)
                .hasMessage("was written by perfgate 0.0.1; this is perfgate " + PerfgateVersion.current());

        Files.writeString(file, text.replaceFirst("\"format\":1", "\"format\":2"));
        assertThatThrownBy(() -> RunSummaryFile.read(file)).isInstanceOf(UnusableSummaryException.class)
                .hasMessage("is in run summary format 2; this perfgate (" + PerfgateVersion.current()
                        + ") reads format 1");
    }

    @Test
    void shouldNameTheFieldOfASummaryWhoseChecksumFitsButWhoseContentIsNotASummary() throws Exception {
        Path file = dir.resolve("run-summary.json");
        String body = "{\"results\":{\"file\":\"run.ndjson\",\"format\":\"k6-ndjson\",\"bytes\":-1}}";
        String checksum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(body.getBytes(StandardCharsets.US_ASCII)));
        Files.writeString(file, "{\"format\":1,\"perfgate\":\"" + PerfgateVersion.current() + "\",\"sha256\":\""
                + checksum + "\",\"summary\":\n" + body + "\n}\n");

        assertThatThrownBy(() -> RunSummaryFile.read(file)).isInstanceOf(UnusableSummaryException.class)
                .hasMessage("is not a run summary: field 'results.bytes' is negative");
    }
}
