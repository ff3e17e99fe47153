package io.perfgate.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.budget.Limit;
import io.perfgate.budget.Operator;
import io.perfgate.budget.Severity;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.SourceLocation;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.report.ReportFixtures;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class GitlabFeedbackTest {

    private static final String BUDGET = "services/shop/perf-budget.yaml";

    /** Line breaks, separators, markup, a mention and a right-to-left override in every name. */
    private static final String HOSTILE = "50% ::x,\r\n a:b \"q\" # <script>alert(1)</script> @everyone \u202Egnp.exe";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteOneMetricPerWatchedStatistic() {
        String metrics = GitlabFeedback.metrics(ReportFixtures.realistic());

        assertThat(metrics).contains("perfgate_http_req_duration_name_checkout_p95 612.4\n").endsWith("\n# EOF\n");
        assertThat(metrics.lines().filter(line -> line.startsWith("perfgate_http_req_duration_name_checkout_p95 ")))
                .hasSize(1);
        assertThat(metrics.lines()).allSatisfy(line -> assertThat(line).matches("perfgate_[A-Za-z0-9_]+ -?[0-9.]+|# EOF"));
        Goldens.assertMatches("gitlab-metrics.txt", metrics);
    }

    @Test
    void shouldSanitiseHostileNamesIntoMetricNames() {
        String metrics = GitlabFeedback.metrics(ReportFixtures.hostile(HOSTILE));

        assertThat(metrics).isEqualTo("perfgate_m50_x_a_b_q_script_alert_1_script_everyone_gnp_exe_name50_x_a_b_q_script"
                + "_alert_1_script_everyone_gnp_exe_50_x_a_b_q_script_alert_1_script_everyone_gnp_exe_p95 612\n# EOF\n");
    }

    @Test
    void shouldNameMetricsStablyAndDistinctly() {
        assertThat(GitlabFeedback.metricName("http_req_duration{name:checkout}", "p(99.9)"))
                .isEqualTo("perfgate_http_req_duration_name_checkout_p99_9");
        assertThat(GitlabFeedback.metricName("db.query{match:\"from bookings\"}", "calls_per_request"))
                .isEqualTo("perfgate_db_query_match_from_bookings_calls_per_request");
        assertThat(GitlabFeedback.metricName("{}", "()")).isEqualTo("perfgate_x_x");
        String longName = GitlabFeedback.metricName("m{name:" + "a".repeat(500) + "}", "p(95)");
        assertThat(longName).hasSize(GitlabFeedback.MAX_METRIC_NAME_LENGTH).matches("perfgate_m_name_a+_[0-9a-f]{8}");
        assertThat(GitlabFeedback.metricName("m{name:" + "a".repeat(500) + "}", "p(99)")).isNotEqualTo(longName);

        // two subjects that read the same once sanitised keep apart
        GateReport report = report(List.of(
                line("http_req_duration{name:a b}", "p(95)<300", 7, Verdict.PASS, 100),
                line("http_req_duration{name:a_b}", "p(95)<300", 8, Verdict.PASS, 200)));
        List<String> lines = GitlabFeedback.metrics(report).lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("perfgate_http_req_duration_name_a_b_p95 100");
        assertThat(lines.get(1)).matches("perfgate_http_req_duration_name_a_b_p95_[0-9a-f]{8} 200");
        assertThat(GitlabFeedback.metrics(report)).isEqualTo(GitlabFeedback.metrics(report));
    }

    @Test
    void shouldLeaveOutStatisticsThatWereNotMeasured() {
        GateReport report = ReportFixtures.withLines(Verdict.ERROR, List.of());

        assertThat(GitlabFeedback.metrics(report)).isEqualTo("# EOF\n");
    }

    @Test
    void shouldReportAnIssuePerLineThatDidNotPass() throws Exception {
        String report = GitlabFeedback.codeQuality(ReportFixtures.realistic(), BUDGET);

        JsonNode issues = JSON.readTree(report);
        assertThat(issues).hasSize(6);
        JsonNode checkout = issues.get(0);
        assertThat(checkout.get("description").asText())
                .isEqualTo("http_req_duration{name:checkout} p(95) is 612.4 ms, but the budget is < 300 ms");
        assertThat(checkout.get("check_name").asText()).isEqualTo("perfgate-budget-failed");
        assertThat(checkout.get("fingerprint").asText()).matches("[0-9a-f]{32}");
        assertThat(checkout.get("severity").asText()).isEqualTo("major");
        assertThat(checkout.get("location").get("path").asText()).isEqualTo(BUDGET);
        assertThat(checkout.get("location").get("lines").get("begin").asInt()).isEqualTo(7);
        assertThat(issues.findValuesAsText("severity")).containsOnly("major", "minor").contains("minor");
        assertThat(issues.findValuesAsText("fingerprint")).doesNotHaveDuplicates();
        Goldens.assertMatches("gitlab-code-quality.json", report);
    }

    @Test
    void shouldKeepFingerprintsFromBuildToBuild() throws Exception {
        GateReport first = report(List.of(line("http_req_duration", "p(95)<300", 7, Verdict.FAIL, 450)));
        GateReport later = report(List.of(line("http_req_duration", "p(95)<300", 9, Verdict.FAIL, 470)));
        GateReport warned = report(List.of(line("http_req_duration", "p(95)<300", 9, Verdict.WARN, 470)));
        GateReport twice = report(List.of(line("http_req_duration", "p(95)<300", 7, Verdict.FAIL, 450),
                line("http_req_duration", "p(95)<300", 8, Verdict.FAIL, 450)));

        assertThat(fingerprints(later)).isEqualTo(fingerprints(first));
        assertThat(fingerprints(warned)).doesNotContainAnyElementsOf(fingerprints(first));
        assertThat(fingerprints(twice)).hasSize(2).doesNotHaveDuplicates().contains(fingerprints(first).get(0));
    }

    @Test
    void shouldNeutraliseHostileNamesInTheCodeQualityReport() throws Exception {
        String report = GitlabFeedback.codeQuality(ReportFixtures.hostile(HOSTILE), "shop/\u202Eperf-budget.yaml");

        assertThat(report).doesNotContain("<script", "\u202E", "@everyone");
        JsonNode issues = JSON.readTree(report);
        assertThat(issues).hasSize(3);
        assertThat(issues.get(0).get("description").asText()).isEqualTo("sentence 50% ::x,  a:b \"q\" # "
                + "<script>alert(1)</script> @\u200Beveryone gnp.exe");
        assertThat(issues.findValuesAsText("path")).containsOnly("shop/perf-budget.yaml");
        Goldens.assertMatches("gitlab-hostile-code-quality.json", report);
    }

    @Test
    void shouldReportNoIssuesWhenEveryLinePassedOrThePathIsUnknown() {
        assertThat(GitlabFeedback.codeQuality(ReportFixtures.withLines(Verdict.PASS, List.of(), Verdict.PASS), BUDGET))
                .isEqualTo("[]\n");
        assertThat(GitlabFeedback.codeQuality(ReportFixtures.realistic(), "")).isEqualTo("[]\n");
    }

    @Test
    void shouldRecogniseAGitlabJob() {
        assertThat(GitlabFeedback.detected(Map.of("GITLAB_CI", "true"))).isTrue();
        assertThat(GitlabFeedback.detected(Map.of("CI", "true"))).isFalse();
    }

    private static List<String> fingerprints(GateReport report) throws Exception {
        List<String> fingerprints = new ArrayList<>();
        JSON.readTree(GitlabFeedback.codeQuality(report, BUDGET))
                .forEach(issue -> fingerprints.add(issue.get("fingerprint").asText()));
        return fingerprints;
    }

    private static GateReport report(List<LineResult> lines) {
        Verdict verdict = lines.stream().map(LineResult::verdict).reduce(Verdict.PASS, Verdict::worse);
        return new GateReport(Instant.parse("2025-01-31T10:15:30Z"), "perf-budget.yaml", List.of(), lines, List.of(),
                List.of(), verdict);
    }

    private static LineResult line(String subject, String expression, long lineNumber, Verdict verdict,
            double observed) {
        ThresholdLine line = new ThresholdLine(SeriesKey.parse(subject),
                new Threshold(Statistic.percentile(95), Operator.LESS, new Limit(300, Limit.Dimension.NONE, "", "300"),
                        expression),
                verdict == Verdict.WARN ? Severity.WARN : Severity.FAIL, "",
                new SourceLocation("perf-budget.yaml", lineNumber, 7));
        return new LineResult(line, OptionalDouble.of(observed), verdict, subject + " p(95) is " + observed, "", "");
    }
}
