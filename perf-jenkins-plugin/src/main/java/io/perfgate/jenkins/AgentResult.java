package io.perfgate.jenkins;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the agent sends back to the controller: the {@code perf-report.json} text (a few kilobytes, the
 * report model only; the results files stay on the agent) and the HTML report for the build page's
 * download, where the reports lie in the workspace, or why there is no report.
 */
final class AgentResult implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String reportJson;
    private final String reportDirectory;
    private final String problem;
    private final ArrayList<String> reportFiles;
    private final byte[] htmlReport;

    private AgentResult(String reportJson, String reportDirectory, String problem, List<String> reportFiles,
            byte[] htmlReport) {
        this.reportJson = reportJson;
        this.reportDirectory = reportDirectory;
        this.problem = problem;
        this.reportFiles = new ArrayList<>(reportFiles);
        this.htmlReport = htmlReport == null ? null : htmlReport.clone();
    }

    /**
     * @param reportJson      the text of {@code perf-report.json}
     * @param reportDirectory the reports' folder, relative to the workspace
     * @param reportFiles     the reports written, relative to the workspace; none in publish mode
     * @param htmlReport      {@code perf-report.html}, kept with the build for download; null when there is none
     */
    static AgentResult report(String reportJson, String reportDirectory, List<String> reportFiles, byte[] htmlReport) {
        return new AgentResult(Objects.requireNonNull(reportJson, "reportJson"),
                Objects.requireNonNull(reportDirectory, "reportDirectory"), null, reportFiles, htmlReport);
    }

    /** No report: the budget, a results file or a configured path could not be used. */
    static AgentResult broken(String problem) {
        return new AgentResult(null, null, Objects.requireNonNull(problem, "problem"), List.of(), null);
    }

    Optional<String> reportJson() {
        return Optional.ofNullable(reportJson);
    }

    Optional<String> reportDirectory() {
        return Optional.ofNullable(reportDirectory);
    }

    Optional<byte[]> htmlReport() {
        return Optional.ofNullable(htmlReport).map(byte[]::clone);
    }

    List<String> reportFiles() {
        return List.copyOf(reportFiles);
    }

    /** Why there is no report, naming the file and line where there is one. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }
}
