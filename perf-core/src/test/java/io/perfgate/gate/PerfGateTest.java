package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.model.BuildResult;
import io.perfgate.model.GateDecision;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.report.JsonReportReader;
import io.perfgate.report.JsonReportWriter;
import io.perfgate.run.K6RunRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole gate over the real k6 and JMeter recordings, as perf:check runs it. */
class PerfGateTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path project;

    @Test
    void shouldPassARunWithinItsBudgetAndWriteEveryReport() throws IOException {
        recordK6Run("a_pass", 0);
        Path budget = budget("""
                thresholds:
                  http_req_duration: ["p(95)<500"]
                  http_req_failed: ["rate<0.05"]
                  'http_req_duration{name:fast}': ["p(99)<250"]
                """);

        GateOutcome outcome = PerfGate.check(request(budget, List.of(), true), new Diagnostics(), CLOCK);

        assertThat(outcome.report().verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.report().lines()).extracting(LineResult::sentence).containsExactly(
                "http_req_duration p(95) is 67.35 ms, within the budget of < 500 ms",
                "http_req_failed rate is 0.003279, within the budget of < 0.05",
                "http_req_duration{name:fast} p(99) is 42.73 ms, within the budget of < 250 ms");
        assertThat(outcome.reportFiles()).extracting(path -> path.getFileName().toString())
                .containsExactlyInAnyOrder("perf-report.json", "perf-junit.xml", "perf-report.md", "perf-report.html");
        assertThat(outcome.reportFiles()).allSatisfy(path -> assertThat(path).isRegularFile());
        assertThat(outcome.table()).last().satisfies(line -> assertThat(line.text()).startsWith("perfgate: PASSED"));
    }

    @Test
    void shouldShowPathsRelativeToTheBaseFolderAsAJenkinsWorkspaceWants() throws IOException {
        recordK6Run("b_fail", 99);
        Path budget = budget("""
                thresholds:
                  http_req_duration: ["p(95)<500"]
                """);
        GateSettings settings = GateSettings.builder().budgetFile(budget).resultsDirectory(project.resolve("target/perf"))
                .reportDirectory(project.resolve("target/perf")).baseDirectory(project).history("none").build();

        GateReport report = PerfGate.evaluate(settings.resolve(GateEnvironment.ofProcess(), new Diagnostics()),
                new Diagnostics(), CLOCK);

        assertThat(report.budgetFile()).isEqualTo("perf-budget.yaml");
        assertThat(report.sources()).extracting(source -> source.path())
                .containsExactly(Path.of("target/perf/b_fail/run.ndjson.gz").toString());
        assertThat(report.lines()).extracting(line -> line.line().location().file())
                .contains(Path.of("src/test/k6/b_fail.js").toString());
    }

    @Test
    void shouldOnlyWarnAboutAWarnLineThatCannotBeDecided() throws IOException {
        recordK6Run("a_pass", 0);
        Path budget = budget("""
                thresholds:
                  http_req_duration: ["p(95)<500"]
                  'http_req_duration{name:chekout}':
                    - threshold: "p(95)<300"
                      severity: warn
                """);

        GateOutcome outcome = PerfGate.check(request(budget, List.of(), true), new Diagnostics(), CLOCK);

        assertThat(outcome.report().verdict()).isEqualTo(Verdict.WARN);
        assertThat(outcome.report().lines()).extracting(LineResult::verdict).containsExactly(Verdict.PASS, Verdict.WARN);
        assertThat(outcome.report().lines().get(1).sentence()).startsWith(
                "http_req_duration{name:chekout} p(95) could not be evaluated: no sample of http_req_duration has "
                        + "name=chekout");
        assertThat(outcome.decision().result()).isEqualTo(BuildResult.UNSTABLE);
    }

    @Test
    void shouldFailOnTheBudgetAndOnEveryThresholdK6CrossedThatTheBudgetDoesNotCover() throws IOException {
        recordK6Run("b_fail", 99);
        Path budget = budget("""
                thresholds:
                  http_req_duration: ["p(95)<20"]
                """);

        GateOutcome outcome = PerfGate.check(request(budget, List.of(), true), new Diagnostics(), CLOCK);

        assertThat(outcome.report().verdict()).isEqualTo(Verdict.FAIL);
        List<LineResult> lines = outcome.report().lines();
        assertThat(lines.get(0).sentence()).isEqualTo("http_req_duration p(95) is 69.27 ms, but the budget is < 20 ms");
        assertThat(lines).hasSize(7).allSatisfy(line -> assertThat(line.verdict()).isEqualTo(Verdict.FAIL));
        assertThat(lines.subList(1, 7)).extracting(line -> line.line().label()).containsExactlyInAnyOrder(
                "body_size_bytes: avg<10", "checks: rate>0.99", "errors_total: count<5",
                "http_req_duration{name:slow}: p(99)<50", "http_req_failed: rate<0.01", "ok_rate: rate>0.99");
        assertThat(lines.get(1).line().description()).isEqualTo("threshold of the k6 script b_fail.js");
        assertThat(lines).extracting(LineResult::sentence).contains(
                "http_req_failed rate is 0.05363, but k6's threshold in b_fail.js is < 0.01",
                "http_req_duration{name:slow} p(99) is 79.42 ms, but k6's threshold in b_fail.js is < 50 ms");
    }

    @Test
    void shouldWriteAJsonReportThatReadsBackIntoTheSameReport() throws IOException {
        recordK6Run("b_fail", 99);
        Path budget = budget("""
                thresholds:
                  http_req_duration: ["p(95)<20", "p(95) < baseline + 10%"]
                  'http_req_duration{name:fast}':
                    - threshold: "p(99)<1.5s"
                      severity: warn
                      description: "Fast <enough> & 'quoted'"
                """);

        GateOutcome outcome = PerfGate.check(request(budget, List.of(), true), new Diagnostics(), CLOCK);
        Path json = outcome.reportFiles().stream()
                .filter(file -> file.getFileName().toString().equals(JsonReportWriter.FILE_NAME)).findFirst()
                .orElseThrow();
        GateReport read = JsonReportReader.read(json);

        assertThat(read).isEqualTo(outcome.report());
        StringWriter again = new StringWriter();
        new JsonReportWriter().write(read, again);
        assertThat(again.toString()).isEqualTo(Files.readString(json, StandardCharsets.UTF_8));
    }

    @Test
    void shouldOnlyWarnOfUncoveredK6ThresholdsWhenToldSo() throws IOException {
        recordK6Run("b_fail", 99);
        Path budget = budget("""
                thresholds:
                  http_req_duration: ["avg<1000"]
                """);

        GateOutcome outcome = PerfGate.check(request(budget, List.of(), false), new Diagnostics(), CLOCK);

        assertThat(outcome.report().verdict()).isEqualTo(Verdict.WARN);
        assertThat(outcome.report().count(Verdict.WARN)).isEqualTo(7);
    }

    @Test
    void shouldFailTheAbortedRunOnItsErrorRate() throws IOException {
        recordK6Run("d_abort", 99);
        Path budget = budget("""
                thresholds:
                  http_req_failed: [{threshold: "rate<0.05", abortOnFail: true, delayAbortEval: "3s"}]
                  http_req_duration: ["p(95)<500"]
                """);

        GateOutcome outcome = PerfGate.check(request(budget, List.of(), true), new Diagnostics(), CLOCK);

        assertThat(outcome.report().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outcome.report().lines()).extracting(LineResult::sentence).containsExactly(
                "http_req_failed rate is 0.3082, but the budget is < 0.05",
                "http_req_duration p(95) is 9.642 ms, within the budget of < 500 ms");
    }

    @Test
    void shouldGateJmeterResultsWithTheSameVocabulary() throws IOException {
        Path jtl = fixture("jmeter/csv_default/results.jtl");
        Path budget = budget("""
                thresholds:
                  http_req_duration{name:slow}: ["p(95)<1s"]
                  http_req_failed: ["rate<1%"]
                """);

        GateOutcome outcome = PerfGate.check(request(budget, List.of(jtl), true), new Diagnostics(), CLOCK);

        assertThat(outcome.report().lines()).extracting(LineResult::verdict)
                .containsExactly(Verdict.PASS, Verdict.FAIL);
        assertThat(outcome.report().sources()).singleElement()
                .satisfies(source -> assertThat(source.format()).isEqualTo("jmeter-csv"));
    }

    @Test
    void shouldFailClosedOnABudgetLineWithoutData() throws IOException {
        recordK6Run("a_pass", 0);
        Path budget = budget("""
                thresholds:
                  http_req_duration{name:chekout}: ["p(95)<500"]
                """);

        GateOutcome outcome = PerfGate.check(request(budget, List.of(), true), new Diagnostics(), CLOCK);

        assertThat(outcome.report().verdict()).isEqualTo(Verdict.ERROR);
        assertThat(outcome.report().lines().get(0).sentence())
                .startsWith("http_req_duration{name:chekout} p(95) could not be evaluated: ")
                .contains("line 2, column");
    }

    @Test
    void shouldRefuseToDecideWithoutResults() throws IOException {
        Path budget = budget("""
                thresholds:
                  http_req_duration: ["p(95)<500"]
                """);

        GateOutcome outcome = PerfGate.check(request(budget, List.of(), true), new Diagnostics(), CLOCK);

        assertThat(outcome.report().verdict()).isEqualTo(Verdict.ERROR);
        assertThat(outcome.report().lines()).isEmpty();
        assertThat(outcome.decision().outcome()).isEqualTo(GateDecision.Outcome.ERROR);
        assertThat(outcome.decision().message()).contains("no results to evaluate");
        assertThat(outcome.reportFiles()).as("every build has a report").hasSize(4).allMatch(Files::isRegularFile);
    }

    @Test
    void shouldGiveAnErrorReportNamingTheLineOfABrokenBudget() throws IOException {
        Path budget = budget("""
                thresholds:
                  http_req_duration: ["p95<500"]
                """);

        GateOutcome outcome = PerfGate.check(request(budget, List.of(), true), new Diagnostics(), CLOCK);

        assertThat(outcome.report().verdict()).isEqualTo(Verdict.ERROR);
        assertThat(outcome.report().messages()).extracting(Diagnostic::text).singleElement().asString()
                .startsWith(outcome.report().budgetFile() + " line 2, column ");
        assertThat(outcome.decision().message()).isEqualTo(outcome.report().messages().get(0).text());
        assertThat(outcome.decision().result()).isEqualTo(BuildResult.FAILURE);
    }

    @Test
    void shouldEvaluateWithoutWritingAnyReport() throws IOException {
        Path budget = budget("""
                thresholds:
                  http_req_duration: ["p(95)<500"]
                """);

        PerfGate.evaluate(request(budget, List.of(), true), new Diagnostics(), CLOCK);

        assertThat(project.resolve("target/perf")).doesNotExist();
    }

    @Test
    void shouldNameAListedResultsFileThatDoesNotExist() throws IOException {
        Path budget = budget("""
                thresholds:
                  http_req_duration: ["p(95)<500"]
                """);
        Path missing = project.resolve("jmeter/missing.jtl");

        GateReport report = PerfGate.evaluate(request(budget, List.of(missing), true), new Diagnostics(), CLOCK);

        assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(report.messages()).extracting(Diagnostic::text)
                .anySatisfy(text -> assertThat(text).contains("missing.jtl").contains("does not exist"));
    }

    @Test
    void shouldNotUseTheResultsOfARunThatDidNotFinish() throws IOException {
        recordK6Run("a_pass", 107);
        Path budget = budget("""
                thresholds:
                  http_req_duration: ["p(95)<500"]
                """);
        Diagnostics diagnostics = new Diagnostics();

        GateReport report = PerfGate.evaluate(request(budget, List.of(), true), diagnostics, CLOCK);

        assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(diagnostics.all()).extracting(Diagnostic::text)
                .anySatisfy(text -> assertThat(text).contains("did not finish (exit code 107)"));
    }

    private CheckRequest request(Path budget, List<Path> resultFiles, boolean failOnK6Thresholds) {
        Path perf = project.resolve("target/perf");
        return new CheckRequest(budget, perf, resultFiles, perf, failOnK6Thresholds);
    }

    private Path budget(String yaml) throws IOException {
        return Files.writeString(project.resolve("perf-budget.yaml"), yaml);
    }

    /** Lays out a recorded k6 run the way perf:k6 leaves it. */
    private void recordK6Run(String run, int exitCode) throws IOException {
        Path folder = Files.createDirectories(project.resolve("target/perf/" + run));
        Files.copy(fixture("k6/" + run + "/run.ndjson.gz"), folder.resolve("run.ndjson.gz"));
        Files.copy(fixture("k6/" + run + "/summary.json"), folder.resolve("summary.json"));
        new K6RunRecord(K6RunRecord.SCHEMA_VERSION, project.resolve("src/test/k6/" + run + ".js").toString(),
                List.of("k6", "run"),
                List.of("BASE_URL"), exitCode, false, Instant.parse("2026-11-23T10:00:00Z"), 10_000,
                "run.ndjson.gz", "summary.json").write(folder.resolve(K6RunRecord.FILE_NAME));
    }

    private static Path fixture(String relative) {
        try {
            return Path.of(PerfGateTest.class.getResource("/fixtures/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
