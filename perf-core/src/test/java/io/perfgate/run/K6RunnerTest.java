package io.perfgate.run;

import io.perfgate.diag.MavenLikeSpelling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the k6 runner against a real process: {@link StandInK6}, a script that replays real k6
 * v0.48.0 recordings, because k6 itself cannot be installed on the machines these tests run on.
 */
class K6RunnerTest {

    @TempDir
    Path work;

    private Path script;
    private Path output;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void writeScript() throws IOException {
        script = Files.writeString(work.resolve("checkout.js"), "export default function () {}\n");
        output = work.resolve("perf");
    }

    private K6Options.Builder options(String run) {
        return K6Options.builder(output)
                .executable(StandInK6.executable().toString())
                .workingDirectory(work)
                .environment(Map.of(StandInK6.RUN_VARIABLE, run));
    }

    private K6Runner runner(K6Options options) {
        return new K6Runner(options, MavenLikeSpelling.SPELLING, stdout::add, stderr::add);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_pass", "b_fail", "d_abort"})
    void shouldReplayEachRecordingIntoTheScriptsFolder(String run) throws IOException {
        K6RunResult result = runner(options(run).build()).run(script).get(0);

        int recordedExit = StandInK6.recordedExitCode(run);
        Path folder = output.resolve("checkout");
        assertThat(result.directory()).isEqualTo(folder);
        assertThat(result.record().exitCode()).isEqualTo(recordedExit);
        assertThat(result.outcome()).isEqualTo(recordedExit == 0 ? K6Outcome.PASSED : K6Outcome.THRESHOLDS_CROSSED);
        assertThat(folder.resolve("summary.json")).hasSameTextualContentAs(
                StandInK6.recording(run).resolve("summary.json"));
        assertThat(folder.resolve("run.ndjson")).isRegularFile();
        assertThat(Files.readAllLines(folder.resolve("run.ndjson"))).first().asString()
                .startsWith("{\"type\":\"Metric\"");
        assertThat(K6RunRecord.read(folder.resolve("k6-run.json"))).isEqualTo(result.record());
    }

    @Test
    void shouldPassEveryLineOfK6sOutputOnInOrder() {
        K6RunResult result = runner(options("b_fail").build()).run(script).get(0);

        assertThat(stdout).containsExactlyElementsOf(StandInK6.recordedLines("b_fail", "stdout.txt"));
        assertThat(stderr).containsExactlyElementsOf(StandInK6.recordedLines("b_fail", "stderr.txt"));
        assertThat(result.stderrTail()).singleElement().asString()
                .contains("level=error msg=\"thresholds on metrics 'body_size_bytes, checks");
    }

    @Test
    void shouldDeliverLinesWhileK6IsStillRunning() {
        AtomicLong firstLineAt = new AtomicLong();
        K6Runner runner = new K6Runner(options("hang").timeout(Duration.ofMillis(1500))
                .killGracePeriod(Duration.ofSeconds(2)).build(), line -> firstLineAt.compareAndSet(0, System.nanoTime()),
                line -> { });

        assertThatThrownBy(() -> runner.run(script)).isInstanceOf(K6RunException.class);
        long returnedAt = System.nanoTime();

        assertThat(firstLineAt.get()).isPositive();
        assertThat(Duration.ofNanos(returnedAt - firstLineAt.get())).isGreaterThan(Duration.ofMillis(1000));
    }

    @Test
    void shouldRecordCrossedThresholdsAsAResultNotAnError() {
        K6RunResult result = runner(options("d_abort").build()).run(script).get(0);

        assertThat(result.outcome()).isEqualTo(K6Outcome.THRESHOLDS_CROSSED);
        assertThat(result.outcome().isError()).isFalse();
        assertThat(result.record().timedOut()).isFalse();
    }

    @Test
    void shouldFailWithTheExitCodeAndTheLastTwentyStderrLines() {
        K6Runner runner = runner(options("crash").build());

        assertThatThrownBy(() -> runner.run(script))
                .isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("k6 failed to run checkout.js: exit code 107 (script exception).")
                .hasMessageContaining("Last lines k6 wrote to stderr:")
                .hasMessageContaining("k6 stand-in stderr line 6\n")
                .hasMessageEndingWith("level=error msg=\"Uncaught (in promise) TypeError: stand-in crash\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("k6 stand-in stderr line 5\n"));
        assertThat(stderr).hasSize(25);
        assertThat(output.resolve("checkout/k6-run.json")).isRegularFile();
        assertThat(K6RunRecord.read(output.resolve("checkout/k6-run.json")).outcome()).isEqualTo(K6Outcome.FAILED);
    }

    @Test
    void shouldKillTheWholeProcessTreeOnTimeout() throws IOException {
        K6Runner runner = runner(options("hang").timeout(Duration.ofSeconds(1))
                .killGracePeriod(Duration.ofSeconds(2)).build());
        long started = System.nanoTime();

        assertThatThrownBy(() -> runner.run(script))
                .isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("k6 did not finish checkout.js within 1s and was stopped with every process "
                        + "it started. Raise the timeout (perf.k6.timeout)");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        long child = Long.parseLong(Files.readString(output.resolve("checkout/standin-child.pid")).strip());
        assertThat(StandInK6.isRunning(child)).as("child sleep %d still runs", child).isFalse();
        K6RunRecord record = K6RunRecord.read(output.resolve("checkout/k6-run.json"));
        assertThat(record.timedOut()).isTrue();
        assertThat(record.outcome()).isEqualTo(K6Outcome.TIMED_OUT);
        assertThat(stdout).containsExactly("k6 stand-in: hanging until killed");
    }

    @Test
    void shouldExplainHowToInstallK6WhenThePathDoesNotExist() {
        K6Runner runner = runner(options("a_pass").executable("tools/k6").build());

        assertThatThrownBy(() -> runner.run(script))
                .isInstanceOf(K6RunException.class)
                .hasMessage("k6 was not found at " + work.resolve("tools/k6") + ". Install k6 "
                        + "(https://grafana.com/docs/k6/latest/set-up/install-k6/) or point perf.k6.executable at "
                        + "the k6 binary, or set perf.k6.version to a k6 release such as 0.48.0 to have it downloaded.");
    }

    @Test
    void shouldExplainHowToInstallK6WhenItIsNotOnThePath() {
        K6Runner runner = runner(options("a_pass").executable("k6")
                .environment(Map.of("PATH", work.toString())).build());

        assertThatThrownBy(() -> runner.run(script))
                .isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("k6 executable 'k6' was not found on the PATH. Install k6 "
                        + "(https://grafana.com/docs/k6/latest/set-up/install-k6/)");
    }

    @Test
    void shouldRefuseAnExecutableThatCannotBeRun() throws IOException {
        Path notExecutable = Files.writeString(work.resolve("k6"), "not a program");

        assertThatThrownBy(() -> runner(options("a_pass").executable(notExecutable.toString()).build()).run(script))
                .isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("k6 at " + notExecutable + " is not executable");
    }

    @Test
    void shouldSayWhenK6IsNotAProgramThisSystemRuns() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid")),
                "k6 is started through setsid where it exists");
        Path foreign = Files.writeString(work.resolve("k6"), "\u007fELF for another system");
        assertThat(foreign.toFile().setExecutable(true)).isTrue();

        assertThatThrownBy(() -> runner(options("a_pass").executable(foreign.toString()).build()).run(script))
                .isInstanceOf(K6RunFailedException.class)
                .hasMessageStartingWith("k6 failed to run checkout.js: exit code 127 (k6 was not found, or is not a "
                        + "program this system runs).")
                .hasMessageContaining("Last lines k6 wrote to stderr:");
    }

