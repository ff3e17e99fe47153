package io.perfgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class K6NdjsonGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SIZE = 1_500_000;
    private static final Set<String> K6_REQUEST_TAGS = Set.of("expected_response", "group", "method", "name", "proto",
            "scenario", "status", "url");

    private static byte[] output;
    private static K6NdjsonGenerator.Written written;
    private static List<JsonNode> lines;

    @BeforeAll
    static void generate() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        written = K6NdjsonGenerator.write(out, SIZE, 1);
        output = out.toByteArray();
        lines = new ArrayList<>();
        for (String line : new String(output, StandardCharsets.UTF_8).split("\n")) {
            lines.add(JSON.readTree(line));
        }
    }

    @Test
    void shouldWriteWholeLinesUntilTheSizeAskedForIsReached() {
        assertThat((long) output.length).isEqualTo(written.bytes()).isBetween(SIZE, SIZE + 64 * 1024);
        assertThat(output[output.length - 1]).isEqualTo((byte) '\n');
        assertThat(lines).hasSize((int) written.lines());
    }

    @Test
    void shouldDeclareEachMetricOnceJustBeforeItsFirstPoint() {
        Set<String> declared = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = lines.get(i);
            String metric = line.get("metric").asText();
            if (line.get("type").asText().equals("Metric")) {
                assertThat(declared.add(metric)).as("declared once: " + metric).isTrue();
                assertThat(lines.get(i + 1).get("metric").asText()).isEqualTo(metric);
                assertThat(line.at("/data/type").asText()).isIn("counter", "trend", "rate", "gauge");
            } else {
                assertThat(declared).as("declared before its points: " + metric).contains(metric);
            }
        }
        assertThat(lines.get(lines.size() - 1).get("type").asText()).isEqualTo("Point");
    }

    @Test
    void shouldWriteTheMetricsOfARealK6Run() {
        Set<String> metrics = new TreeSet<>();
        lines.forEach(line -> metrics.add(line.get("metric").asText()));
        assertThat(metrics).containsExactlyInAnyOrder("http_reqs", "http_req_duration", "http_req_blocked",
                "http_req_connecting", "http_req_tls_handshaking", "http_req_sending", "http_req_waiting",
                "http_req_receiving", "http_req_failed", "checks", "group_duration", "data_sent", "data_received",
                "iteration_duration", "iterations", "vus", "vus_max");
    }

    @Test
    void shouldTagRequestsAsK6Does() {
        int failures = 0;
        for (JsonNode line : lines) {
            if (line.get("type").asText().equals("Point") && line.get("metric").asText().equals("http_req_duration")) {
                Set<String> tags = new HashSet<>();
                Iterator<String> names = line.at("/data/tags").fieldNames();
                names.forEachRemaining(tags::add);
                boolean failed = line.at("/data/tags/expected_response").asText().equals("false");
                failures += failed ? 1 : 0;
                Set<String> expected = new HashSet<>(K6_REQUEST_TAGS);
                if (failed) {
                    expected.add("error_code");
                }
                assertThat(tags).isEqualTo(expected);
                assertThat(line.at("/data/time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})?Z");
            }
        }
        assertThat(failures).isPositive();
    }

    @Test
    void shouldBeReadByPerfgateAsTheRequestsItWrote(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("run.ndjson");
        Files.write(file, output);
        Diagnostics diagnostics = new Diagnostics();
        IngestedResults ingested = ResultIngest.read(List.of(file), Set.of(), diagnostics);
        RunResults results = ingested.results();

        assertThat(diagnostics.all()).isEmpty();
        assertThat(ingested.sources().get(0).samples()).isEqualTo(written.lines() - 17);
        assertThat(results.series(SeriesKey.of("http_reqs")).orElseThrow().value(Statistic.COUNT))
                .hasValue(written.requests());
        assertThat(results.series(SeriesKey.of("http_req_duration", "name", "checkout")).orElseThrow()
                .value(Statistic.MED).getAsDouble()).isBetween(40.0, 100.0);
        assertThat(results.durationSeconds() * K6NdjsonGenerator.REQUESTS_PER_SECOND)
                .isCloseTo(written.requests(), org.assertj.core.data.Percentage.withPercentage(10));
    }

    @Test
    void shouldWriteTheSameBytesForTheSameSeedAndOthersForAnother() throws IOException {
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        K6NdjsonGenerator.write(again, SIZE / 10, 1);
        ByteArrayOutputStream other = new ByteArrayOutputStream();
        K6NdjsonGenerator.write(other, SIZE / 10, 2);
        byte[] start = Arrays.copyOf(output, again.size());
        assertThat(again.toByteArray()).isEqualTo(start);
        assertThat(other.toByteArray()).isNotEqualTo(Arrays.copyOf(output, other.size()));
    }
}
