package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.diag.Diagnostics;
import io.perfgate.history.FileHistoryStore;
import io.perfgate.history.HistoryStore;
import io.perfgate.history.RecordedRun;
import io.perfgate.history.RunRecord;
import io.perfgate.ingest.ResultSource;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.run.RunRole;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate over repeated and interleaved A/B runs: fixed limits judge the candidate runs, pooled. */
class PerfGateRunsTest {

    private static final SeriesKey DURATION = SeriesKey.of("http_req_duration");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path project;

    private Path perf() {
        return project.resolve("target/perf");
    }

    private GateOutcome check(String budget) throws IOException {
        Path budgetFile = Files.writeString(project.resolve("perf-budget.yaml"), budget);
        return PerfGate.check(new CheckRequest(budgetFile, perf(), List.of(), perf(), true), new Diagnostics(), CLOCK);
    }

    @Test
    void shouldJudgeOnlyTheCandidateRunsOfAnABBuild() throws IOException {
        RunFolders folders = new RunFolders(perf());
        for (int round = 1; round <= 3; round++) {
            // the baseline crossed k6's thresholds and breaks the budget; neither may count against the candidate
            folders.interleaved("shop", RunRole.BASELINE, round, "b_fail");
            folders.interleaved("shop", RunRole.CANDIDATE, round, "a_pass");
        }

        GateOutcome outcome = check("""
                thresholds:
                  http_req_failed: ["rate<0.01"]
                  http_req_duration: ["p(95)<500"]
                """);

        assertThat(outcome.report().verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.report().lines()).extracting(LineResult::sentence).containsExactly(
                "http_req_failed rate is 0.003279, within the budget of < 0.01",
                "http_req_duration p(95) is 67.35 ms, within the budget of < 500 ms");
        assertThat(outcome.report().sources()).extracting(ResultSource::path).hasSize(3)
                .allSatisfy(path -> assertThat(path).contains("candidate-"));
    }

    @Test
    void shouldListAK6ThresholdCrossedInEveryRepeatedRunOnce() throws IOException {
        RunFolders folders = new RunFolders(perf());
        for (int round = 1; round <= 3; round++) {
            folders.repeated("b_fail", round, "b_fail");
        }

        GateOutcome outcome = check("""
                thresholds:
                  http_req_duration: ["p(95)<20"]
                """);

        assertThat(outcome.report().verdict()).isEqualTo(Verdict.FAIL);
        List<LineResult> lines = outcome.report().lines();
        // over three copies of the run the rank p·(n−1) falls elsewhere than in one: 69.28, not k6's 69.27
        assertThat(lines.get(0).sentence()).isEqualTo("http_req_duration p(95) is 69.28 ms, but the budget is < 20 ms");
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.line().label()).containsExactlyInAnyOrder(
                "body_size_bytes: avg<10", "checks: rate>0.99", "errors_total: count<5",
                "http_req_duration{name:slow}: p(99)<50", "http_req_failed: rate<0.01", "ok_rate: rate>0.99");
        assertThat(lines).extracting(LineResult::sentence)
                .contains("http_req_failed rate is 0.05363, but k6's threshold in b_fail.js is < 0.01");
        assertThat(outcome.report().sources()).hasSize(3);
    }

    private List<RunRecord> checkRecording(String budget, HistoryStore store, String runId) throws IOException {
        Path budgetFile = Files.writeString(project.resolve("perf-budget.yaml"), budget);
        HistoryOptions history = new HistoryOptions(store, "shop", new RunIdentity("main", "main", Optional.empty(),
                runId, Optional.empty()), HistoryOptions.DEFAULT_BASELINE_RUNS, true, Map.of());
        PerfGate.check(new CheckRequest(budgetFile, perf(), List.of(), perf(), true).withHistory(history),
                new Diagnostics(), CLOCK);
        return store.runs("shop", "main", 10).stream().map(RecordedRun::run).toList();
    }

    @Test
    void shouldRecordEachRoundOfARepeatedBuildBesideTheRunsPooled() throws IOException {
        RunFolders folders = new RunFolders(perf());
        folders.repeated("shop", 1, "a_pass");
        folders.repeated("shop", 2, "b_fail");
        folders.repeated("shop", 3, "a_pass");
        HistoryStore store = new FileHistoryStore(project.resolve("history"), new Diagnostics());

        RunRecord run = checkRecording("""
                thresholds:
                  http_req_duration: ["p(95)<500"]
                """, store, "build-1").get(0);

        assertThat(run.rounds()).hasSize(3);
        assertThat(run.rounds(DURATION)).extracting(round -> Math.round(round.orElseThrow().p95().getAsDouble() * 100)
                / 100.0).containsExactly(67.35, 69.27, 67.35);
        assertThat(run.rounds(DURATION)).allSatisfy(round -> assertThat(round.orElseThrow().histogram()).isEmpty());
        assertThat(run.series(DURATION).orElseThrow().histogram()).isPresent();
        assertThat(run.series(DURATION).orElseThrow().count())
                .isEqualTo(run.rounds(DURATION).stream().mapToLong(round -> round.orElseThrow().count()).sum());
    }

    @Test
    void shouldRecordASingleRunBuildWithoutRounds() throws IOException {
        new RunFolders(perf()).repeated("shop", 1, "a_pass");
        HistoryStore store = new FileHistoryStore(project.resolve("history"), new Diagnostics());

        RunRecord run = checkRecording("""
                thresholds:
                  http_req_duration: ["p(95)<500"]
                """, store, "build-1").get(0);

        assertThat(run.rounds()).isEmpty();
        assertThat(run.series(DURATION).orElseThrow().p95().getAsDouble()).isCloseTo(67.35, within(0.005));
    }
}
