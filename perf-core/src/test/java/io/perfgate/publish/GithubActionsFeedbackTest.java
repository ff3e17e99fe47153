package io.perfgate.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostic;
import io.perfgate.model.GateReport;
import io.perfgate.model.Verdict;
import io.perfgate.report.MarkdownReportWriter;
import io.perfgate.report.ReportFixtures;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GithubActionsFeedbackTest {

    private static final String BUDGET = "services/shop/perf-budget.yaml";

    /**
     * Everything that could end a workflow command early, start another one, split its properties or
     * reach people: percent signs, a line break, {@code ::}, commas and colons, markup, a mention, a
     * right-to-left override.
     */
    private static final String HOSTILE = "50% ::warning file=x,line=1::\r\n::error::x, a:b <script>alert(1)</script>"
            + " @everyone \u202Egnp.exe";

    @Test
    void shouldAnnotateEveryLineThatDidNotPassOnItsLineAndColumn() {
        List<String> commands = GithubActionsFeedback.commands(ReportFixtures.realistic(), BUDGET);

        assertThat(commands).hasSize(6);
        assertThat(commands.get(1)).isEqualTo("::error file=services/shop/perf-budget.yaml,line=7,col=7,"
                + "title=p(95)<300 failed::http_req_duration{name:checkout} p(95) is 612.4 ms, but the budget is < 300 ms");
        assertThat(commands).filteredOn(command -> command.startsWith("::warning ")).singleElement()
                .satisfies(command -> assertThat(command).contains(",title=avg<200ms failed (warning)::"));
        Goldens.assertMatches("github-commands.txt", String.join("\n", commands) + "\n");
    }

    @Test
    void shouldEscapeHostileNamesSoEachCommandStaysOneCommand() {
        String path = "shop, a:b/100%/perf-budget.yaml";
        List<String> commands = GithubActionsFeedback.commands(ReportFixtures.hostile(HOSTILE), path);

        assertThat(commands).hasSize(3).allSatisfy(command -> {
            assertThat(command).matches("::(error|warning) file=.*").doesNotContain("\r", "\n", "@everyone")
                    .doesNotContainPattern("[\u202A-\u202E\u2066-\u2069]")
                    // a percent sign only starts one of the escapes
                    .doesNotContainPattern("%(?!25|0D|0A|3A|2C)");
            int end = command.indexOf("::", 2);
            String properties = command.substring(command.indexOf(' ') + 1, end);
            for (String property : properties.split(",")) {
                String[] pair = property.split("=", 2);
                assertThat(pair).hasSize(2);
                assertThat(Set.of("file", "line", "col", "title")).contains(pair[0]);
                assertThat(pair[1]).doesNotContain(":", ",");
            }
        });
        assertThat(commands.get(0)).startsWith("::error file=shop%2C a%3Ab/100%25/perf-budget.yaml,line=3,col=5,"
                + "title=p(95)<50%25 %3A%3Awarning file=x%2Cline=1%3A%3A %3A%3Aerror%3A%3Ax%2C a%3Ab ")
                .endsWith("::sentence 50%25 ::warning file=x,line=1:: ::error::x, a:b <script>alert(1)</script> "
                        + "@\u200Beveryone gnp.exe");
        assertThat(commands.get(2)).startsWith("::warning file=shop%2C a%3Ab/100%25/perf-budget.yaml,line=3,col=5,");
        Goldens.assertMatches("github-hostile-commands.txt", String.join("\n", commands) + "\n");
    }

    @Test
    void shouldEscapeDataAndPropertiesAsTheRunnerReadsThem() {
        assertThat(GithubActionsFeedback.data("100% a:b,c\r\nd")).isEqualTo("100%25 a:b,c%0D%0Ad");
        assertThat(GithubActionsFeedback.property("100% a:b,c\r\nd")).isEqualTo("100%25 a%3Ab%2Cc%0D%0Ad");
        assertThat(GithubActionsFeedback.property("%3A")).isEqualTo("%253A");
    }

    @Test
    void shouldAnnotateNoLineWithoutTheBudgetsPath() {
        assertThat(GithubActionsFeedback.commands(ReportFixtures.realistic(), "")).isEmpty();
    }

    @Test
    void shouldAnnotateTheErrorsOfAReportWithoutLines() {
        GateReport report = ReportFixtures.withLines(Verdict.ERROR, List.of(
                new Diagnostic(Diagnostic.Level.ERROR, "perf-budget.yaml line 3, column 22: unknown aggregation p95"),
                new Diagnostic(Diagnostic.Level.WARNING, "no history")));

        assertThat(GithubActionsFeedback.commands(report, BUDGET)).containsExactly(
                "::error title=perfgate::perf-budget.yaml line 3, column 22: unknown aggregation p95");
    }

    @Test
    void shouldAppendTheMarkdownReportToTheSummary() throws Exception {
        GateReport report = ReportFixtures.realistic();
        StringWriter markdown = new StringWriter();
        new MarkdownReportWriter().write(report, markdown);

        String summary = GithubActionsFeedback.summary(report, "", 0);

        assertThat(summary).isEqualTo(markdown.toString()).startsWith("## ⛔ perfgate: ");
        assertThat(GithubActionsFeedback.summary(report, "", 120)).isEqualTo("\n" + summary);
        Goldens.assertMatches("github-summary.md", summary);
    }

    @Test
    void shouldNameTheBudgetByItsPathInTheRepository() {
        GateReport report = ReportFixtures.realistic();

        String summary = GithubActionsFeedback.summary(report, BUDGET, 0);

        assertThat(summary).contains(" · budget services/shop/perf-budget.yaml · ")
                .isEqualTo(GithubActionsFeedback.summary(report, "", 0).replace(" · budget perf-budget.yaml · ",
                        " · budget services/shop/perf-budget.yaml · "));
    }

    @Test
    void shouldNeutraliseMentionsAndBidiControlsInTheSummary() {
        String summary = GithubActionsFeedback.summary(ReportFixtures.hostile(HOSTILE), "", 0);

        assertThat(summary).doesNotContain("@everyone", "<script").doesNotContainPattern("[\u202A-\u202E\u2066-\u2069]")
                .contains("@\u200Beveryone");
        Goldens.assertMatches("github-hostile-summary.md", summary);
    }

    @Test
    void shouldCutTheSummaryBetweenLinesToFitWhatTheStepAlreadyWrote() {
        GateReport report = ReportFixtures.manyLines(400, 3);
        String whole = GithubActionsFeedback.summary(report, BUDGET, 0);
        long written = GithubActionsFeedback.MAX_SUMMARY_BYTES - 20_000;

        String summary = GithubActionsFeedback.summary(report, BUDGET, written);

        assertThat(utf8(whole)).isGreaterThan(20_000);
        assertThat(written + utf8(summary)).isLessThanOrEqualTo(GithubActionsFeedback.MAX_SUMMARY_BYTES)
                .isGreaterThan(GithubActionsFeedback.MAX_SUMMARY_BYTES - 1_000);
        assertThat(summary).startsWith("\n## ").endsWith("\n\n" + GithubActionsFeedback.CUT_NOTE + "\n");
        assertThat(whole).startsWith(summary.substring(1, summary.lastIndexOf("\n\n") + 1));
    }

    @Test
    void shouldAppendNothingWhenNotEvenTheNoteFits() {
        GateReport report = ReportFixtures.realistic();

        assertThat(GithubActionsFeedback.summary(report, BUDGET, GithubActionsFeedback.MAX_SUMMARY_BYTES - 50))
                .isEmpty();
        assertThat(GithubActionsFeedback.summary(report, BUDGET, GithubActionsFeedback.MAX_SUMMARY_BYTES + 5))
                .isEmpty();
    }

    @Test
    void shouldRecogniseAGithubActionsJob() {
        Map<String, String> job = Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", "/runner/_temp/step_summary");

        assertThat(GithubActionsFeedback.detected(job)).isTrue();
        assertThat(GithubActionsFeedback.summaryFile(job)).contains("/runner/_temp/step_summary");
        assertThat(GithubActionsFeedback.detected(Map.of("GITHUB_ACTIONS", "false"))).isFalse();
        assertThat(GithubActionsFeedback.detected(Map.of())).isFalse();
        assertThat(GithubActionsFeedback.summaryFile(Map.of("GITHUB_STEP_SUMMARY", " "))).isEqualTo(Optional.empty());
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
