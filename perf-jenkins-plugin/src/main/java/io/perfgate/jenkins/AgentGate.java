package io.perfgate.jenkins;

import hudson.remoting.VirtualChannel;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.SourceLocation;
import io.perfgate.gate.CheckRequest;
import io.perfgate.gate.DatabaseCredentials;
import io.perfgate.gate.GateConfigurationException;
import io.perfgate.gate.GateEnvironment;
import io.perfgate.gate.GateSettings;
import io.perfgate.gate.PerfGate;
import io.perfgate.gate.SecretLookup;
import io.perfgate.model.GateReport;
import io.perfgate.report.HtmlReportWriter;
import io.perfgate.report.JsonReportWriter;
import io.perfgate.report.ReportFiles;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import jenkins.MasterToSlaveFileCallable;

/**
 * The part of a gate that runs where the workspace is: resolves the step's paths inside the workspace,
 * evaluates the budget over the results and writes the reports there (or, in publish mode, reads the
 * {@code perf-report.json} that {@code perf:check} wrote), and returns only the report's JSON text.
 * Results files may be gigabytes; they are read here and never cross to the controller.
 */
final class AgentGate extends MasterToSlaveFileCallable<AgentResult> {

    private static final long serialVersionUID = 1L;

    /** Far above any report perfgate writes (the model, never samples); a bigger file is not one of them. */
    static final long MAX_REPORT_BYTES = 64L * 1024 * 1024;

    private final PerfGateRecorder options;
    private final TreeMap<String, String> variables;
    private final HistoryAccess historyAccess;
    private final String project;
    private final String jobHistory;

    /**
     * @param options       the step's options
     * @param variables     the build's environment variables: the run's branch, commit and id for the history
     * @param historyAccess the history database's credentials, resolved on the controller
     * @param project       what the history calls the project
     * @param jobHistory    where the job's history was copied to on this agent; null unless {@code history: 'job'}
     */
    AgentGate(PerfGateRecorder options, Map<String, String> variables, HistoryAccess historyAccess, String project,
            String jobHistory) {
        this.options = Objects.requireNonNull(options, "options");
        this.variables = new TreeMap<>(variables);
        this.historyAccess = Objects.requireNonNull(historyAccess, "historyAccess");
        this.project = Objects.requireNonNull(project, "project");
        this.jobHistory = jobHistory;
    }

    @Override
    public AgentResult invoke(File workspaceFolder, VirtualChannel channel) throws IOException {
        try {
            WorkspacePaths workspace = new WorkspacePaths(workspaceFolder.toPath());
            if (GateMode.of(options.getMode()) == GateMode.PUBLISH) {
                Path reports = workspace.resolve(options.getReportDirectory(), "reportDirectory");
                return AgentResult.report(readReport(workspace, reports), relative(workspace, reports), List.of(),
                        readHtml(workspace, reports));
            }
            GateSettings settings = options.settings(workspace, project, jobHistory);
            Diagnostics diagnostics = new Diagnostics();
            CheckRequest request = settings.resolve(environment(), diagnostics);
            GateReport report = PerfGate.evaluate(request, diagnostics, Clock.systemUTC());
            List<Path> written = ReportFiles.writeAll(report, request.reportDirectory());
            return AgentResult.report(readReport(workspace, request.reportDirectory()),
                    relative(workspace, request.reportDirectory()),
                    written.stream().map(file -> relative(workspace, file)).toList(),
                    readHtml(workspace, request.reportDirectory()));
        } catch (WorkspacePaths.UnsafePathException | GateConfigurationException | BadInputException
                | IllegalArgumentException e) {
            return AgentResult.broken(e.getMessage());
        } catch (UncheckedIOException e) {
            return AgentResult.broken("perfgate could not read or write its files: " + e.getMessage());
        }
    }

    /** The build's variables; the history database's credentials from the credential the step names. */
    private GateEnvironment environment() {
        SecretLookup secrets = (reference, purpose) -> reference.isPresent() && !historyAccess.user().isEmpty()
                ? Optional.of(new DatabaseCredentials(historyAccess.user(), historyAccess.password()))
                : Optional.empty();
        return new GateEnvironment(variables, secrets, Clock.systemUTC(), JenkinsSpelling.INSTANCE);
    }

    private static String readReport(WorkspacePaths workspace, Path reportDirectory) throws IOException {
        Path json = reportDirectory.resolve(JsonReportWriter.FILE_NAME);
        byte[] bytes = workspace.readInside(json, "reportDirectory", MAX_REPORT_BYTES).orElseThrow(() ->
                new BadInputException(SourceLocation.ofFile(json.getFileName().toString()),
                        "there is no report to publish in the report folder: run perf:check (or perfGate in evaluate "
                                + "mode) first, or point reportDirectory at the folder it wrote"));
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] readHtml(WorkspacePaths workspace, Path reportDirectory) throws IOException {
        return workspace.readInside(reportDirectory.resolve(HtmlReportWriter.FILE_NAME), "reportDirectory",
                MAX_REPORT_BYTES).orElse(null);
    }

    private static String relative(WorkspacePaths workspace, Path path) {
        String relative = workspace.workspace().relativize(path).toString().replace('\\', '/');
        return relative.isEmpty() ? "." : relative;
    }
}
