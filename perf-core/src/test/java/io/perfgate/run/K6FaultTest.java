package io.perfgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.MavenLikeSpelling;
import io.perfgate.gate.CheckRequest;
import io.perfgate.gate.GateOutcome;
import io.perfgate.gate.PerfGate;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.model.GateDecision;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The k6 half of the fault suite, against a real process ({@link StandInK6}, which replays real k6
 * recordings and misbehaves on request): k6 hanging, crashing, timing out, writing huge output, killed
 * mid-write or by a signal, and leaving processes behind. For each: what the run records, the message,
 * the gate's verdict afterwards, and that nothing recorded before is lost.
 */
class K6FaultTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path work;

    private Path script;
    private Path output;
    private Path budget;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void writeScriptAndBudget() throws IOException {
        script = Files.writeString(work.resolve("checkout.js"), "export default function () {}\n");
        output = work.resolve("target/perf");
        budget = Files.writeString(work.resolve("perf-budget.yaml"), "thresholds:\n  http_req_duration: [\"p(95)<500\"]\n");
    }

    private K6Options.Builder options(String run, String... variables) {
        Map<String, String> environment = new HashMap<>(Map.of(StandInK6.RUN_VARIABLE, run));
        for (String variable : variables) {
            environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        return K6Options.builder(output).executable(StandInK6.executable().toString()).workingDirectory(work)
                .environment(environment).killGracePeriod(Duration.ofSeconds(2));
    }

    private List<K6RunResult> run(K6Options options) {
        return new K6Runner(options, MavenLikeSpelling.SPELLING, stdout::add, stderr::add).runAll(List.of(script),
                new K6Runner.Progress() {
                    @Override
                    public void warning(String message) {
                        warnings.add(message);
                    }
                });
    }

    private GateOutcome check() {
        return PerfGate.check(new CheckRequest(budget, output, List.of(), output, true), new Diagnostics(), CLOCK);
    }

    private long pid(String file) throws IOException {
        return Long.parseLong(Files.readString(output.resolve("checkout").resolve(file)).strip());
    }

    /** Whether a process still runs, waiting a little for one that is being stopped to go. */
    private static boolean stillRuns(long pid) throws InterruptedException {
        for (int i = 0; i < 50 && StandInK6.isRunning(pid); i++) {
            Thread.sleep(20);
        }
        return StandInK6.isRunning(pid);
    }

    private K6RunRecord record() {
        return K6RunRecord.read(output.resolve("checkout/k6-run.json"));
    }

    private static void assertFailedRunIsAnError(GateOutcome outcome, String why) {
        assertThat(outcome.report().verdict()).isEqualTo(Verdict.ERROR);
        assertThat(outcome.decision().outcome()).isEqualTo(GateDecision.Outcome.ERROR);
        assertThat(outcome.report().messages()).extracting(Diagnostic::text)
                .anySatisfy(text -> assertThat(text).contains("the k6 run of checkout.js did not finish (" + why
                        + "), so its results in "));
    }

    @Test
    void shouldStopAHangingK6AtTheTimeoutWithItsChildAndFailTheGateClosed() throws Exception {
        long started = System.nanoTime();

        assertThatThrownBy(() -> run(options("hang").timeout(Duration.ofSeconds(1)).build()))
                .isInstanceOf(K6RunFailedException.class)
                .hasMessageStartingWith("k6 did not finish checkout.js within 1s and was stopped with every process "
                        + "it started. Raise the timeout (perf.k6.timeout) if the test needs longer.");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(stillRuns(pid("standin-child.pid"))).as("the hanging k6's child").isFalse();
        assertThat(record().outcome()).isEqualTo(K6Outcome.TIMED_OUT);
        assertThat(stdout).containsExactly("k6 stand-in: hanging until killed");
        assertFailedRunIsAnError(check(), "timed out");
    }

    @Test
    void shouldStopADoubleForkedChildInASessionOfItsOwnAtTheTimeout() throws Exception {
        assertThatThrownBy(() -> run(options("hang", "K6_STANDIN_CHILD=double-fork").timeout(Duration.ofSeconds(2))
                .build())).isInstanceOf(K6RunFailedException.class);

        long leftover = pid("standin-leftover.pid");
        assertThat(ProcessTree.sessionOf(leftover)).as("setsid gave the child a session of its own")
                .isIn(leftover, -1L);
        assertThat(stillRuns(leftover)).as("the double-forked child %d", leftover).isFalse();
        assertThat(stillRuns(pid("standin-child.pid"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"background", "double-fork"})
    void shouldStopWhatAPassingK6LeavesRunningAndSaySo(String child) throws Exception {
        long started = System.nanoTime();

        List<K6RunResult> results = run(options("a_pass", "K6_STANDIN_CHILD=" + child).build());

        long leftover = pid("standin-leftover.pid");
        assertThat(stillRuns(leftover)).as("the %s child %d", child, leftover).isFalse();
        assertThat(results).singleElement().extracting(K6RunResult::outcome).isEqualTo(K6Outcome.PASSED);
        assertThat(warnings).singleElement().asString()
                .isEqualTo("k6 left 1 process running after checkout.js ended, now stopped: " + leftover + " (sleep)");
        // The child held k6's stdout open; before, the output pump waited 10 s for it.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
        assertThat(stdout).containsExactlyElementsOf(StandInK6.recordedLines("a_pass", "stdout.txt"));
        assertThat(check().report().verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void shouldRecordACrashWithItsExitCodeAndStderrAndFailTheGateClosed() {
        assertThatThrownBy(() -> run(options("crash").build()))
                .isInstanceOf(K6RunFailedException.class)
                .hasMessageStartingWith("k6 failed to run checkout.js: exit code 107 (script exception).")
                .hasMessageEndingWith("level=error msg=\"Uncaught (in promise) TypeError: stand-in crash\"");

        assertThat(record().outcome()).isEqualTo(K6Outcome.FAILED);
        assertThat(record().exitCode()).isEqualTo(107);
        assertThat(stderr).hasSize(25);
        assertFailedRunIsAnError(check(), "exit code 107");
    }

    @Test
    void shouldNameTheSignalThatKilledK6() {
        assertThatThrownBy(() -> run(options("signal").build()))
                .isInstanceOf(K6RunFailedException.class)
                .hasMessage("k6 failed to run checkout.js: exit code 143 (killed by signal 15, SIGTERM).");

        assertThat(record().exitCode()).isEqualTo(143);
        assertThat(stdout).containsExactly("k6 stand-in: about to die of SIGTERM");
        assertFailedRunIsAnError(check(), "exit code 143");
    }

    @Test
    void shouldKeepWhatAK6KilledMidWriteWroteAndReadItsCompleteLinesWhenGivenExplicitly() throws IOException {
        assertThatThrownBy(() -> run(options("killed").build()))
                .isInstanceOf(K6RunFailedException.class)
                .hasMessageStartingWith("k6 failed to run checkout.js: exit code 137 (killed by signal 9, SIGKILL: "
                        + "often the out-of-memory killer).");

        // The gate does not judge a run that did not finish...
        assertFailedRunIsAnError(check(), "exit code 137");
        // ...and its results stay where k6 left them: read on purpose, every complete line counts.
        Path ndjson = output.resolve("checkout/run.ndjson");
        List<String> written = Files.readAllLines(ndjson, StandardCharsets.UTF_8);
        List<String> recorded;
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(
                StandInK6.recording("a_pass").resolve("run.ndjson.gz")))) {
            recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        int complete = written.size() - 1;
        assertThat(written.subList(0, complete)).isEqualTo(recorded.subList(0, complete));
        assertThat(recorded.get(complete)).startsWith(written.get(complete)).isNotEqualTo(written.get(complete));
        long completePoints = written.subList(0, complete).stream().filter(line -> line.contains("\"type\":\"Point\""))
                .count();

        Diagnostics diagnostics = new Diagnostics();
        IngestedResults results = ResultIngest.read(List.of(ndjson), Set.of(), diagnostics);

        assertThat(results.sources()).singleElement().satisfies(source ->
                assertThat(source.samples()).isEqualTo(completePoints));
        assertThat(diagnostics.all()).extracting(Diagnostic::text).containsExactly(ndjson + " line " + written.size()
                + ": the last line is cut off (k6 stopped while writing?); it was skipped, the lines before it were read");
    }

    @Test
    void shouldKeepTheRunsBeforeAFailedOneAndStopAtIt() throws IOException {
        // Two A/B rounds: the candidate of round 1 crashes after its baseline ran.
        K6Options options = options("a_pass", "K6_STANDIN_RUN_BY_URL=http://candidate=crash")
                .baseUrl("http://candidate").baselineUrl("http://baseline").repeat(2).build();

        assertThatThrownBy(() -> run(options)).isInstanceOf(K6RunFailedException.class);

        Path baseline = output.resolve("checkout/baseline-1");
        assertThat(K6RunRecord.read(baseline.resolve("k6-run.json")).outcome()).isEqualTo(K6Outcome.PASSED);
        assertThat(baseline.resolve("summary.json")).hasSameTextualContentAs(
                StandInK6.recording("a_pass").resolve("summary.json"));
        assertThat(K6RunRecord.read(output.resolve("checkout/candidate-1/k6-run.json")).outcome())
                .isEqualTo(K6Outcome.FAILED);
        assertThat(K6BuildRuns.read(output, "k6-build.json")).contains(new K6BuildRuns(List.of("checkout")));
        assertThat(output.resolve("checkout/candidate-2")).doesNotExist();
    }

    @Test
    void shouldPassOnAMillionLinesInOrder() {
        AtomicLong lines = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        K6Runner runner = new K6Runner(options("a_pass", "K6_STANDIN_STDOUT_LINES=1000000").build(), line -> {
            long number = lines.incrementAndGet();
            if (number <= 1_000_000 && !line.equals("k6 stand-in stdout line " + number)) {
                outOfOrder.incrementAndGet();
            }
        }, stderr::add);

        K6RunResult result = runner.run(script).get(0);

        assertThat(result.outcome()).isEqualTo(K6Outcome.PASSED);
        assertThat(lines.get()).isEqualTo(1_000_000 + StandInK6.recordedLines("a_pass", "stdout.txt").size());
        assertThat(outOfOrder.get()).isZero();
    }

    /** A build aborted while k6 runs (CI cancels it, or Ctrl-C): k6 runs in a session of its own, so it must be stopped. */
    @Test
    void shouldStopK6AndItsProcessesWhenTheBuildIsAborted() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process build = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RunK6InAnotherProcess.class.getName(), StandInK6.executable().toString(), work.toString(),
                output.toString(), StandInK6.RUN_VARIABLE + "=hang", "K6_STANDIN_CHILD=double-fork")
                .redirectErrorStream(true).redirectOutput(work.resolve("build.log").toFile()).start();
        Path child = output.resolve("checkout/standin-child.pid");
        for (int i = 0; i < 300 && !(Files.isRegularFile(child) && Files.size(child) > 0); i++) {
            Thread.sleep(100);
        }
        long hanging = pid("standin-child.pid");
        long leftover = pid("standin-leftover.pid");
        assertThat(StandInK6.isRunning(hanging)).isTrue();

        build.destroy(); // SIGTERM: the JVM runs its shutdown hooks
        assertThat(build.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(stillRuns(hanging)).as("k6's child %d", hanging).isFalse();
        assertThat(stillRuns(leftover)).as("k6's double-forked child %d", leftover).isFalse();
    }

    /**
     * A 300 MB stdout line passed on by a build whose heap is 64 MB: the line arrives cut, k6 is never
     * blocked nor killed by a closed pipe, and the run passes as k6 did.
     */
    @Test
    void shouldPassOnA300MegabyteLineCutInA64MegabyteHeap() throws Exception {
        Path printed = work.resolve("build.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process build = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                RunK6InAnotherProcess.class.getName(), StandInK6.executable().toString(), work.toString(),
                output.toString(), StandInK6.RUN_VARIABLE + "=a_pass", "K6_STANDIN_STDOUT_BYTES=314572800")
                .redirectErrorStream(true).redirectOutput(printed.toFile()).start();
        if (!build.waitFor(180, TimeUnit.SECONDS)) {
            build.destroyForcibly();
        }

        String log = Files.readString(printed);
        assertThat(build.exitValue()).as(log).isZero();
        int recordedLines = StandInK6.recordedLines("a_pass", "stdout.txt").size();
        String note = " [… 314,507,264 more bytes of this line not shown]";
        assertThat(log.lines()).containsExactly("outcome PASSED exit 0", "lines " + (recordedLines + 1),
                "longest " + (OutputPump.MAX_LINE_BYTES + note.length()) + " " + "x".repeat(60 - note.length()) + note);
        assertThat(output.resolve("checkout/summary.json")).hasSameTextualContentAs(
                StandInK6.recording("a_pass").resolve("summary.json"));
    }
}