    @Test
    void shouldMarkK6sEnvironmentWithTheRunSoItsProcessesCanBeFound() throws IOException {
        Path invocation = work.resolve("invocation.txt");
        runner(options("a_pass").environment(Map.of(StandInK6.INVOCATION_VARIABLE, invocation.toString(),
                StandInK6.SHOW_ENV_VARIABLE, ProcessTree.RUN_VARIABLE)).build()).run(script);

        assertThat(Files.readAllLines(invocation)).filteredOn(line -> line.startsWith("env "))
                .singleElement().asString().matches("env PERFGATE_K6_RUN=[0-9a-f-]{36}");
        assertThat(Files.readString(output.resolve("checkout/k6-run.json"))).doesNotContain(ProcessTree.RUN_VARIABLE);
    }

    @Test
    void shouldFindK6OnThePathK6WillGet() {
        Path folder = StandInK6.executable().getParent();
        K6Runner runner = runner(options("a_pass").executable("k6")
                .environment(Map.of("PATH", folder + File.pathSeparator + System.getenv("PATH"))).build());

        K6RunResult result = runner.run(script).get(0);

        assertThat(result.record().command().get(0)).isEqualTo(folder.resolve("k6").toString());
        assertThat(result.outcome()).isEqualTo(K6Outcome.PASSED);
    }

