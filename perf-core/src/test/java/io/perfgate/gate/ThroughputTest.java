package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.diag.Diagnostics;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.run.K6RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-second rates divide by the test's duration where the results state it, as k6's own do, and a run
 * too short for a rate leaves the line undecided, never passed.
 */
class ThroughputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path project;

    private Path perf() {
        return project.resolve("target/perf");
    }

    private GateOutcome check(String budget, List<Path> resultFiles) throws IOException {
        Path file = Files.writeString(project.resolve("perf-budget.yaml"), budget);
        return PerfGate.check(new CheckRequest(file, perf(), resultFiles, perf(), true), new Diagnostics());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_pass", "b_fail", "d_abort"})
    void shouldGiveK6sOwnRatesForARecordedRun(String recording) throws IOException {
        new RunFolders(perf()).single(recording, recording, 0);
        JsonNode k6 = JSON.readTree(RunFolders.fixture(recording, "summary.json").toFile()).get("metrics");

        GateOutcome outcome = check("""
                thresholds:
                  http_reqs: ["rate>1"]
                  iterations: ["rate>1"]
                """, List.of());

        List<LineResult> lines = outcome.report().lines();
        assertThat(lines.get(0).observed().getAsDouble())
                .isCloseTo(k6.get("http_reqs").get("rate").asDouble(), within(1e-9));
        assertThat(lines.get(1).observed().getAsDouble())
                .isCloseTo(k6.get("iterations").get("rate").asDouble(), within(1e-9));
    }

    @Test
    void shouldShowTheRateK6ShowsForTheRecordedPassingRun() throws IOException {
        new RunFolders(perf()).single("a_pass", "a_pass", 0);

        GateOutcome outcome = check("""
                thresholds:
                  http_reqs: ["rate>100"]
                """, List.of());

        // k6's summary: http_reqs 1220 in 10.122 s, 120.527547/s; the points alone span 10.083 s (121.0/s).
        assertThat(outcome.report().lines()).extracting(LineResult::sentence)
                .containsExactly("http_reqs rate is 120.5/s, within the budget of > 100/s");
    }

    /** One iteration of four requests, as k6 writes it: the points a millisecond apart, the test 19.7 ms long. */
    private void recordOneIteration(boolean withSummary) throws IOException {
        Path folder = Files.createDirectories(perf().resolve("one"));
        StringBuilder ndjson = new StringBuilder("""
                {"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default","thresholds":\
                ["rate>100"],"submetrics":null},"metric":"http_reqs"}
                """);
        for (int i = 0; i < 4; i++) {
            ndjson.append("{\"metric\":\"http_reqs\",\"type\":\"Point\",\"data\":{\"time\":\"2026-11-23T10:19:34.01")
                    .append(i).append("Z\",\"value\":1,\"tags\":{\"name\":\"fast\"}}}\n");
        }
        Files.writeString(folder.resolve("run.ndjson"), ndjson);
        if (withSummary) {
            Files.writeString(folder.resolve("summary.json"), """
                    {"root_group": {}, "metrics": {"http_reqs": {"count": 4, "rate": 203.04568527918782,
                      "thresholds": {"rate>100": false}}}}
                    """);
        }
        new K6RunRecord(K6RunRecord.SCHEMA_VERSION, "/project/src/test/k6/one.js", List.of("k6", "run"), List.of(), 0,
                false, Instant.parse("2026-11-23T10:19:33Z"), 412, "run.ndjson", "summary.json")
                .write(folder.resolve(K6RunRecord.FILE_NAME));
    }

    @Test
    void shouldNotDecideARateOverATestOfOneIteration() throws IOException {
        recordOneIteration(true);

        GateOutcome outcome = check("""
                thresholds:
                  http_reqs: ["rate>100"]
                """, List.of());

        LineResult line = outcome.report().lines().get(0);
        assertThat(line.verdict()).isEqualTo(Verdict.ERROR);
        // k6 itself reported 203/s; the points alone, 3 ms apart, made it 1333/s.
        assertThat(line.sentence()).isEqualTo("http_reqs rate could not be evaluated: the test ran only 0.0197 s, so a"
                + " per-second rate of http_reqs would mean nothing; a rate needs at least 1 s of run ("
                + project.resolve("perf-budget.yaml") + " line 2, column 15)");
        assertThat(outcome.report().verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void shouldNotDecideARateOverSamplesAMillisecondApart() throws IOException {
        recordOneIteration(false);

        GateOutcome outcome = check("""
                thresholds:
                  http_reqs: ["rate>100", "count<10"]
                """, List.of());

        // Before: 4 requests over the 3 ms between the first and last point passed as 1333/s.
        assertThat(outcome.report().lines()).extracting(LineResult::verdict).containsExactly(Verdict.ERROR, Verdict.PASS);
        assertThat(outcome.report().lines().get(0).sentence()).contains("could not be evaluated: the samples span only"
                + " 0.003 s, first to last, so a per-second rate of http_reqs would mean nothing");
    }

    @Test
    void shouldApplyTheSameRuleToAJmeterJtlWhichStatesNoTestDuration() throws IOException {
        Path jtl = Files.writeString(project.resolve("results.jtl"), "timeStamp,elapsed,label,success\n"
                + "1700000000000,5,a,true\n1700000000010,7,a,true\n");

        GateOutcome outcome = check("""
                thresholds:
                  http_reqs: ["rate>1"]
                """, List.of(jtl));

        assertThat(outcome.report().lines().get(0).verdict()).isEqualTo(Verdict.ERROR);
        assertThat(outcome.report().lines().get(0).sentence()).contains("the samples span only 0.017 s, first to last");
        assertThat(outcome.report().series()).allSatisfy(row -> assertThat(row.rate()).isEmpty());
    }

    @Test
    void shouldTakeTheSpanOfTheSamplesWhenTheSummaryExportCannotBeRead() throws IOException {
        new RunFolders(perf()).single("a_pass", "a_pass", 0);
        Files.writeString(perf().resolve("a_pass/summary.json"), "{\"metrics\": {");
        Diagnostics diagnostics = new Diagnostics();
        Path budget = Files.writeString(project.resolve("perf-budget.yaml"), """
                thresholds:
                  http_reqs: ["rate>100"]
                """);

        GateOutcome outcome = PerfGate.check(new CheckRequest(budget, perf(), List.of(), perf(), true), diagnostics);

        assertThat(outcome.report().lines().get(0).sentence()).isEqualTo(
                "http_reqs rate is 121/s, within the budget of > 100/s");
        assertThat(diagnostics.all()).anySatisfy(message -> assertThat(message.text())
                .contains("target/perf/a_pass/summary.json")
                .endsWith("; so the test duration of the k6 run of a_pass.js is taken from the span of its samples,"
                        + " for per-second rates"));
    }
}
