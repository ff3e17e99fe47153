package io.perfgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import hudson.model.Result;
import io.perfgate.model.GateReport;
import io.perfgate.model.Verdict;
import io.perfgate.publish.BuildSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class PerfGateStepTest {

    private static final BuildSummary SUMMARY = BuildSummary.of(new GateReport(Instant.parse("2026-12-05T12:00:00Z"),
            "perf-budget.yaml", List.of(), List.of(), List.of(), List.of(), Verdict.PASS));

    @Test
    void marksTheStageWithTheResultAndTheDecisionsFirstLine() {
        FlowNode node = mock(FlowNode.class);

        PerfGateStep.mark(node, new GateRunner.Outcome(Result.UNSTABLE,
                "Performance budget failed (perf-budget.yaml):\nhttp_req_duration p(95) is 40 ms", Optional.empty()));

        ArgumentCaptor<WarningAction> action = ArgumentCaptor.forClass(WarningAction.class);
        verify(node).addOrReplaceAction(action.capture());
        assertThat(action.getValue().getResult()).isEqualTo(Result.UNSTABLE);
        assertThat(action.getValue().getMessage()).isEqualTo("Performance budget failed (perf-budget.yaml):");
    }

    @Test
    void leavesAPassingStageUnmarked() {
        FlowNode node = mock(FlowNode.class);

        PerfGateStep.mark(node, new GateRunner.Outcome(Result.SUCCESS, "Performance budget passed", Optional.of(SUMMARY)));

        verify(node, never()).addOrReplaceAction(any());
    }

    @Test
    void returnsTheSummaryWithTheResultAsPlainValues() {
        Map<String, Object> returned = PerfGateStep.returned(new GateRunner.Outcome(Result.SUCCESS,
                "Performance budget passed", Optional.of(SUMMARY)));

        assertThat(returned).containsEntry("verdict", "pass").containsEntry("result", "SUCCESS")
                .containsEntry("message", "Performance budget passed").containsKeys("headline", "passed", "failed");
    }

    @Test
    void aGateWithoutAReportReturnsItsResultAndWhy() {
        Map<String, Object> returned = PerfGateStep.returned(new GateRunner.Outcome(Result.FAILURE,
                "perfgate could not run: budget '/etc/x' is absolute", Optional.empty()));

        assertThat(returned).containsOnlyKeys("result", "message").containsEntry("result", "FAILURE");
    }

    @Test
    void theStepCarriesTheOneOptionsObject() {
        PerfGateRecorder options = new PerfGateRecorder("load/perf-budget.yaml");
        options.setMode("publish");

        PerfGateStep step = new PerfGateStep(options);

        assertThat(step.getOptions()).isSameAs(options);
        assertThat(step.getBudget()).isEqualTo("load/perf-budget.yaml");
        assertThat(new PerfGateStep("perf-budget.yaml").getOptions().getResults()).isEqualTo("target/perf/**");
    }
}