    @Test
    void shouldRecordVariableNamesButNeverTheirValues() throws IOException {
        Path invocation = work.resolve("invocation.txt");
        K6Options options = options("a_pass")
                .environment(Map.of("API_TOKEN", "s3cr3t-token", StandInK6.INVOCATION_VARIABLE, invocation.toString(),
                        StandInK6.SHOW_ENV_VARIABLE, "API_TOKEN TARGET"))
                .baseUrl("http://app.internal:8080")
                .baseUrlVariable("TARGET")
                .arguments(List.of("-e", "PASSWORD=hunter2", "--env=USER=admin", "--vus", "5"))
                .build();

        runner(options).run(script);

        String recorded = Files.readString(output.resolve("checkout/k6-run.json"));
        assertThat(recorded).contains("\"API_TOKEN\"", "\"TARGET\"", "PASSWORD=***", "--env=USER=***", "\"--vus\"")
                .doesNotContain("s3cr3t-token", "app.internal", "hunter2", "admin");
        assertThat(Files.readAllLines(invocation)).contains("env API_TOKEN=s3cr3t-token",
                "env TARGET=http://app.internal:8080", "arg -e", "arg PASSWORD=hunter2", "cwd " + work.toRealPath());
    }

    @Test
    void shouldStartK6WithTheDocumentedCommandLine() throws IOException {
        Path invocation = work.resolve("invocation.txt");
        runner(options("a_pass").environment(Map.of(StandInK6.INVOCATION_VARIABLE, invocation.toString()))
                .arguments(List.of("--tag", "build=42")).build()).run(script);

        Path folder = output.resolve("checkout");
        assertThat(Files.readAllLines(invocation)).startsWith("arg --out", "arg json=" + folder.resolve("run.ndjson"),
                "arg --summary-export=" + folder.resolve("summary.json"), "arg --tag", "arg build=42",
                "arg " + script);
    }

    @Test
    void shouldRemoveStaleResultsBeforeARun() throws IOException {
        Path stale = Files.createDirectories(output.resolve("checkout/old")).resolve("run.ndjson");
        Files.writeString(stale, "{}");

        runner(options("a_pass").build()).run(script);

        assertThat(stale).doesNotExist();
        assertThat(output.resolve("checkout/run.ndjson")).isRegularFile();
    }

    @Test
    void shouldStopAtAMissingScriptBeforeStartingK6() {
        assertThatThrownBy(() -> runner(options("a_pass").build()).run(work.resolve("missing.js")))
                .isInstanceOf(K6RunException.class)
                .hasMessage("the k6 script " + work.resolve("missing.js") + " does not exist");
        assertThat(output).doesNotExist();
    }

    @Test
    void shouldRunEveryScriptAndKeepGoingPastCrossedThresholds() throws IOException {
        Path second = Files.writeString(work.resolve("search.js"), "export default function () {}\n");

        List<Path> reported = new ArrayList<>();
        List<K6RunResult> results = runner(options("b_fail").build()).runAll(List.of(script, second),
                new K6Runner.Progress() {
                    @Override
                    public void finished(K6RunResult result) {
                        reported.add(result.directory());
                    }
                });

        assertThat(reported).containsExactly(output.resolve("checkout"), output.resolve("search"));
        assertThat(results).extracting(K6RunResult::directory)
                .containsExactly(output.resolve("checkout"), output.resolve("search"));
        assertThat(results).allSatisfy(result -> assertThat(result.outcome()).isEqualTo(K6Outcome.THRESHOLDS_CROSSED));
        assertThat(K6BuildRuns.read(output, "k6-build.json")).contains(new K6BuildRuns(List.of("checkout", "search")));
    }

