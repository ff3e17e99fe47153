package io.perfgate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.run.K6Options;
import io.perfgate.run.K6Runner;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perf:check} with the real gate over real recordings: k6 runs replayed by perf-core's stand-in
 * (k6 itself cannot be installed where these tests run) and a JMeter 5.6.3 JTL.
 */
@MojoTest
class CheckMojoGateTest {

    @TempDir
    Path work;

    private final RecordingLog log = new RecordingLog();

    /** Replays a recorded k6 run into {@code <work>/perf/checkout/}, as {@code perf:k6} would. */
    private void k6Run(String run) throws Exception {
        Path script = Files.writeString(work.resolve("checkout.js"), "export default function () {}\n");
        K6Options options = K6Options.builder(work.resolve("perf"))
                .executable(StandIn.executable().toString())
                .environment(Map.of(StandIn.RUN_VARIABLE, run))
                .workingDirectory(work)
                .build();
        new K6Runner(options, line -> { }, line -> { }).run(script);
    }

    private CheckMojo configured(CheckMojo mojo, String budget) throws Exception {
        Path budgetFile = Files.writeString(work.resolve("perf-budget.yaml"), budget);
        setVariableValueToObject(mojo, "budgetFile", budgetFile.toFile());
        setVariableValueToObject(mojo, "resultsDirectory", work.resolve("perf").toFile());
        setVariableValueToObject(mojo, "reportDirectory", work.resolve("perf").toFile());
        setVariableValueToObject(mojo, "history", work.resolve("history").toString());
        mojo.systemEnvironment = Map.of();
        mojo.setLog(log);
        return mojo;
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldFailTheBuildOnTheRecordedFailingRun(CheckMojo mojo) throws Exception {
        k6Run("b_fail");
        configured(mojo, """
                thresholds:
                  http_req_duration: ["p(95)<20"]
                """);

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .satisfies(e -> assertThat(e.getMessage().lines())
                        .contains("http_req_duration p(95) is 69.27 ms, but the budget is < 20 ms"));
        assertThat(log.at("ERROR")).anySatisfy(line -> assertThat(line.strip())
                .isEqualTo("http_req_duration p(95) is 69.27 ms, but the budget is < 20 ms"));
        assertThat(work.resolve("perf")).isDirectoryContaining("glob:**/perf-report.json")
                .isDirectoryContaining("glob:**/perf-junit.xml")
                .isDirectoryContaining("glob:**/perf-report.md")
                .isDirectoryContaining("glob:**/perf-report.html");
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldPassTheBuildOnTheRecordedPassingRun(CheckMojo mojo) throws Exception {
        k6Run("a_pass");
        configured(mojo, """
                thresholds:
                  http_req_duration: ["p(95)<500"]
                  http_req_failed: ["rate<0.05"]
                """).execute();

        assertThat(log.at("ERROR")).isEmpty();
        assertThat(log.lines()).last().isEqualTo("[INFO] Performance budget passed");
        assertThat(work.resolve("perf/perf-report.json")).isRegularFile();
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldGateAJMeterResultsFile(CheckMojo mojo) throws Exception {
        configured(mojo, """
                thresholds:
                  http_req_duration{name:slow}: ["p(90)<50"]
                """);
        Path jtl = StandIn.home().resolve("fixtures/jmeter/csv_default/results.jtl");
        setVariableValueToObject(mojo, "resultFiles", List.<File>of(jtl.toFile()));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .satisfies(e -> assertThat(e.getMessage().lines())
                        .contains("http_req_duration{name:slow} p(90) is 75.1 ms, but the budget is < 50 ms"));
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldNameTheFileAndLineOfAMalformedBudget(CheckMojo mojo) throws Exception {
        k6Run("a_pass");
        configured(mojo, """
                thresholds:
                  http_req_duration: ["p(95)<500"]
                  http_req_failed: ["p95<1%"]
                """);

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith(work.resolve("perf-budget.yaml") + " line 3");
    }
}
