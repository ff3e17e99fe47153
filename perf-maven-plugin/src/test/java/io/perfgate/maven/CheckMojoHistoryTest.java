package io.perfgate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.Diagnostics;
import io.perfgate.history.FileHistoryStore;
import io.perfgate.history.RecordedRun;
import io.perfgate.model.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perf:check} with a history in a folder: builds of main are recorded, and a later build is judged
 * by the budget's regression rule against them. The results are real k6 recordings: a_pass (p(95) of
 * http_req_duration 67.35 ms) and b_fail (69.27 ms, 2.9 % more).
 */
@MojoTest
class CheckMojoHistoryTest {

    private static final String BUDGET = """
            thresholds:
              http_req_duration: ["p(95) < baseline + 1%"]
            """;

    @TempDir
    Path work;

    private final RecordingLog log = new RecordingLog();

    private CheckMojo build(CheckMojo mojo, String recording, String runId) throws Exception {
        Path results = work.resolve("builds").resolve(runId);
        Files.createDirectories(results);
        Files.copy(StandIn.home().resolve("fixtures/k6/" + recording + "/run.ndjson.gz"),
                results.resolve("run.ndjson.gz"), StandardCopyOption.REPLACE_EXISTING);
        setVariableValueToObject(mojo, "budgetFile", Files.writeString(work.resolve("perf-budget.yaml"), BUDGET).toFile());
        setVariableValueToObject(mojo, "resultsDirectory", results.toFile());
        setVariableValueToObject(mojo, "reportDirectory", results.resolve("reports").toFile());
        setVariableValueToObject(mojo, "history", work.resolve("history").toString());
        setVariableValueToObject(mojo, "project", "io.perfgate.demo:shop");
        setVariableValueToObject(mojo, "branch", "main");
        setVariableValueToObject(mojo, "runId", runId);
        setVariableValueToObject(mojo, "basedir", work.toFile());
        mojo.systemEnvironment = Map.of();
        mojo.setLog(log);
        return mojo;
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldFailABuildThatRegressedAgainstTheRecordedBuildsOfItsBranch(CheckMojo mojo) throws Exception {
        for (int i = 1; i <= 6; i++) {
            build(mojo, "a_pass", "build-" + i).execute();
        }

        assertThatThrownBy(() -> build(mojo, "b_fail", "build-7").execute())
                .isInstanceOf(MojoFailureException.class)
                .satisfies(e -> assertThat(e.getMessage().lines()).contains("http_req_duration p(95) is 69.27 ms, 2.9% "
                        + "above the baseline of 67.35 ms (6 runs of main); the rule allows + 1%"));
        List<RecordedRun> recorded = new FileHistoryStore(work.resolve("history"), new Diagnostics())
                .runs("io.perfgate.demo:shop", "main", 10);
        assertThat(recorded).extracting(run -> run.run().runId() + " " + run.run().verdict())
                .as("undecided until 5 baseline runs; then 5 identical runs (noise floored at 0.5 %) put the 90 % "
                        + "bound of no change at +0.84 %, within the 1 % the rule allows")
                .containsExactly("build-7 FAIL", "build-6 PASS", "build-5 WARN", "build-4 WARN", "build-3 WARN",
                        "build-2 WARN", "build-1 WARN");
        assertThat(recorded.get(0).run().series(io.perfgate.stats.SeriesKey.of("http_req_duration")))
                .hasValueSatisfying(snapshot -> assertThat(snapshot.histogram()).isPresent());
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldWarnWhileTheBranchHasTooFewRunsAndRecordEachBuildOnce(CheckMojo mojo) throws Exception {
        build(mojo, "a_pass", "build-1").execute();
        build(mojo, "b_fail", "build-1").execute(); // a retried build: the first record stands

        assertThat(log.at("WARNING")).anySatisfy(line -> assertThat(line).contains(
                "http_req_duration p(95) could not be decided: no baseline runs, 5 needed"));
        assertThat(log.at("INFO")).anySatisfy(line -> assertThat(line).contains(
                "run build-1 of main was recorded before (a retried build); the first record stands"));
        assertThat(new FileHistoryStore(work.resolve("history"), new Diagnostics())
                .runs("io.perfgate.demo:shop", "main", 10))
                .singleElement().satisfies(run -> assertThat(run.run().verdict()).isEqualTo(Verdict.WARN));
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldKeepNoHistoryWhenToldSo(CheckMojo mojo) throws Exception {
        build(mojo, "a_pass", "build-1");
        setVariableValueToObject(mojo, "history", "none");

        mojo.execute();

        assertThat(work.resolve("history")).doesNotExist();
        assertThat(log.at("WARNING")).anySatisfy(line -> assertThat(line).contains("no history is kept"));
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldJudgeAndSpoolTheRunWhilePostgresqlIsDown(CheckMojo mojo) throws Exception {
        build(mojo, "a_pass", "build-1");
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        setVariableValueToObject(mojo, "history", "jdbc:postgresql://127.0.0.1:" + closedPort + "/perf");
        setVariableValueToObject(mojo, "historyUser", "perf");
        setVariableValueToObject(mojo, "historyPassword", "s3cret-pass");
        setVariableValueToObject(mojo, "historySpool", work.resolve("spool").toFile());

        mojo.execute();

        assertThat(log.at("WARNING")).anySatisfy(line -> assertThat(line).contains("the history could not be read")
                .contains("127.0.0.1:" + closedPort + "/perf"));
        assertThat(log.at("WARNING")).anySatisfy(line -> assertThat(line)
                .contains("the run build-1 of io.perfgate.demo:shop is spooled in " + work.resolve("spool"))
                .contains("will be written on a later build"));
        assertThat(work.resolve("spool")).isDirectoryRecursivelyContaining("glob:**/*.json");
        assertThat(log.lines()).noneSatisfy(line -> assertThat(line).contains("s3cret-pass"));
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldRefuseAHistoryInAnotherDatabase(CheckMojo mojo) throws Exception {
        build(mojo, "a_pass", "build-1");
        setVariableValueToObject(mojo, "history", "jdbc:mysql://db/perf");

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessageContaining("perf.history: the history can be kept in PostgreSQL");
    }

    @Test
    void shouldCompareWithAPinnedRun(@InjectMojo(goal = "check") CheckMojo check,
            @InjectMojo(goal = "pin") PinMojo pin) throws Exception {
        for (int i = 1; i <= 6; i++) {
            build(check, i == 1 ? "b_fail" : "a_pass", "build-" + i).execute();
        }
        setVariableValueToObject(pin, "history", work.resolve("history").toString());
        setVariableValueToObject(pin, "project", "io.perfgate.demo:shop");
        setVariableValueToObject(pin, "branch", "main");
        setVariableValueToObject(pin, "runId", "build-1");
        setVariableValueToObject(pin, "basedir", work.toFile());
        pin.systemEnvironment = Map.of();
        pin.setLog(log);
        pin.execute();

        build(check, "b_fail", "build-7").execute();

        assertThat(log.at("INFO")).anySatisfy(line -> assertThat(line).isEqualTo(
                "Pinned run build-1 as the baseline of main of io.perfgate.demo:shop in run history in "
                        + work.resolve("history")));
        assertThat(log.at("WARNING")).anySatisfy(line -> assertThat(line).contains(
                "it is 69.27 ms, 0% above the baseline of 69.27 ms (1 run of main, pinned: build-1)"));
    }
}