    @Test
    void shouldRefuseScriptsThatWouldShareAFolder() throws IOException {
        Path other = Files.createDirectories(work.resolve("other")).resolve("checkout.js");
        Files.writeString(other, "");

        assertThatThrownBy(() -> runner(options("a_pass").build()).runAll(List.of(script, other),
                new K6Runner.Progress() { }))
                .isInstanceOf(K6RunException.class)
                .hasMessageContaining("would both write to " + output.resolve("checkout"));
        assertThat(output).doesNotExist();
    }

    @Test
    void shouldReportAConsumerThatFailsAfterDrainingTheOutput() {
        K6Runner runner = new K6Runner(options("a_pass").build(), line -> {
            throw new IllegalStateException("log closed");
        }, stderr::add);

        assertThatThrownBy(() -> runner.run(script))
                .isInstanceOf(K6RunException.class)
                .hasMessageContaining("log closed");
        assertThat(output.resolve("checkout/k6-run.json")).isRegularFile();
    }

    /** Records what the runner says it starts and finishes. */
    private static final class Recorded implements K6Runner.Progress {

        final List<String> started = new ArrayList<>();
        final List<Path> finished = new ArrayList<>();

        @Override
        public void starting(Path script, ScheduledRun run) {
            started.add(script.getFileName() + " " + run.describe());
        }

        @Override
        public void finished(K6RunResult result) {
            finished.add(result.directory());
        }
    }

    @Test
    void shouldRunAScriptRepeatedlyEachRunInAFolderOfItsOwn() throws IOException {
        Recorded progress = new Recorded();

        List<K6RunResult> results = runner(options("a_pass").repeat(3).build()).runAll(List.of(script), progress);

        Path folder = output.resolve("checkout");
        List<Path> runFolders = List.of(folder.resolve("run-1"), folder.resolve("run-2"), folder.resolve("run-3"));
        assertThat(results).extracting(K6RunResult::directory).containsExactlyElementsOf(runFolders);
        assertThat(progress.started).containsExactly("checkout.js run 1 of 3", "checkout.js run 2 of 3",
                "checkout.js run 3 of 3");
        assertThat(progress.finished).containsExactlyElementsOf(runFolders);
        for (int round = 1; round <= 3; round++) {
            Path run = runFolders.get(round - 1);
            K6RunRecord record = K6RunRecord.read(run.resolve("k6-run.json"));
            assertThat(record.role()).isEqualTo(RunRole.CANDIDATE);
            assertThat(record.round()).isEqualTo(round);
            assertThat(record.command()).contains("json=" + run.resolve("run.ndjson"));
            assertThat(run.resolve("run.ndjson")).isRegularFile();
            assertThat(run.resolve("summary.json")).isRegularFile();
            assertThat(results.get(round - 1).run()).isEqualTo(new ScheduledRun(RunRole.CANDIDATE, round, 3, false));
        }
        assertThat(folder.resolve("k6-run.json")).doesNotExist();
        assertThat(stdout).hasSize(3 * StandInK6.recordedLines("a_pass", "stdout.txt").size());
    }

