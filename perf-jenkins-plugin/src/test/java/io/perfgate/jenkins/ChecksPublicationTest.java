package io.perfgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.FilePath;
import io.jenkins.plugins.checks.api.ChecksAnnotation;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksOutput;
import io.jenkins.plugins.checks.api.ChecksStatus;
import io.perfgate.model.GateReport;
import io.perfgate.report.JsonReportReader;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** perf-core's check carried into the Checks API's model. */
class ChecksPublicationTest {

    @TempDir
    Path workspace;

    private GateReport evaluate(String budget) throws Exception {
        Workspaces.withResults(workspace, budget);
        AgentResult result = new FilePath(workspace.toFile()).act(new AgentGate(new PerfGateRecorder("perf-budget.yaml"),
                Map.of(), HistoryAccess.NONE, "shop", null));
        return JsonReportReader.read(new StringReader(result.reportJson().orElseThrow()), "perf-report.json");
    }

    @Test
    void aWarningIsANeutralCheckWithAWarningOnTheBudgetLine() throws Exception {
        ChecksDetails details = ChecksPublication.details(evaluate(Workspaces.WARNING_BUDGET), "performance",
                "services/shop/perf-budget.yaml");

        assertThat(details.getName()).contains("performance");
        assertThat(details.getStatus()).isEqualTo(ChecksStatus.COMPLETED);
        assertThat(details.getConclusion()).isEqualTo(ChecksConclusion.NEUTRAL);
        assertThat(details.getCompletedAt()).isPresent();
        ChecksOutput output = details.getOutput().orElseThrow();
        assertThat(output.getTitle()).isPresent();
        assertThat(output.getSummary()).isPresent();
        assertThat(output.getText().orElseThrow()).contains("http\\_req\\_duration");
        assertThat(output.getChecksAnnotations()).singleElement().satisfies(annotation -> {
            assertThat(annotation.getPath()).contains("services/shop/perf-budget.yaml");
            assertThat(annotation.getAnnotationLevel()).isEqualTo(ChecksAnnotation.ChecksAnnotationLevel.WARNING);
            assertThat(annotation.getStartLine()).contains(3);
            assertThat(annotation.getStartColumn()).isPresent().get().isEqualTo(annotation.getEndColumn().orElseThrow());
            assertThat(annotation.getTitle()).isPresent();
            assertThat(annotation.getMessage().orElseThrow()).contains("p(95)");
        });
    }

    @Test
    void aPassingReportIsASuccessWithoutAnnotations() throws Exception {
        ChecksDetails details = ChecksPublication.details(evaluate(Workspaces.PASSING_BUDGET), "perfgate",
                "perf-budget.yaml");

        assertThat(details.getConclusion()).isEqualTo(ChecksConclusion.SUCCESS);
        assertThat(details.getOutput().orElseThrow().getChecksAnnotations()).isEmpty();
    }
}
