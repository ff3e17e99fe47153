package io.perfgate.publish;

import io.perfgate.diag.Diagnostics;
import io.perfgate.model.GateReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Shows a gate report where the build runs, by itself when it runs there: on GitHub Actions the
 * annotations' workflow commands and the job summary, on GitLab CI the merge-request reports. What cannot
 * be written is a warning: the verdict stands without it.
 */
public final class CiFeedback {

    private CiFeedback() {
    }

    /**
     * @param budgetFile      the budget, for the annotations' paths in the repository
     * @param reportDirectory where GitLab's report files go
     * @param environment     the build's variables, which tell the CI
     * @param console         the process's standard output: GitHub reads a workflow command only at the
     *                        start of a line, where a build tool's log would put its prefix
     * @param messages        receives what was written and what could not be
     */
    public static void publish(GateReport report, Path budgetFile, Path reportDirectory,
            Map<String, String> environment, PrintStream console, Diagnostics messages) {
        showOnGithubActions(report, budgetFile, environment, console, messages);
        writeForGitlab(report, budgetFile, reportDirectory, environment, messages);
    }

    /**
     * On GitHub Actions: the annotations' workflow commands on standard output, unprefixed, and the report
     * appended to the step's summary. A summary that cannot be written is a warning: the verdict stands.
     */
    private static void showOnGithubActions(GateReport report, Path budgetFile, Map<String, String> variables,
            PrintStream out, Diagnostics messages) {
        if (!GithubActionsFeedback.detected(variables)) {
            return;
        }
        Optional<String> budgetPath = RepositoryPaths.relative(budgetFile,
                variables.get(GithubActionsFeedback.WORKSPACE_VARIABLE));
        if (budgetPath.isEmpty()) {
            messages.warning("GitHub Actions: the budget file is not below GITHUB_WORKSPACE, so no line is annotated");
        }
        List<String> commands = GithubActionsFeedback.commands(report, budgetPath.orElse(""));
        commands.forEach(out::println);
        out.flush();
        Optional<String> summaryFile = GithubActionsFeedback.summaryFile(variables);
        if (summaryFile.isEmpty()) {
            messages.warning("GitHub Actions: GITHUB_STEP_SUMMARY is not set, so the job summary is left as it is");
            return;
        }
        Path summary = Path.of(summaryFile.get());
        try {
            long before = Files.isRegularFile(summary) ? Files.size(summary) : 0;
            String markdown = GithubActionsFeedback.summary(report, budgetPath.orElse(""), before);
            if (markdown.isEmpty()) {
                messages.warning("GitHub Actions: the job summary already holds "
                        + GithubActionsFeedback.MAX_SUMMARY_BYTES + " bytes, GitHub's limit per step; "
                        + "the report is not added");
                return;
            }
            Files.writeString(summary, markdown, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            messages.info("GitHub Actions: report added to the job summary, " + commands.size()
                    + (commands.size() == 1 ? " annotation" : " annotations"));
        } catch (IOException e) {
            messages.warning("GitHub Actions: could not append to the job summary " + summary + ": " + e);
        }
    }

    /**
     * On GitLab CI: the metrics and Code Quality reports in the report folder, for the job's
     * {@code artifacts:reports}. Files that cannot be written are a warning: the verdict stands.
     */
    private static void writeForGitlab(GateReport report, Path budgetFile, Path reportDirectory,
            Map<String, String> variables, Diagnostics messages) {
        if (!GitlabFeedback.detected(variables)) {
            return;
        }
        Optional<String> budgetPath = RepositoryPaths.relative(budgetFile,
                variables.get(GitlabFeedback.PROJECT_DIR_VARIABLE));
        if (budgetPath.isEmpty()) {
            messages.warning("GitLab CI: the budget file is not below CI_PROJECT_DIR, so the Code Quality report "
                    + "lists no line");
        }
        Path folder = reportDirectory;
        try {
            Files.createDirectories(folder);
            Path metrics = folder.resolve(GitlabFeedback.METRICS_FILE_NAME);
            Files.writeString(metrics, GitlabFeedback.metrics(report), StandardCharsets.UTF_8);
            messages.info("Report: " + metrics);
            Path codeQuality = folder.resolve(GitlabFeedback.CODE_QUALITY_FILE_NAME);
            Files.writeString(codeQuality, GitlabFeedback.codeQuality(report, budgetPath.orElse("")),
                    StandardCharsets.UTF_8);
            messages.info("Report: " + codeQuality);
        } catch (IOException e) {
            messages.warning("GitLab CI: could not write the merge-request reports into " + folder + ": " + e);
        }
    }
}
