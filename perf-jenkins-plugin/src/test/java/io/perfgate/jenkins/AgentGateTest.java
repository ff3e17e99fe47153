package io.perfgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import io.perfgate.model.GateReport;
import io.perfgate.model.Verdict;
import io.perfgate.report.JsonReportReader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's part, run through a real (local) FilePath as Jenkins runs it on an agent. */
class AgentGateTest {

    @TempDir
    Path workspace;

    private AgentResult act(PerfGateRecorder options) throws Exception {
        return new FilePath(workspace.toFile()).act(new AgentGate(options, Map.of("BUILD_TAG", "jenkins-shop-7"),
                HistoryAccess.NONE, "shop", null));
    }

    private static GateReport read(AgentResult result) {
        return JsonReportReader.read(new StringReader(result.reportJson().orElseThrow()), "perf-report.json");
    }

    @Test
    void evaluatesInTheWorkspaceWritesTheReportsThereAndReturnsOnlyTheJson() throws Exception {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);

        AgentResult result = act(new PerfGateRecorder("perf-budget.yaml"));

        assertThat(result.problem()).isEmpty();
        assertThat(read(result).verdict()).isEqualTo(Verdict.PASS);
        assertThat(read(result).budgetFile()).isEqualTo("perf-budget.yaml");
        assertThat(result.reportDirectory()).contains("target/perf");
        assertThat(result.reportFiles()).containsExactly("target/perf/perf-report.json", "target/perf/perf-junit.xml",
                "target/perf/perf-report.md", "target/perf/perf-report.html");
        assertThat(workspace.resolve("target/perf/perf-report.html")).isRegularFile();
        // the results stay where they are: only the report model travels
        assertThat(result.reportJson().orElseThrow()).doesNotContain("1700000000000");
    }

    @Test
    void publishModeReadsTheReportPerfCheckWroteWithoutJudgingAgain() throws Exception {
        Workspaces.withResults(workspace, Workspaces.FAILING_BUDGET);
        String written = act(new PerfGateRecorder("perf-budget.yaml")).reportJson().orElseThrow();
        // the budget changes after perf:check: publish shows what perf:check decided
        Files.writeString(workspace.resolve("perf-budget.yaml"), Workspaces.PASSING_BUDGET);
        PerfGateRecorder publish = new PerfGateRecorder("perf-budget.yaml");
        publish.setMode("publish");

        AgentResult result = act(publish);

        assertThat(result.reportJson()).contains(written);
        assertThat(read(result).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.reportFiles()).isEmpty();
    }

    @Test
    void publishModeWithoutAReportSaysWhatToRunFirst() throws Exception {
        PerfGateRecorder publish = new PerfGateRecorder("perf-budget.yaml");
        publish.setMode("publish");

        AgentResult result = act(publish);

        assertThat(result.reportJson()).isEmpty();
        assertThat(result.problem().orElseThrow()).contains("perf-report.json").contains("perf:check");
    }

    @Test
    void publishModeRefusesAReportThatLinksOutOfTheWorkspace(@TempDir Path elsewhere) throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("credentials.xml"), "<secret/>");
        Files.createDirectories(workspace.resolve("target/perf"));
        Files.createSymbolicLink(workspace.resolve("target/perf/perf-report.json"), secret);
        PerfGateRecorder publish = new PerfGateRecorder("perf-budget.yaml");
        publish.setMode("publish");

        AgentResult result = act(publish);

        assertThat(result.reportJson()).isEmpty();
        assertThat(result.problem().orElseThrow()).contains("outside the workspace").doesNotContain("<secret/>");
    }

    @Test
    void theHtmlReportComesBackForTheBuildPage() throws Exception {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);

        AgentResult result = act(new PerfGateRecorder("perf-budget.yaml"));

        assertThat(result.htmlReport().orElseThrow())
                .isEqualTo(Files.readAllBytes(workspace.resolve("target/perf/perf-report.html")));
    }

    @Test
    void aBrokenBudgetGivesAnErrorReportNamingTheFileAndLine() throws Exception {
        Workspaces.withResults(workspace, "thresholds:\n  http_req_duration: [\"p(95) <<< 500\"]\n");

        AgentResult result = act(new PerfGateRecorder("perf-budget.yaml"));

        GateReport report = read(result);
        assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(report.messages()).anySatisfy(message -> assertThat(message.text()).contains("perf-budget.yaml line 2"));
    }

    @Test
    void refusesResultsOutsideTheWorkspace() throws Exception {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);
        PerfGateRecorder options = new PerfGateRecorder("perf-budget.yaml");
        options.setResults("../../**/*.jtl");

        AgentResult result = act(options);

        assertThat(result.reportJson()).isEmpty();
        assertThat(result.problem().orElseThrow()).contains("results").contains("'..'");
        assertThat(workspace.resolve("target/perf/perf-report.json")).doesNotExist();
    }

    @Test
    void refusesAReportFolderOutsideTheWorkspace() throws Exception {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);
        PerfGateRecorder options = new PerfGateRecorder("perf-budget.yaml");
        options.setReportDirectory("/tmp/perf");

        AgentResult result = act(options);

        assertThat(result.problem().orElseThrow()).contains("reportDirectory").contains("absolute");
    }
}
