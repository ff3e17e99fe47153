package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostics;
import io.perfgate.history.FileHistoryStore;
import io.perfgate.history.HistoryStore;
import io.perfgate.history.RecordedRun;
import io.perfgate.history.RunRecord;
import io.perfgate.model.Explanation;
import io.perfgate.model.FailedRequests;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.PhaseSplit;
import io.perfgate.model.Verdict;
import io.perfgate.run.RunRole;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
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

/**
 * What the gate says changed behind a broken line, over recorded k6 runs: {@code a_pass} and {@code b_fail}
 * (b_fail's {@code flaky} endpoint answers 65 of its requests with HTTP 500; its {@code slow} endpoint
 * averages 51.98 ms, a_pass's 49.83 ms).
 */
class LineExplanationsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final String BUDGET = """
            thresholds:
              http_req_duration{name:slow}: ["avg<51"]
              http_req_duration{name:fast}: ["avg<100"]
              http_req_failed: ["rate<0.01"]
            """;

    @TempDir
    Path project;

    private Path perf() {
        return project.resolve("target/perf");
    }

    private GateReport check(String budget, Optional<HistoryStore> store, String runId) throws IOException {
        return check(budget, store, runId, true);
    }

    private GateReport check(String budget, Optional<HistoryStore> store, String runId, boolean failOnK6Thresholds)
            throws IOException {
        Path budgetFile = Files.writeString(project.resolve("perf-budget.yaml"), budget);
        CheckRequest request = new CheckRequest(budgetFile, perf(), List.of(), perf(), failOnK6Thresholds);
        if (store.isPresent()) {
            request = request.withHistory(new HistoryOptions(store.get(), "shop", new RunIdentity("main", "main",
                    Optional.empty(), runId, Optional.empty()), HistoryOptions.DEFAULT_BASELINE_RUNS, true, Map.of()));
        }
        return PerfGate.evaluate(request, new Diagnostics(), CLOCK);
    }

    private void results(String recording) throws IOException {
        if (Files.exists(perf())) {
            try (var files = Files.walk(perf())) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
        new RunFolders(perf()).single("shop", recording, RunFolders.exitCode(recording));
    }

    private static LineResult line(GateReport report, String label) {
        return report.lines().stream().filter(line -> line.line().label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void shouldSplitABrokenLatencyIntoItsTimingPhasesWithoutABaseline() throws IOException {
        results("b_fail");

        GateReport report = check(BUDGET, Optional.empty(), "build-1");

        LineResult slow = line(report, "http_req_duration{name:slow}: avg<51");
        assertThat(slow.verdict()).isEqualTo(Verdict.FAIL);
        PhaseSplit split = (PhaseSplit) slow.explanations().get(0);
        assertThat(split.baseline()).isEmpty();
        assertThat(split.statistic()).isEqualTo(Statistic.AVG);
        assertThat(split.phases()).extracting(PhaseSplit.Phase::metric).containsExactlyElementsOf(
                PhaseSplit.PHASE_METRICS);
        // the mean of the waiting times of the slow endpoint's 303 requests, recomputed from the NDJSON
        assertThat(split.phases().get(4).observed()).isCloseTo(51.911, org.assertj.core.data.Offset.offset(0.001));
        assertThat(split.sentence()).startsWith("avg of the timing phases, no baseline to compare with: waiting 51.91 ms");
        assertThat(slow.explanations()).as("the slow endpoint never failed").hasSize(1);
        assertThat(line(report, "http_req_duration{name:fast}: avg<100").explanations()).as("a passed line").isEmpty();
    }

    @Test
    void shouldCountTheFailedRequestsOfABrokenErrorRateByStatus() throws IOException {
        results("b_fail");

        GateReport report = check(BUDGET, Optional.empty(), "build-1");

        List<Explanation> explanations = line(report, "http_req_failed: rate<0.01").explanations();
        assertThat(explanations).singleElement().isInstanceOf(FailedRequests.class);
        FailedRequests failures = (FailedRequests) explanations.get(0);
        assertThat(failures.failed()).isEqualTo(65);
        assertThat(failures.requests()).isEqualTo(1212);
        assertThat(failures.statuses()).containsExactly(new FailedRequests.StatusCount("500", 65));
        assertThat(failures.sentence()).isEqualTo("failed requests 5.363%: 65 of 1212, by status 500 ×65");
    }

    @Test
    void shouldStartFromTheSameBaselineValueAsTheRegressionRule() throws IOException {
        HistoryStore store = new FileHistoryStore(project.resolve("history"), new Diagnostics());
        String budget = """
                thresholds:
                  http_req_duration{name:slow}: ["avg < baseline"]
                """;
        List<String> baselineRuns = List.of("a_pass", "b_fail", "a_pass", "b_fail", "a_pass");
        for (int build = 1; build <= baselineRuns.size(); build++) {
            results(baselineRuns.get(build - 1));
            // b_fail's k6 crossed its own thresholds; here only the budget's line decides
            assertThat(check(budget, Optional.of(store), "build-" + build, false).verdict())
                    .isNotEqualTo(Verdict.FAIL);
        }
        results("b_fail");

        LineResult slow = check(budget, Optional.of(store), "build-6", false).lines().get(0);

        assertThat(slow.verdict()).isNotEqualTo(Verdict.PASS);
        double centre = slow.regression().orElseThrow().baseline();
        PhaseSplit split = (PhaseSplit) slow.explanations().get(0);
        // runs that differ: the geometric mean the rule compares with, not their median
        assertThat(split.total().baseline()).hasValueCloseTo(centre, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(centre).isNotCloseTo(49.831, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void shouldCompareWithTheBaselineRunsOfTheBranchAlsoWithoutARegressionRule() throws IOException {
        HistoryStore store = new FileHistoryStore(project.resolve("history"), new Diagnostics());
        results("a_pass");
        for (int build = 1; build <= 5; build++) {
            assertThat(check(BUDGET.replace("rate<0.01", "rate<0.05"), Optional.of(store), "build-" + build)
                    .verdict()).isEqualTo(Verdict.PASS);
        }
        RunRecord recorded = store.runs("shop", "main", 1).stream().map(RecordedRun::run).findFirst().orElseThrow();
        assertThat(recorded.series(SeriesKey.of("http_req_waiting", "name", "slow"))).as("kept for later builds")
                .hasValueSatisfying(summary -> assertThat(summary.histogram()).isEmpty());
        double baselineWaiting = recorded.series(SeriesKey.of("http_req_waiting", "name", "slow")).orElseThrow()
                .avg().getAsDouble();
        results("b_fail");

        GateReport report = check(BUDGET, Optional.of(store), "build-6");

        LineResult slow = line(report, "http_req_duration{name:slow}: avg<51");
        PhaseSplit split = (PhaseSplit) slow.explanations().get(0);
        assertThat(split.baseline()).contains("5 runs of main");
        assertThat(split.total().baseline()).hasValueCloseTo(49.831, org.assertj.core.data.Offset.offset(0.001));
        // the geometric mean of five equal runs, as the regression rules centre a baseline
        assertThat(split.phases().get(4).baseline()).hasValueCloseTo(baselineWaiting,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(split.sentence()).isEqualTo("avg +4.3% against the baseline of 5 runs of main (49.83 → 51.98 ms): "
                + "waiting +4.3% (49.75 → 51.91 ms); blocked, connecting, tls_handshaking, sending, receiving unchanged");
        FailedRequests failures = (FailedRequests) line(report, "http_req_failed: rate<0.01").explanations().get(0);
        assertThat(failures.baseline()).contains("5 runs of main");
        assertThat(failures.baselineRate()).hasValueCloseTo(4.0 / 1220, org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void shouldCompareWithTheInterleavedBaselineRunsOfAnABBuild() throws IOException {
        RunFolders folders = new RunFolders(perf());
        for (int round = 1; round <= 3; round++) {
            folders.interleaved("shop", RunRole.BASELINE, round, "a_pass");
            folders.interleaved("shop", RunRole.CANDIDATE, round, "b_fail");
        }

        GateReport report = check(BUDGET, Optional.empty(), "build-1");

        PhaseSplit split = (PhaseSplit) line(report, "http_req_duration{name:slow}: avg<51").explanations().get(0);
        assertThat(split.baseline()).contains("3 interleaved runs of the baseline URL");
        assertThat(split.total().baseline()).hasValueCloseTo(49.831, org.assertj.core.data.Offset.offset(0.001));
    }
}
