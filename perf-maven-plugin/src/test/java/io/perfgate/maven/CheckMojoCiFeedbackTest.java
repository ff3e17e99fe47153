package io.perfgate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.budget.Limit;
import io.perfgate.budget.Operator;
import io.perfgate.budget.Severity;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.SourceLocation;
import io.perfgate.gate.PerfGate;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perf:check} on GitHub Actions and GitLab CI, told apart by their variables: what it prints for the
 * runner, appends to the job summary and writes for the merge request. The gate answers fixed reports.
 */
@MojoTest
class CheckMojoCiFeedbackTest {

    private static final String FAILED = "http_req_duration p(95) is 69.27 ms, but the budget is < 20 ms";
    private static final String WARNED = "http_req_duration{name:search} avg is 231.7 ms, but the budget is < 200 ms";

    @TempDir
    Path work;

    private final RecordingLog log = new RecordingLog();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    /** The mojo with its budget in {@code <work>/checkout}, answering a report of {@code lines}. */
    private CheckMojo answering(CheckMojo mojo, Map<String, String> variables, LineResult... lines) throws Exception {
        Path checkout = Files.createDirectories(work.resolve("checkout"));
        setVariableValueToObject(mojo, "budgetFile", checkout.resolve("services/shop/perf-budget.yaml").toFile());
        setVariableValueToObject(mojo, "reportDirectory", checkout.resolve("services/shop/target/perf").toFile());
        mojo.setLog(log);
        mojo.history = "none";
        mojo.systemEnvironment = variables;
        mojo.console = new PrintStream(printed, true, StandardCharsets.UTF_8);
        mojo.gate = (settings, environment, diagnostics) -> {
            Verdict verdict = Arrays.stream(lines).map(LineResult::verdict).reduce(Verdict.PASS, Verdict::worse);
            GateReport report = new GateReport(Instant.parse("2025-01-31T10:15:30Z"), "perf-budget.yaml", List.of(),
                    List.of(lines), List.of(), diagnostics.all(), verdict);
            return PerfGate.outcome(report, List.of(), settings.decisionPolicy(), environment.spelling());
        };
        return mojo;
    }