    @Test
    void shouldRunABRoundsAgainstBothUrlsAlternatingWhichGoesFirst() throws IOException {
        Path invocation = work.resolve("invocation.txt");
        Recorded progress = new Recorded();
        K6Options options = options("crash")
                .environment(Map.of("K6_STANDIN_RUN_BY_URL", "http://baseline:8080=b_fail http://candidate:8080=a_pass",
                        StandInK6.INVOCATION_VARIABLE, invocation.toString(), StandInK6.SHOW_ENV_VARIABLE, "BASE_URL"))
                .baseUrl("http://candidate:8080")
                .baselineUrl("http://baseline:8080")
                .repeat(3)
                .build();

        List<K6RunResult> results = runner(options).runAll(List.of(script), progress);

        assertThat(Files.readAllLines(invocation)).filteredOn(line -> line.startsWith("env ")).containsExactly(
                "env BASE_URL=http://baseline:8080", "env BASE_URL=http://candidate:8080",
                "env BASE_URL=http://candidate:8080", "env BASE_URL=http://baseline:8080",
                "env BASE_URL=http://baseline:8080", "env BASE_URL=http://candidate:8080");
        assertThat(progress.started).containsExactly("checkout.js round 1 of 3, baseline",
                "checkout.js round 1 of 3, candidate", "checkout.js round 2 of 3, candidate",
                "checkout.js round 2 of 3, baseline", "checkout.js round 3 of 3, baseline",
                "checkout.js round 3 of 3, candidate");
        assertThat(results).extracting(result -> result.directory().getFileName().toString(),
                result -> result.record().role(), result -> result.record().round(), K6RunResult::outcome)
                .containsExactly(
                        tuple("baseline-1", RunRole.BASELINE, 1, K6Outcome.THRESHOLDS_CROSSED),
                        tuple("candidate-1", RunRole.CANDIDATE, 1, K6Outcome.PASSED),
                        tuple("candidate-2", RunRole.CANDIDATE, 2, K6Outcome.PASSED),
                        tuple("baseline-2", RunRole.BASELINE, 2, K6Outcome.THRESHOLDS_CROSSED),
                        tuple("baseline-3", RunRole.BASELINE, 3, K6Outcome.THRESHOLDS_CROSSED),
                        tuple("candidate-3", RunRole.CANDIDATE, 3, K6Outcome.PASSED));
        for (K6RunResult result : results) {
            assertThat(K6RunRecord.read(result.directory().resolve("k6-run.json"))).isEqualTo(result.record());
            assertThat(Files.readString(result.directory().resolve("k6-run.json")))
                    .contains("\"BASE_URL\"").doesNotContain("http://baseline", "http://candidate");
        }
        assertThat(output.resolve("checkout/baseline-2/summary.json"))
                .hasSameTextualContentAs(StandInK6.recording("b_fail").resolve("summary.json"));
        assertThat(output.resolve("checkout/candidate-2/summary.json"))
                .hasSameTextualContentAs(StandInK6.recording("a_pass").resolve("summary.json"));
    }

    @Test
    void shouldStopAtTheFirstRunThatFailsWhicheverRoundItIsIn() {
        Recorded progress = new Recorded();
        K6Runner runner = runner(options("a_pass")
                .environment(Map.of("K6_STANDIN_RUN_BY_URL", "http://candidate=crash"))
                .baseUrl("http://candidate").baselineUrl("http://baseline").repeat(3).build());

        assertThatThrownBy(() -> runner.runAll(List.of(script), progress))
                .isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("k6 failed to run checkout.js (round 1 of 3, candidate): exit code 107 "
                        + "(script exception).");

        assertThat(progress.started).hasSize(2);
        assertThat(progress.finished).containsExactly(output.resolve("checkout/baseline-1"));
        assertThat(K6RunRecord.read(output.resolve("checkout/candidate-1/k6-run.json")).outcome())
                .isEqualTo(K6Outcome.FAILED);
        assertThat(output.resolve("checkout/candidate-2")).doesNotExist();
        assertThat(output.resolve("checkout/baseline-2")).doesNotExist();
    }

    @Test
    void shouldRemoveTheRunFoldersOfALongerScheduleBeforeRunningOnce() {
        runner(options("a_pass").repeat(2).build()).run(script);
        assertThat(output.resolve("checkout/run-2/k6-run.json")).isRegularFile();

        runner(options("a_pass").build()).run(script);

        assertThat(output.resolve("checkout/run-1")).doesNotExist();
        assertThat(output.resolve("checkout/run-2")).doesNotExist();
        assertThat(output.resolve("checkout/k6-run.json")).isRegularFile();
    }

    @ParameterizedTest
    @ValueSource(strings = {"checkout.js", "checkout.JS", "checkout"})
    void shouldNameTheFolderAfterTheScript(String name) {
        assertThat(K6Runner.folderName(Path.of("src", name))).isEqualTo("checkout");
    }
}
