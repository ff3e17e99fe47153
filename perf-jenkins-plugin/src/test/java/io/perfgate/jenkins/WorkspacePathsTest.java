package io.perfgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspacePathsTest {

    @TempDir
    Path workspace;

    @TempDir
    Path elsewhere;

    @Test
    void resolvesARelativePathInsideTheWorkspace() throws IOException {
        Path resolved = new WorkspacePaths(workspace).resolve("target/perf", "reportDirectory");

        assertThat(resolved).isEqualTo(workspace.toRealPath().resolve("target/perf"));
    }

    @Test
    void refusesAbsolutePathsAndClimbingOut() {
        assertThatThrownBy(() -> new WorkspacePaths(workspace).resolve("/etc/passwd", "budget"))
                .isInstanceOf(WorkspacePaths.UnsafePathException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new WorkspacePaths(workspace).resolve("C:\\secrets\\budget.yaml", "budget"))
                .isInstanceOf(WorkspacePaths.UnsafePathException.class).hasMessageContaining("absolute");
        assertThatThrownBy(() -> new WorkspacePaths(workspace).resolve("target/../../other/budget.yaml", "budget"))
                .isInstanceOf(WorkspacePaths.UnsafePathException.class).hasMessageContaining("'..'");
        assertThatThrownBy(() -> new WorkspacePaths(workspace).select("target/**,../**/*.jtl", "results"))
                .isInstanceOf(WorkspacePaths.UnsafePathException.class).hasMessageContaining("results");
        assertThatThrownBy(() -> new WorkspacePaths(workspace).resolve("  ", "budget"))
                .isInstanceOf(WorkspacePaths.UnsafePathException.class).hasMessageContaining("empty");
    }

    @Test
    void refusesASymbolicLinkThatLeadsOutOfTheWorkspace() throws IOException {
        Files.createSymbolicLink(workspace.resolve("outside"), elsewhere);

        assertThatThrownBy(() -> new WorkspacePaths(workspace).resolve("outside/perf-report.json", "reportDirectory"))
                .isInstanceOf(WorkspacePaths.UnsafePathException.class).hasMessageContaining("outside the workspace");
    }

    @Test
    void refusesAResultsFolderWithALinkOutOfTheWorkspace() throws IOException {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);
        Files.createSymbolicLink(workspace.resolve("target/perf/other.jtl"), Files.writeString(elsewhere.resolve("x.jtl"), ""));

        assertThatThrownBy(() -> new WorkspacePaths(workspace).select("target/perf/**", "results"))
                .isInstanceOf(WorkspacePaths.UnsafePathException.class)
                .hasMessageContaining("target/perf/other.jtl is a link that leads outside the workspace");
    }

    @Test
    void selectsTheResultsFilesAGlobMatchesAndTheFolderItStartsIn() throws IOException {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);
        Path k6Run = Files.createDirectories(workspace.resolve("target/perf/checkout"));
        Files.writeString(k6Run.resolve("k6-run.json"), "{}");
        Files.writeString(k6Run.resolve("results.ndjson"), "");
        Files.writeString(workspace.resolve("target/perf/perf-report.json"), "{}");

        WorkspacePaths.Selection selection = new WorkspacePaths(workspace).select("target/perf/**", "results");

        Path root = workspace.toRealPath();
        assertThat(selection.directory()).isEqualTo(root.resolve("target/perf"));
        // the k6 run folder's results are perf-core's to find through k6-run.json; reports are not results
        assertThat(selection.files()).containsExactly(root.resolve("target/perf/results.jtl"));
    }

    @Test
    void aFolderWithoutWildcardsMeansEverythingBelowIt() throws IOException {
        Workspaces.withResults(workspace, Workspaces.PASSING_BUDGET);

        WorkspacePaths.Selection selection = new WorkspacePaths(workspace).select("target/perf", "results");

        assertThat(selection.directory()).isEqualTo(workspace.toRealPath().resolve("target/perf"));
        assertThat(selection.files()).hasSize(1);
    }

    @Test
    void theFixedPrefixOfAPatternIsTheFolderToSearch() {
        assertThat(WorkspacePaths.fixedPrefix("target/perf/**")).isEqualTo("target/perf");
        assertThat(WorkspacePaths.fixedPrefix("results/*.jtl")).isEqualTo("results");
        assertThat(WorkspacePaths.fixedPrefix("**/*.jtl")).isEqualTo(".");
        assertThat(WorkspacePaths.fixedPrefix("load/results.jtl")).isEqualTo("load");
    }
}
