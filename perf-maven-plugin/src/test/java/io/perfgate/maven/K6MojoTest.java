package io.perfgate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.getBasedir;
import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.run.K6Options;
import io.perfgate.run.K6RunRecord;
import io.perfgate.run.RunRole;
import io.perfgate.run.K6Outcome;
import io.perfgate.stats.SeriesKey;
import io.perfgate.summary.RunSummaryFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perf:k6} as Maven configures it. The runs start a real process: perf-core's stand-in for k6,
 * which replays real k6 v0.48.0 recordings because k6 itself cannot be installed where these tests run.
 */
@MojoTest
class K6MojoTest {

    @TempDir
    Path work;

    private final RecordingLog log = new RecordingLog();
    private Path script;

    @BeforeEach
    void writeScript() throws Exception {
        script = Files.writeString(work.resolve("checkout.js"), "export default function () {}\n");
    }

    /** Points the mojo at the stand-in, replaying {@code run}, with results under the temporary folder. */
    private K6Mojo standIn(K6Mojo mojo, String run) throws Exception {
        setVariableValueToObject(mojo, "scripts", List.of(script.toFile()));
        setVariableValueToObject(mojo, "k6Executable", StandIn.executable().toString());
        setVariableValueToObject(mojo, "environment", Map.of(StandIn.RUN_VARIABLE, run));
        setVariableValueToObject(mojo, "outputDirectory", work.resolve("perf").toFile());
        setVariableValueToObject(mojo, "workingDirectory", work.toFile());
        mojo.setLog(log);
        return mojo;
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldDefaultToK6OnThePathAndTheBuildFolder(K6Mojo mojo) throws Exception {
        K6Options options = mojo.options();

        assertThat(options.executable()).isEqualTo("k6");
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(options.outputDirectory()).isEqualTo(Path.of(getBasedir(), "target", "perf"));
        assertThat(options.workingDirectory()).isEqualTo(Path.of(getBasedir()));
        assertThat(options.baseUrlVariable()).isEqualTo("BASE_URL");
        assertThat(options.baseUrl()).isEmpty();
        assertThat(options.arguments()).isEmpty();
        assertThat(options.environment()).isEmpty();
        assertThat(options.repeat()).isEqualTo(1);
        assertThat(options.baselineUrl()).isEmpty();
        assertThat((boolean) getVariableValueFromObject(mojo, "skip")).isFalse();
    }

    @Test
    @InjectMojo(goal = "k6", pom = "classpath:/unit/k6-configured.xml")
    void shouldMapEveryParameter(K6Mojo mojo) throws Exception {
        K6Options options = mojo.options();

        assertThat(options.executable()).isEqualTo("/opt/k6/bin/k6");
        assertThat(options.arguments()).containsExactly("--vus", "10");
        assertThat(options.environment()).containsExactlyInAnyOrderEntriesOf(Map.of("USERS", "25", "EMPTY", ""));
        assertThat(options.processEnvironment(RunRole.CANDIDATE)).containsEntry("TARGET", "http://localhost:8080");
        assertThat(options.processEnvironment(RunRole.BASELINE)).containsEntry("TARGET", "http://localhost:9090");
        assertThat(options.repeat()).isEqualTo(10);
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(options.outputDirectory()).isEqualTo(Path.of(getBasedir(), "target", "load"));
        assertThat(options.workingDirectory()).isEqualTo(Path.of(getBasedir(), "src", "test", "k6"));
        List<File> scripts = getVariableValueFromObject(mojo, "scripts");
        assertThat(scripts).containsExactly(Path.of(getBasedir(), "src/test/k6/checkout.js").toFile(),
                Path.of(getBasedir(), "src/test/k6/search.js").toFile());
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "timeout", value = "ten minutes")
    void shouldRefuseATimeoutItCannotRead(K6Mojo mojo) {
        assertThatThrownBy(mojo::options)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf:k6 is misconfigured: 'ten minutes' is not a duration: write e.g. 30m, 90s, 1h30m, "
                        + "500ms or ISO-8601 such as PT30M");
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "skip", value = "true")
    void shouldSkipWithPerfSkip(K6Mojo mojo) throws Exception {
        mojo.setLog(log);

        mojo.execute();

        assertThat(log.lines()).containsExactly("[INFO] Skipping perf:k6 (perf.skip or perf.k6.skip is set)");
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "skipK6", value = "true")
    void shouldSkipWithPerfK6Skip(K6Mojo mojo) throws Exception {
        standIn(mojo, "a_pass").execute();

        assertThat(log.lines()).containsExactly("[INFO] Skipping perf:k6 (perf.skip or perf.k6.skip is set)");
        assertThat(work.resolve("perf")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldRequireScripts(K6Mojo mojo) {
        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf:k6 has no scripts to run: list them in <scripts>, or skip the goal with perf.k6.skip");
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldForwardK6OutputAndOnlyWarnAboutCrossedThresholds(K6Mojo mojo) throws Exception {
        standIn(mojo, "b_fail").execute();

        assertThat(log.at("INFO")).containsSubsequence(StandIn.recordedLines("b_fail", "stdout.txt"));
        assertThat(log.at("WARNING")).containsExactlyElementsOf(concat(StandIn.recordedLines("b_fail", "stderr.txt"),
                "k6 reported crossed thresholds in checkout.js; perf:check decides"));
        assertThat(log.lines()).last()
                .isEqualTo("[INFO] k6 results of checkout.js are in " + work.resolve("perf/checkout"));
        assertThat(K6RunRecord.read(work.resolve("perf/checkout/k6-run.json")).exitCode()).isEqualTo(99);
        assertThat(work.resolve("perf/checkout/run.ndjson")).isRegularFile();
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldReportAPassingRunAtInfo(K6Mojo mojo) throws Exception {
        standIn(mojo, "a_pass").execute();

        assertThat(log.at("WARNING")).isEmpty();
        assertThat(log.at("INFO")).contains("k6 finished checkout.js");
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldSummariseEachRunWhileK6WritesItForTheSeriesTheBudgetFilters(K6Mojo mojo) throws Exception {
        Path budget = Files.writeString(work.resolve("perf-budget.yaml"), """
                thresholds:
                  http_req_duration: ["p(95)<500"]
                  "http_req_duration{name:fast}": ["p(99)<50"]
                """);
        setVariableValueToObject(standIn(mojo, "a_pass"), "budgetFile", budget.toFile());

        mojo.execute();

        Path summary = work.resolve("perf/checkout/run-summary.json");
        assertThat(log.at("INFO")).contains("perf:k6: read the results of checkout.js while k6 wrote them (13745 "
                + "samples); the gate takes them from " + summary);
        // the filtered latency, and the timing phases and failures that explain it, as perf:check reads them
        assertThat(RunSummaryFile.read(summary).tracked()).containsExactlyInAnyOrder(
                SeriesKey.of("http_req_duration", "name", "fast"), SeriesKey.of("http_req_blocked", "name", "fast"),
                SeriesKey.of("http_req_connecting", "name", "fast"),
                SeriesKey.of("http_req_tls_handshaking", "name", "fast"),
                SeriesKey.of("http_req_sending", "name", "fast"), SeriesKey.of("http_req_waiting", "name", "fast"),
                SeriesKey.of("http_req_receiving", "name", "fast"), SeriesKey.of("http_req_failed", "name", "fast"));
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldRecordAFailedRunAndLeaveTheBuildToVerifyAsFailsafeDoes(K6Mojo mojo) throws Exception {
        standIn(mojo, "crash").execute();

        assertThat(log.at("ERROR")).first().asString()
                .startsWith("k6 failed to run checkout.js: exit code 107 (script exception).")
                .contains("stand-in crash");
        assertThat(log.at("ERROR")).last().asString().contains("perf:check fails the build in verify");
        assertThat(K6RunRecord.read(work.resolve("perf/checkout").resolve(K6RunRecord.FILE_NAME)).outcome())
                .isEqualTo(K6Outcome.FAILED);
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldSayHowToGetK6WhenItIsMissing(K6Mojo mojo) throws Exception {
        standIn(mojo, "a_pass");
        setVariableValueToObject(mojo, "k6Executable", work.resolve("bin/k6").toString());

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("k6 was not found at " + work.resolve("bin/k6") + ". Install k6 "
                        + "(https://grafana.com/docs/k6/latest/set-up/install-k6/) or point perf.k6.executable at "
                        + "the k6 binary, or set perf.k6.version to a k6 release such as 0.48.0 to have it downloaded.");
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "timeout", value = "1s")
    void shouldRecordATimedOutRunAndLeaveTheBuildToVerify(K6Mojo mojo) throws Exception {
        standIn(mojo, "hang").execute();

        assertThat(log.at("ERROR")).first().asString().startsWith("k6 did not finish checkout.js within 1s");
        assertThat(K6RunRecord.read(work.resolve("perf/checkout").resolve(K6RunRecord.FILE_NAME)).outcome())
                .isEqualTo(K6Outcome.TIMED_OUT);
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "repeat", value = "2")
    void shouldRunEachScriptRepeatedlyAndSayWhichRunIsWhich(K6Mojo mojo) throws Exception {
        standIn(mojo, "a_pass").execute();

        Path folder = work.resolve("perf/checkout");
        assertThat(log.lines()).filteredOn(line -> line.contains("checkout.js (")).containsExactly(
                "[INFO] Running k6 on checkout.js (run 1 of 2)",
                "[INFO] perf:k6: read the results of checkout.js (run 1 of 2) while k6 wrote them (13745 samples); the"
                        + " gate takes them from " + folder.resolve("run-1/run-summary.json"),
                "[INFO] k6 finished checkout.js (run 1 of 2)",
                "[INFO] k6 results of checkout.js (run 1 of 2) are in " + folder.resolve("run-1"),
                "[INFO] Running k6 on checkout.js (run 2 of 2)",
                "[INFO] perf:k6: read the results of checkout.js (run 2 of 2) while k6 wrote them (13745 samples); the"
                        + " gate takes them from " + folder.resolve("run-2/run-summary.json"),
                "[INFO] k6 finished checkout.js (run 2 of 2)",
                "[INFO] k6 results of checkout.js (run 2 of 2) are in " + folder.resolve("run-2"));
        assertThat(K6RunRecord.read(folder.resolve("run-2/k6-run.json")).round()).isEqualTo(2);
        assertThat(log.at("WARNING")).isEmpty();
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "repeat", value = "2")
    @MojoParameter(name = "baseUrl", value = "http://candidate:8080")
    @MojoParameter(name = "baselineUrl", value = "http://baseline:8080")
    void shouldRunInterleavedRoundsAndWarnThatTwoCannotDecide(K6Mojo mojo) throws Exception {
        standIn(mojo, "crash");
        setVariableValueToObject(mojo, "environment", Map.of(StandIn.RUN_BY_URL_VARIABLE,
                "http://baseline:8080=b_fail http://candidate:8080=a_pass"));

        mojo.execute();

        assertThat(log.lines()).first().isEqualTo("[WARNING] perf:k6: the interleaved A/B mode runs 2 rounds, but the "
                + "regression check needs at least 7 to reach a decision at a 1 % false-alarm rate, so every A/B "
                + "verdict will be inconclusive. Set repeat (perf.k6.repeat) to 10 or more.");
        assertThat(log.lines()).filteredOn(line -> line.startsWith("[INFO] Running k6")).containsExactly(
                "[INFO] Running k6 on checkout.js (round 1 of 2, baseline)",
                "[INFO] Running k6 on checkout.js (round 1 of 2, candidate)",
                "[INFO] Running k6 on checkout.js (round 2 of 2, candidate)",
                "[INFO] Running k6 on checkout.js (round 2 of 2, baseline)");
        // the baseline (b_fail) crossed its thresholds: said at info, as it does not count for the budget
        assertThat(log.lines()).contains("[INFO] k6 reported crossed thresholds in checkout.js (round 2 of 2, "
                + "baseline); baseline runs only serve the A/B comparison");
        assertThat(log.lines()).noneMatch(line -> line.contains("perf:check decides"));
        Path folder = work.resolve("perf/checkout");
        for (String run : List.of("baseline-1", "candidate-1", "candidate-2", "baseline-2")) {
            K6RunRecord record = K6RunRecord.read(folder.resolve(run).resolve("k6-run.json"));
            assertThat(record.role().id() + "-" + record.round()).isEqualTo(run);
        }
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "repeat", value = "10")
    @MojoParameter(name = "baseUrl", value = "http://candidate")
    @MojoParameter(name = "baselineUrl", value = "http://baseline")
    void shouldStopRunningAtTheFirstRunThatFails(K6Mojo mojo) throws Exception {
        standIn(mojo, "a_pass");
        setVariableValueToObject(mojo, "environment", Map.of(StandIn.RUN_VARIABLE, "a_pass",
                StandIn.RUN_BY_URL_VARIABLE, "http://candidate=crash"));

        mojo.execute();

        assertThat(log.at("ERROR")).first().asString()
                .startsWith("k6 failed to run checkout.js (round 1 of 10, candidate): exit code 107 (script exception).");
        assertThat(log.at("WARNING")).noneMatch(line -> line.startsWith("perf:k6:"));
        assertThat(work.resolve("perf/checkout/baseline-2")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "baselineUrl", value = "http://baseline")
    void shouldRefuseABaselineUrlWithoutABaseUrl(K6Mojo mojo) {
        assertThatThrownBy(mojo::options)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("perf:k6 is misconfigured: a baseline URL is set but no base URL");
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "repeat", value = "0")
    void shouldRefuseToRunAScriptNoTimes(K6Mojo mojo) {
        assertThatThrownBy(mojo::options)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf:k6 is misconfigured: repeat must be at least 1 (each script runs that often), was 0");
    }

    private static List<String> concat(List<String> lines, String last) {
        return Stream.concat(lines.stream(), Stream.of(last)).toList();
    }
}