    private Map<String, String> github(Path summary) {
        return Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString(),
                "GITHUB_WORKSPACE", work.resolve("checkout").toString());
    }

    private static LineResult line(String subject, String expression, Statistic statistic, int lineNumber,
            Verdict verdict, double observed, String sentence) {
        Threshold threshold = new Threshold(statistic, Operator.LESS, new Limit(20, Limit.Dimension.NONE, "", "20"),
                expression);
        ThresholdLine budgetLine = new ThresholdLine(SeriesKey.parse(subject), threshold,
                verdict == Verdict.WARN ? Severity.WARN : Severity.FAIL, "",
                new SourceLocation("perf-budget.yaml", lineNumber, 23));
        return new LineResult(budgetLine, OptionalDouble.of(observed), verdict, sentence, "", "");
    }

    private static LineResult failed() {
        return line("http_req_duration", "p(95)<20", Statistic.percentile(95), 2, Verdict.FAIL, 69.27, FAILED);
    }

    private static LineResult warned() {
        return line("http_req_duration{name:search}", "avg<200", Statistic.AVG, 3, Verdict.WARN, 231.7, WARNED);
    }

    private static LineResult passed() {
        return line("http_req_failed", "rate<0.01", Statistic.RATE, 4, Verdict.PASS, 0.003,
                "http_req_failed rate is 0.003, within the budget of < 0.01");
    }

    private List<String> printedLines() {
        return printed.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldAnnotateTheBudgetAndAppendToTheJobSummaryOnGithubActions(CheckMojo mojo) throws Exception {
        Path summary = Files.writeString(work.resolve("step_summary"), "### Unit tests\n\n42 passed\n");
        answering(mojo, github(summary), failed(), warned(), passed());

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);

        assertThat(printedLines()).containsExactly(
                "::error file=services/shop/perf-budget.yaml,line=2,col=23,title=p(95)<20 failed::" + FAILED,
                "::warning file=services/shop/perf-budget.yaml,line=3,col=23,title=avg<200 failed (warning)::"
                        + WARNED);
        // the commands reach standard output only: in Maven's log they would not start a line
        assertThat(log.lines()).noneMatch(line -> line.contains("::error") || line.contains("::warning"));
        assertThat(log.at("INFO")).contains("GitHub Actions: report added to the job summary, 2 annotations");
        String text = Files.readString(summary);
        assertThat(text).startsWith("### Unit tests\n\n42 passed\n\n## ❌ perfgate: 1 of 3 budget lines failed\n\n"
                + "**3 budget lines:** 1 failed, 1 warning, 1 passed · budget services/shop/perf-budget.yaml · ")
                .contains("| ❌ FAIL | http\\_req\\_duration | p(95)&lt;20 |");
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldKeepAHostileNameInsideOneCommand(CheckMojo mojo) throws Exception {
        Path summary = work.resolve("step_summary");
        String hostile = "http_req_duration{name:x} p(95) is 69.27 ms 100%\r\n::error file=x,line=1::@everyone"
                + " \u202Eevil";
        answering(mojo, github(summary),
                line("http_req_duration{name:x}", "p(95)<20", Statistic.percentile(95), 2, Verdict.FAIL, 69.27,
                        hostile));

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);

        assertThat(printedLines()).containsExactly("::error file=services/shop/perf-budget.yaml,line=2,col=23,"
                + "title=p(95)<20 failed::http_req_duration{name:x} p(95) is 69.27 ms 100%25 ::error file=x,line=1::"
                + "@\u200Beveryone evil");
        assertThat(Files.readString(summary)).doesNotContain("@everyone", "\u202E");
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldWarnWhenTheBudgetLiesOutsideTheWorkspace(CheckMojo mojo) throws Exception {
        Path summary = work.resolve("step_summary");
        answering(mojo, Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString(),
                "GITHUB_WORKSPACE", work.resolve("elsewhere").toString()), warned()).execute();

        assertThat(printedLines()).isEmpty();
        assertThat(log.at("WARNING")).contains(
                "GitHub Actions: the budget file is not below GITHUB_WORKSPACE, so no line is annotated");
        assertThat(Files.readString(summary)).startsWith("## ⚠️ perfgate: 1 budget line passed, 1 with a warning\n");
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldWriteTheMergeRequestReportsOnGitlabCi(CheckMojo mojo) throws Exception {
        answering(mojo, Map.of("GITLAB_CI", "true", "CI_PROJECT_DIR", work.resolve("checkout").toString()),
                failed(), warned(), passed());

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoFailureException.class);

        Path reports = work.resolve("checkout/services/shop/target/perf");
        assertThat(Files.readString(reports.resolve("gitlab-metrics.txt"))).isEqualTo("""
                perfgate_http_req_duration_p95 69.27
                perfgate_http_req_duration_name_search_avg 231.7
                perfgate_http_req_failed_rate 0.003
                # EOF
                """);
        String codeQuality = Files.readString(reports.resolve("gl-code-quality-report.json"));
        assertThat(codeQuality).contains("\"path\": \"services/shop/perf-budget.yaml\"", "\"begin\": 2",
                "\"begin\": 3", "\"severity\": \"major\"", "\"severity\": \"minor\"").doesNotContain("\"begin\": 4");
        assertThat(log.at("INFO")).contains("Report: " + reports.resolve("gitlab-metrics.txt"),
                "Report: " + reports.resolve("gl-code-quality-report.json"));
        assertThat(printedLines()).isEmpty();
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "ciFeedback", value = "false")
    void shouldShowNothingOnTheCiWhenTurnedOff(CheckMojo mojo) throws Exception {
        Path summary = work.resolve("step_summary");
        Map<String, String> both = new java.util.HashMap<>(github(summary));
        both.put("GITLAB_CI", "true");
        both.put("CI_PROJECT_DIR", work.resolve("checkout").toString());
        answering(mojo, both, warned()).execute();

        assertThat(printedLines()).isEmpty();
        assertThat(summary).doesNotExist();
        assertThat(work.resolve("checkout/services/shop/target/perf/gitlab-metrics.txt")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldShowNothingBeyondTheLogOutsideTheseCis(CheckMojo mojo) throws Exception {
        answering(mojo, Map.of("CI", "true", "JENKINS_URL", "https://ci.example.com/"), warned()).execute();

        assertThat(printedLines()).isEmpty();
        assertThat(work.resolve("checkout/services/shop/target/perf")).doesNotExist();
        assertThat(log.lines()).noneMatch(line -> line.contains("GitHub") || line.contains("GitLab"));
    }
}
