package io.perfgate.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.perfgate.diag.BadInputException;
import io.perfgate.model.GateReport;
import io.perfgate.publish.BuildSummary;
import io.perfgate.report.HtmlReportWriter;
import io.perfgate.report.JsonReportReader;
import io.perfgate.report.JsonReportWriter;
import io.perfgate.report.TableLine;
import io.perfgate.report.VerdictTable;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Optional;

/**
 * One gate on the controller: sends the evaluation to the workspace's agent, reads back the report's
 * JSON, prints the verdict table and the decision, stores the report in the build, publishes the check
 * and sets the build result (only ever worse). Shared by the freestyle post-build action and the
 * Pipeline step.
 */
final class GateRunner {

    private GateRunner() {
    }

    /** What one gate decided. */
    record Outcome(BuildDecision decision, Optional<BuildSummary> summary) {
    }

    static Outcome run(PerfGateRecorder options, Run<?, ?> run, FilePath workspace, EnvVars environment,
            TaskListener listener) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        GateMode mode;
        try {
            mode = GateMode.of(options.getMode());
        } catch (IllegalArgumentException e) {
            return decide(run, listener, BuildDecision.broken(e.getMessage()), Optional.empty());
        }
        HistoryAccess access = isDatabase(options.getHistory())
                ? HistoryCredentials.resolve(options.getHistoryCredentialsId(), run) : HistoryAccess.NONE;
        GateSpec spec = new GateSpec(options.getBudget(), options.getResults(), options.getReportDirectory(), mode,
                options.isFailOnK6Thresholds(), options.getHistory(), access, options.getBaselineRuns(),
                project(run.getParent(), environment), environment, run.getStartTimeInMillis());
        log.println("[perfgate] " + (mode == GateMode.PUBLISH ? "publishing " + options.getReportDirectory() + "/"
                + JsonReportWriter.FILE_NAME : "evaluating " + options.getBudget() + " over " + options.getResults()));

        AgentResult result = workspace.act(new AgentGate(spec));
        if (result.problem().isPresent()) {
            return decide(run, listener, BuildDecision.broken(result.problem().get()), Optional.empty());
        }
        String json = result.reportJson().orElseThrow();
        GateReport report;
        try {
            report = JsonReportReader.read(new StringReader(json), JsonReportWriter.FILE_NAME);
        } catch (BadInputException | UncheckedIOException e) {
            return decide(run, listener, BuildDecision.broken(e.getMessage()), Optional.empty());
        }

        for (TableLine line : VerdictTable.lines(report)) {
            log.println(line.text());
        }
        BuildDecision decision = BuildDecision.of(report, options.isFailOnViolation(), options.isUnstableOnWarning());
        BuildSummary summary = BuildSummary.of(report);

        PerfGateBuildAction.storeJson(run, json);
        FilePath html = workspace.child(result.reportDirectory().orElseThrow()).child(HtmlReportWriter.FILE_NAME);
        boolean stored = false;
        if (html.exists()) {
            html.copyTo(new FilePath(PerfGateBuildAction.folder(run).resolve(HtmlReportWriter.FILE_NAME).toFile()));
            stored = Files.isRegularFile(PerfGateBuildAction.folder(run).resolve(HtmlReportWriter.FILE_NAME));
        }
        run.addOrReplaceAction(new PerfGateBuildAction(summary, decision.result().toString(), stored));

        try {
            ChecksPublication.publish(run, listener, ChecksPublication.details(report, options.getChecksName(),
                    options.getBudget()));
        } catch (RuntimeException e) {
            listener.error("[perfgate] the check could not be published: " + e.getMessage());
        }
        return decide(run, listener, decision, Optional.of(summary));
    }

    /** Prints the decision and worsens the build result to it. */
    private static Outcome decide(Run<?, ?> run, TaskListener listener, BuildDecision decision,
            Optional<BuildSummary> summary) {
        if (decision.result() == Result.SUCCESS) {
            listener.getLogger().println("[perfgate] " + decision.message());
        } else {
            listener.error("[perfgate] " + decision.message());
        }
        Result current = run.getResult();
        if (decision.result().isWorseThan(current == null ? Result.SUCCESS : current)) {
            run.setResult(decision.result());
        }
        return new Outcome(decision, summary);
    }

    private static boolean isDatabase(String history) {
        return history != null && history.strip().toLowerCase(Locale.ROOT).startsWith("jdbc:");
    }

    /**
     * What the history calls the project: the job, or for a branch of a multibranch project (the build
     * has {@code BRANCH_NAME}) the multibranch project, so that a pull request finds its target branch's
     * runs.
     */
    static String project(Job<?, ?> job, EnvVars environment) {
        ItemGroup<?> parent = job.getParent();
        if (environment.get("BRANCH_NAME") != null && parent instanceof Item item) {
            return item.getFullName();
        }
        return job.getFullName();
    }

}
