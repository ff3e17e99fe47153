package io.perfgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.Option;
import io.perfgate.gate.GateSettings;
import io.perfgate.model.BuildResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerfGateRecorderTest {

    @TempDir
    Path workspace;

    @Test
    void hasTheDocumentedDefaults() {
        PerfGateRecorder options = new PerfGateRecorder("perf-budget.yaml");

        assertThat(options.getResults()).isEqualTo("target/perf/**");
        assertThat(options.getReportDirectory()).isEqualTo("target/perf");
        assertThat(options.getMode()).isEqualTo("evaluate");
        assertThat(options.isFailOnViolation()).isTrue();
        assertThat(options.isUnstableOnWarning()).isTrue();
        assertThat(options.getHistory()).isEqualTo("job");
        assertThat(options.getHistoryCredentialsId()).isEmpty();
        assertThat(options.getChecksName()).isEqualTo("perfgate");
        assertThat(options.getBaselineRuns()).isEqualTo(15);
        assertThat(options.isFailOnK6Thresholds()).isTrue();
        assertThat(new PerfGateRecorder(" ").getBudget()).isEqualTo("perf-budget.yaml");
    }

    @Test
    void bindsItsOptionsToPerfCoresSettingsInsideTheWorkspace() throws Exception {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);
        PerfGateRecorder options = new PerfGateRecorder("perf-budget.yaml");
        options.setHistory("perf-history");
        options.setBaselineRuns(9);
        options.setFailOnK6Thresholds(false);
        options.setFailOnViolation(false);
        options.setUnstableOnWarning(false);
        options.setHistoryCredentialsId("perf-db");

        GateSettings settings = options.settings(new WorkspacePaths(workspace), "shop", null);

        Path root = workspace.toRealPath();
        assertThat(settings.budgetFile()).isEqualTo(root.resolve("perf-budget.yaml"));
        assertThat(settings.resultsDirectory()).isEqualTo(root.resolve("target/perf"));
        assertThat(settings.resultFiles()).containsExactly(root.resolve("target/perf/results.jtl"));
        assertThat(settings.reportDirectory()).isEqualTo(root.resolve("target/perf"));
        assertThat(settings.baseDirectory()).isEqualTo(root);
        assertThat(settings.history()).isEqualTo(root.resolve("perf-history").toString());
        assertThat(settings.historyCredentials()).contains("perf-db");
        assertThat(settings.project()).isEqualTo("shop");
        assertThat(settings.baselineRuns()).isEqualTo(9);
        assertThat(settings.failOnK6Thresholds()).isFalse();
        assertThat(settings.decisionPolicy().onFailure()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(settings.decisionPolicy().onWarning()).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void theJobsHistoryIsWhereTheControllerCopiedIt() throws Exception {
        PerfGateRecorder options = new PerfGateRecorder("perf-budget.yaml");

        assertThat(options.settings(new WorkspacePaths(workspace), "shop", "/agent/ws@tmp/perfgate-history").history())
                .isEqualTo("/agent/ws@tmp/perfgate-history");
        options.setHistory("none");
        assertThat(options.settings(new WorkspacePaths(workspace), "shop", null).history()).isEqualTo("none");
    }

    @Test
    void keepsNoHistoryForABlankLocation() throws Exception {
        Files.createDirectories(workspace);
        PerfGateRecorder options = new PerfGateRecorder("perf-budget.yaml");
        options.setHistory("");

        assertThat(options.settings(new WorkspacePaths(workspace), "shop", null).history()).isEqualTo("none");

        options.setHistory("jdbc:postgresql://db:5432/perf");
        assertThat(options.settings(new WorkspacePaths(workspace), "shop", null).history())
                .isEqualTo("jdbc:postgresql://db:5432/perf");
    }

    @Test
    void refusesAHistoryFolderThatClimbsOutOfTheWorkspace() {
        PerfGateRecorder options = new PerfGateRecorder("perf-budget.yaml");
        options.setHistory("../history");

        assertThatThrownBy(() -> options.settings(new WorkspacePaths(workspace), "shop", null))
                .isInstanceOf(WorkspacePaths.UnsafePathException.class).hasMessageContaining("history");
    }

    @Test
    void readsTheModeInAnyCase() {
        assertThat(GateMode.of("Publish")).isEqualTo(GateMode.PUBLISH);
        assertThat(GateMode.of(null)).isEqualTo(GateMode.EVALUATE);
        assertThatThrownBy(() -> GateMode.of("judge")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spellsOptionsAsTheStepNamesThem() {
        assertThat(JenkinsSpelling.INSTANCE.spell(Option.BUDGET_FILE)).isEqualTo("budget");
        assertThat(JenkinsSpelling.INSTANCE.spell(Option.RESULT_FILES)).isEqualTo("results");
        assertThat(JenkinsSpelling.INSTANCE.spell(Option.K6_RUN)).isEqualTo("perf:k6");
    }

    @Test
    void theCredentialsPasswordNeverShows() {
        assertThat(new HistoryAccess("perf", "s3cret")).hasToString("HistoryAccess[user=perf, password=****]");
    }
}
