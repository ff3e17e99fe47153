package io.perfgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import hudson.util.StreamTaskListener;
import io.jenkins.plugins.checks.api.ChecksAnnotation;
import io.jenkins.plugins.checks.api.ChecksConclusion;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.jenkins.plugins.checks.api.ChecksPublisher;
import io.jenkins.plugins.checks.api.ChecksPublisherFactory;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.MockedStatic;

/** A whole gate on the controller: a real workspace and build folder, a mocked build and Checks API. */
class GateRunnerTest {

    @TempDir
    Path workspace;

    @TempDir
    Path buildFolder;

    @TempDir
    Path jobFolder;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final StreamTaskListener listener = new StreamTaskListener(console, StandardCharsets.UTF_8);
    private final AtomicReference<Result> result = new AtomicReference<>();
    private final List<Action> actions = new ArrayList<>();
    private final ChecksPublisher publisher = mock(ChecksPublisher.class);
    private MockedStatic<ChecksPublisherFactory> checks;
    private Run<?, ?> run;

    @BeforeEach
    void build() {
        Job<?, ?> job = mock(Job.class);
        when(job.getFullName()).thenReturn("shop/checkout");
        when(job.getRootDir()).thenReturn(jobFolder.toFile());
        run = mock(Run.class);
        doReturn(job).when(run).getParent();
        when(run.getRootDir()).thenReturn(buildFolder.toFile());
        when(run.getNumber()).thenReturn(7);
        when(run.getResult()).thenAnswer(invocation -> result.get());
        doAnswer(invocation -> {
            result.set(invocation.getArgument(0));
            return null;
        }).when(run).setResult(any());
        doAnswer(invocation -> actions.add(invocation.getArgument(0))).when(run).addOrReplaceAction(any());
        checks = mockStatic(ChecksPublisherFactory.class);
        checks.when(() -> ChecksPublisherFactory.fromRun(any(), any())).thenReturn(publisher);
    }

    @AfterEach
    void close() {
        checks.close();
    }

    private GateRunner.Outcome gate(PerfGateRecorder options) throws Exception {
        return GateRunner.run(options, run, new FilePath(workspace.toFile()), new EnvVars("BUILD_TAG", "jenkins-7"),
                listener);
    }

    private String console() {
        listener.getLogger().flush();
        return console.toString(StandardCharsets.UTF_8);
    }

    private ChecksDetails publishedCheck() {
        ArgumentCaptor<ChecksDetails> details = ArgumentCaptor.forClass(ChecksDetails.class);
        verify(publisher).publish(details.capture());
        return details.getValue();
    }

    @Test
    void aPassingBudgetLeavesTheBuildAloneAndStoresTheReportInTheBuild() throws Exception {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);

        GateRunner.Outcome outcome = gate(new PerfGateRecorder("perf-budget.yaml"));

