package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.diag.SourceLocation;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.regression.RegressionSettings;
import io.perfgate.run.K6RunRecord;
import io.perfgate.run.RunRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A threshold k6 crossed that no budget line covers is shown as k6's threshold, in its script, at the
 * line where the script writes it: not as if the budget held it, not located in the summary export.
 */
class K6CrossedThresholdsTest {

    @TempDir
    Path project;

    private Path perf() {
        return project.resolve("target/perf");
    }

    /** The recorded run, with its script where the run record says it ran from. */
    private Path recordWithScript(String recording) throws IOException {
        Path script = Files.createDirectories(project.resolve("src/test/k6")).resolve(recording + ".js");
        Files.copy(RunFolders.fixture(recording, "script.js"), script);
        Path folder = new RunFolders(perf()).single(recording, recording, RunFolders.exitCode(recording));
        new K6RunRecord(K6RunRecord.SCHEMA_VERSION, script.toString(), List.of("k6", "run"), List.of(),
                RunFolders.exitCode(recording), false, Instant.parse("2026-11-23T10:00:00Z"), 10_000, "run.ndjson.gz",
                "summary.json", RunRole.CANDIDATE, 1).write(folder.resolve(K6RunRecord.FILE_NAME));
        return script;
    }

    private GateOutcome check(String budget) throws IOException {
        Path file = Files.writeString(project.resolve("perf-budget.yaml"), budget);
        CheckRequest request = new CheckRequest(file, perf(), List.of(), perf(), true, Optional.empty(), project,
                RegressionSettings.defaults(), OptionSpelling.KEYS);
        return PerfGate.check(request, new Diagnostics());
    }

    private static Map<String, LineResult> byLabel(GateOutcome outcome) {
        return outcome.report().lines().stream()
                .collect(Collectors.toMap(line -> line.line().label(), Function.identity()));
    }

    @Test
    void shouldNameK6sThresholdAndTheScriptThatHoldsIt() throws IOException {
        recordWithScript("b_fail");

        Map<String, LineResult> lines = byLabel(check("""
                thresholds:
                  http_req_duration: ["p(95)<20"]
                """));

        assertThat(lines.get("http_req_duration: p(95)<20").sentence())
                .isEqualTo("http_req_duration p(95) is 69.27 ms, but the budget is < 20 ms");
        assertThat(lines.get("http_req_failed: rate<0.01").sentence())
                .isEqualTo("http_req_failed rate is 0.05363, but k6's threshold in b_fail.js is < 0.01");
        assertThat(lines.get("http_req_duration{name:slow}: p(99)<50").sentence())
                .isEqualTo("http_req_duration{name:slow} p(99) is 79.42 ms, but k6's threshold in b_fail.js is < 50 ms");
        assertThat(lines.values()).allSatisfy(line -> assertThat(line.sentence()).doesNotContain("summary.json"));
    }

    @Test
    void shouldLocateEachCrossedThresholdWhereTheScriptWritesIt() throws IOException {
        recordWithScript("b_fail");
        String script = Path.of("src/test/k6/b_fail.js").toString();

        Map<String, LineResult> lines = byLabel(check("""
                thresholds:
                  http_req_duration: ["p(95)<20"]
                """));

        assertThat(lines.get("http_req_failed: rate<0.01").line().location())
                .isEqualTo(new SourceLocation(script, 22, 24));
        assertThat(lines.get("http_req_duration{name:slow}: p(99)<50").line().location())
                .isEqualTo(new SourceLocation(script, 23, 39));
        // ok_rate writes the same expression a line before checks: the series' key tells them apart.
        assertThat(lines.get("checks: rate>0.99").line().location()).isEqualTo(new SourceLocation(script, 29, 15));
        assertThat(lines.get("ok_rate: rate>0.99").line().location()).isEqualTo(new SourceLocation(script, 28, 16));
    }

    @Test
    void shouldFindAnAbortingThresholdWrittenAsAnObject() throws IOException {
        recordWithScript("d_abort");

        Map<String, LineResult> lines = byLabel(check("""
                thresholds:
                  http_req_duration: ["p(95)<500"]
                """));

        LineResult aborting = lines.get("http_req_failed: rate<0.05");
        assertThat(aborting.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(aborting.line().location())
                .isEqualTo(new SourceLocation(Path.of("src/test/k6/d_abort.js").toString(), 14, 37));
        assertThat(aborting.sentence()).isEqualTo("http_req_failed rate is 0.3082, but k6's threshold in d_abort.js is"
                + " < 0.05");
    }

    @Test
    void shouldNameTheScriptAloneWhenItIsNotThere() throws IOException {
        Path script = recordWithScript("b_fail");
        Files.delete(script);

        Map<String, LineResult> lines = byLabel(check("""
                thresholds:
                  http_req_duration: ["p(95)<20"]
                """));

        assertThat(lines.get("http_req_failed: rate<0.01").line().location())
                .isEqualTo(SourceLocation.ofFile(Path.of("src/test/k6/b_fail.js").toString()));
    }
}
