package io.perfgate.jenkins;

import hudson.remoting.VirtualChannel;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.gate.CheckRequest;
import io.perfgate.gate.HistoryLocation;
import io.perfgate.gate.HistoryOptions;
import io.perfgate.gate.PerfGate;
import io.perfgate.gate.RunIdentity;
import io.perfgate.history.HistoryStore;
import io.perfgate.history.SpoolingHistoryStore;
import io.perfgate.report.JsonReportWriter;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import jenkins.MasterToSlaveFileCallable;

/**
 * The part of a gate that runs where the workspace is: finds the results, evaluates the budget, writes
 * the reports into the workspace (or, in publish mode, reads the {@code perf-report.json} that
 * {@code perf:check} wrote) and returns only the report's JSON text. Results files may be gigabytes; they
 * are read here and never cross to the controller.
 */
final class AgentGate extends MasterToSlaveFileCallable<AgentResult> {

    private static final long serialVersionUID = 1L;

    private final GateSpec spec;

    AgentGate(GateSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public AgentResult invoke(File workspaceFolder, VirtualChannel channel) throws IOException {
        WorkspacePaths workspace;
        try {
            workspace = new WorkspacePaths(workspaceFolder.toPath());
        } catch (IOException e) {
            return AgentResult.broken("the workspace " + workspaceFolder + " cannot be read: " + e.getMessage());
        }
        try {
            Path reportDirectory = workspace.resolve(spec.reportDirectory(), "reportDirectory");
            String relativeReports = workspace.workspace().relativize(reportDirectory).toString().replace('\\', '/');
            if (spec.mode() == GateMode.PUBLISH) {
                return AgentResult.report(readReport(reportDirectory), relativeReports.isEmpty() ? "." : relativeReports);
            }
            evaluate(workspace, reportDirectory);
            return AgentResult.report(readReport(reportDirectory), relativeReports.isEmpty() ? "." : relativeReports);
        } catch (WorkspacePaths.UnsafePathException e) {
            return AgentResult.broken(e.getMessage());
        } catch (BadInputException e) {
            return AgentResult.broken(e.getMessage());
        } catch (IllegalArgumentException e) {
            return AgentResult.broken(e.getMessage());
        } catch (UncheckedIOException e) {
            return AgentResult.broken("perfgate could not read or write its files: " + e.getMessage());
        }
    }

    private void evaluate(WorkspacePaths workspace, Path reportDirectory) throws IOException {
        Path budget = workspace.resolve(spec.budget(), "budget");
        if (!Files.isRegularFile(budget)) {
            throw new BadInputException(io.perfgate.diag.SourceLocation.ofFile(spec.budget()),
                    "the budget file does not exist in the workspace");
        }
        WorkspacePaths.Selection results = workspace.select(spec.results(), "results");
        Diagnostics diagnostics = new Diagnostics();
        CheckRequest request = new CheckRequest(budget, results.directory(), results.files(), reportDirectory,
                spec.failOnK6Thresholds());
        Optional<HistoryOptions> history = historyOptions(workspace, diagnostics);
        if (history.isPresent()) {
            request = request.withHistory(history.get());
        }
        PerfGate.check(request, diagnostics, Clock.systemUTC());
    }

    /** The history the spec names; a folder is resolved inside the workspace when it is relative. */
    private Optional<HistoryOptions> historyOptions(WorkspacePaths workspace, Diagnostics diagnostics)
            throws IOException {
        String location = spec.history().strip();
        if (location.isEmpty() || location.equalsIgnoreCase(HistoryLocation.NONE)) {
            return Optional.empty();
        }
        if (!location.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:") && !Path.of(location).isAbsolute()) {
            location = workspace.resolve(location, "history").toString();
        }
        Optional<HistoryStore> store = HistoryLocation.open(location, spec.historyAccess().user(),
                spec.historyAccess().password(), SpoolingHistoryStore.defaultSpoolFolder(), diagnostics);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> explicit = new TreeMap<>();
        RunIdentity identity = RunIdentity.resolve(explicit, spec.environment(), workspace.workspace(),
                Instant.ofEpochMilli(spec.startedAt()));
        return Optional.of(new HistoryOptions(store.get(), spec.project(), identity, spec.baselineRuns(), true,
                Map.of()));
    }

    private static String readReport(Path reportDirectory) throws IOException {
        Path json = reportDirectory.resolve(JsonReportWriter.FILE_NAME);
        if (!Files.isRegularFile(json)) {
            throw new BadInputException(io.perfgate.diag.SourceLocation.ofFile(json.toString()),
                    "there is no report to publish: run perf:check (or the perfGate step in evaluate mode) first, "
                            + "or point reportDirectory at the folder it wrote");
        }
        return Files.readString(json, StandardCharsets.UTF_8);
    }
}