        assertThat(outcome.result()).isEqualTo(Result.SUCCESS);
        verify(run, never()).setResult(any());
        assertThat(console()).contains("perfgate: PASSED").contains("[perfgate] Performance budget passed");
        assertThat(buildFolder.resolve("perfgate/perf-report.json")).isRegularFile();
        assertThat(buildFolder.resolve("perfgate/perf-report.html")).isRegularFile();
        assertThat(actions).singleElement().isInstanceOfSatisfying(PerfGateBuildAction.class, action -> {
            assertThat(action.getPassed()).isEqualTo(1);
            assertThat(action.getResult()).isEqualTo("SUCCESS");
            assertThat(action.getHeadline()).isNotBlank();
        });
        assertThat(publishedCheck().getConclusion()).isEqualTo(ChecksConclusion.SUCCESS);
        assertThat(outcome.summary().orElseThrow().passed()).isEqualTo(1);
    }

    @Test
    void aFailedLineFailsTheBuildWithTheSentenceInTheConsole() throws Exception {
        Workspaces.withResults(workspace, Workspaces.FAILING_BUDGET);

        GateRunner.Outcome outcome = gate(new PerfGateRecorder("perf-budget.yaml"));

        assertThat(outcome.result()).isEqualTo(Result.FAILURE);
        assertThat(result.get()).isEqualTo(Result.FAILURE);
        assertThat(console()).contains("Performance budget failed (perf-budget.yaml):")
                .contains("but the budget is < 20 ms");
        ChecksDetails check = publishedCheck();
        assertThat(check.getName()).contains("perfgate");
        assertThat(check.getConclusion()).isEqualTo(ChecksConclusion.FAILURE);
        List<ChecksAnnotation> annotations = check.getOutput().orElseThrow().getChecksAnnotations();
        assertThat(annotations).singleElement().satisfies(annotation -> {
            assertThat(annotation.getPath()).contains("perf-budget.yaml");
            assertThat(annotation.getAnnotationLevel()).isEqualTo(ChecksAnnotation.ChecksAnnotationLevel.FAILURE);
            assertThat(annotation.getStartLine()).contains(2);
        });
    }

    @Test
    void aFailedLineOnlyMarksTheBuildUnstableWhenFailOnViolationIsOff() throws Exception {
        Workspaces.withResults(workspace, Workspaces.FAILING_BUDGET);
        PerfGateRecorder options = new PerfGateRecorder("perf-budget.yaml");
        options.setFailOnViolation(false);

        GateRunner.Outcome outcome = gate(options);

        assertThat(outcome.result()).isEqualTo(Result.UNSTABLE);
        assertThat(result.get()).isEqualTo(Result.UNSTABLE);
        assertThat(console()).contains("failOnViolation is false");
    }

    @Test
    void aWarningMarksTheBuildUnstableUnlessWarningsAreOnlyReported() throws Exception {
        Workspaces.withResults(workspace, Workspaces.WARNING_BUDGET);

        assertThat(gate(new PerfGateRecorder("perf-budget.yaml")).result()).isEqualTo(Result.UNSTABLE);
        assertThat(result.get()).isEqualTo(Result.UNSTABLE);

        result.set(null);
        PerfGateRecorder reportOnly = new PerfGateRecorder("perf-budget.yaml");
        reportOnly.setUnstableOnWarning(false);
        GateRunner.Outcome outcome = gate(reportOnly);
        assertThat(outcome.result()).isEqualTo(Result.SUCCESS);
        assertThat(result.get()).isNull();
        assertThat(console()).contains("Performance budget passed with warnings");
    }

    @Test
    void aBudgetThatCannotBeReadFailsTheBuildNamingTheFile() throws Exception {
        Workspaces.withResults(workspace, "thresholds:\n  http_req_duration: [\"p(95) <<< 500\"]\n");

        GateRunner.Outcome outcome = gate(new PerfGateRecorder("perf-budget.yaml"));

        assertThat(outcome.result()).isEqualTo(Result.FAILURE);
        assertThat(result.get()).isEqualTo(Result.FAILURE);
        assertThat(outcome.message()).contains("perf-budget.yaml line 2");
        assertThat(outcome.summary().orElseThrow().verdict().name()).isEqualTo("ERROR");
        assertThat(console()).contains("[perfgate] ERROR: perf-budget.yaml line 2, column 23: unknown operator '<<<'");
    }

    @Test
    void aPathOutsideTheWorkspaceFailsTheBuildWithoutAReport() throws Exception {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);

        GateRunner.Outcome outcome = gate(new PerfGateRecorder("../other-job/perf-budget.yaml"));

        assertThat(outcome.result()).isEqualTo(Result.FAILURE);
        assertThat(outcome.summary()).isEmpty();
        assertThat(console()).contains("perfgate could not run").contains("budget");
        assertThat(actions).isEmpty();
        ChecksDetails check = publishedCheck();
        assertThat(check.getConclusion()).isEqualTo(ChecksConclusion.FAILURE);
        assertThat(check.getOutput().orElseThrow().getSummary().orElseThrow()).contains("'..'");
    }

    @Test
    void anUnknownModeFailsTheBuild() throws Exception {
        PerfGateRecorder options = new PerfGateRecorder("perf-budget.yaml");
        options.setMode("judge");

        assertThat(gate(options).result()).isEqualTo(Result.FAILURE);
        assertThat(console()).contains("mode must be 'evaluate' or 'publish'");
    }

    @Test
    void neverMakesABuildBetter() throws Exception {
        Workspaces.withResults(workspace, Workspaces.WARNING_BUDGET);
        result.set(Result.FAILURE);

        gate(new PerfGateRecorder("perf-budget.yaml"));

        verify(run, never()).setResult(any());
        assertThat(result.get()).isEqualTo(Result.FAILURE);
    }

    @Test
    void publishModeShowsWhatPerfCheckDecided() throws Exception {
        Workspaces.withResults(workspace, Workspaces.FAILING_BUDGET);
        gate(new PerfGateRecorder("perf-budget.yaml"));
        result.set(null);
        actions.clear();
        Files.writeString(workspace.resolve("perf-budget.yaml"), Workspaces.PASSING_BUDGET);
        PerfGateRecorder publish = new PerfGateRecorder("perf-budget.yaml");
        publish.setMode("publish");

        GateRunner.Outcome outcome = gate(publish);

        assertThat(outcome.result()).isEqualTo(Result.FAILURE);
        assertThat(console()).contains("[perfgate] publishing target/perf/perf-report.json");
        assertThat(actions).singleElement().isInstanceOf(PerfGateBuildAction.class);
    }

    @Test
    void aCheckThatCannotBePublishedIsReportedAndChangesNothing() throws Exception {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);
        org.mockito.Mockito.doThrow(new IllegalStateException("GitHub said no")).when(publisher).publish(any());

        GateRunner.Outcome outcome = gate(new PerfGateRecorder("perf-budget.yaml"));

        assertThat(outcome.result()).isEqualTo(Result.SUCCESS);
        assertThat(console()).contains("the check could not be published: GitHub said no");
    }

    @Test
    void recordsEachRunInTheJobsHistoryAndComparesTheNextWithIt() throws Exception {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);

        gate(new PerfGateRecorder("perf-budget.yaml"));
        try (var runs = Files.walk(jobFolder.resolve("perfgate-history"))) {
            assertThat(runs.filter(file -> file.toString().endsWith(".json"))
                    .filter(file -> file.getParent().getParent().getFileName().toString().equals("runs")))
                    .hasSize(1);
        }
        // the agent's copy beside the workspace is gone
        assertThat(workspace.resolveSibling(workspace.getFileName() + "@tmp").resolve("perfgate-history"))
                .doesNotExist();

        actions.clear();
        GateRunner.Outcome second = GateRunner.run(new PerfGateRecorder("perf-budget.yaml"), run,
                new FilePath(workspace.toFile()), new EnvVars("BUILD_TAG", "jenkins-8"), listener);

        assertThat(second.result()).isEqualTo(Result.SUCCESS);
        PerfGateBuildAction action = (PerfGateBuildAction) actions.get(0);
        assertThat(action.report().orElseThrow().trends()).isNotEmpty()
                .allSatisfy(trend -> assertThat(trend.points()).hasSize(2));
        assertThat(action.getTrends()).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get(1)).isEqualTo("2");
            assertThat(row.get(3)).endsWith("ms");
        });
    }

    @Test
    void keepsNoHistoryWhenToldNot() throws Exception {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);
        PerfGateRecorder options = new PerfGateRecorder("perf-budget.yaml");
        options.setHistory("none");

        gate(options);

        assertThat(jobFolder.resolve("perfgate-history")).doesNotExist();
    }

    @Test
    void theHistoryProjectOfABranchIsItsMultibranchProject() {
        ItemGroup<?> multibranch = mock(ItemGroup.class, withSettings().extraInterfaces(Item.class));
        when(((Item) multibranch).getFullName()).thenReturn("shop");
        Job<?, ?> job = mock(Job.class);
        when(job.getFullName()).thenReturn("shop/PR-12");
        doReturn(multibranch).when(job).getParent();

        assertThat(GateRunner.project(job, new EnvVars("BRANCH_NAME", "PR-12"))).isEqualTo("shop");
        assertThat(GateRunner.project(job, new EnvVars())).isEqualTo("shop/PR-12");
    }
}
