package io.perfgate.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Job;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.checks.api.ChecksDetails;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.gate.GateOutcome;
import io.perfgate.gate.HistoryLocation;
import io.perfgate.model.BuildResult;
import io.perfgate.model.GateReport;
import io.perfgate.model.UntrustedText;
import io.perfgate.publish.BuildSummary;
import io.perfgate.report.HtmlReportWriter;
import io.perfgate.report.JsonReportReader;
import io.perfgate.report.JsonReportWriter;
import io.perfgate.report.TableLine;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One gate on the controller: sends the evaluation to the workspace's agent, reads back the report's
 * JSON, prints the verdict table and perf-core's decision as the Maven log does, stores the report in the
 * build, publishes the check and sets the build result (only ever worse). Shared by the freestyle
 * post-build action and the Pipeline step.
 */
final class GateRunner {

    private GateRunner() {
    }

    /**
     * What one gate decided.
     *
     * @param result  the build result the gate asks for
     * @param message the decision's message (several lines for failed lines)
     * @param summary the report's summary; empty when the gate produced no report
     */
    record Outcome(Result result, String message, Optional<BuildSummary> summary) {

        Outcome {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(summary, "summary");
        }
    }

    static Outcome run(PerfGateRecorder options, Run<?, ?> run, FilePath workspace, EnvVars environment,
            TaskListener listener) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        GateMode mode;
        HistoryAccess access;
        try {
            mode = GateMode.of(options.getMode());
            access = HistoryLocation.isDatabase(options.getHistory())
                    ? HistoryCredentials.resolve(options.getHistoryCredentialsId(), run) : HistoryAccess.NONE;
        } catch (IllegalArgumentException | AbortException e) {
            return broken(options, run, listener, e.getMessage());
        }
        log.println("[perfgate] " + (mode == GateMode.PUBLISH
                ? "publishing " + options.getReportDirectory() + "/" + JsonReportWriter.FILE_NAME
                : "evaluating " + options.getBudget() + " over " + options.getResults()));

        JobHistory jobHistory = null;
        if (mode == GateMode.EVALUATE && JobHistory.isJob(options.getHistory())) {
            jobHistory = JobHistory.of(run.getParent(), environment, workspace);
            jobHistory.send();
        }
        AgentResult result = workspace.act(new AgentGate(options, environment, access,
                project(run.getParent(), environment), jobHistory == null ? null : jobHistory.agentLocation()));
        if (jobHistory != null) {
            jobHistory.receive();
        }
        if (result.problem().isPresent()) {
            return broken(options, run, listener, result.problem().get());
        }
        String json = result.reportJson().orElseThrow();
        GateReport report;
        try {
            report = JsonReportReader.read(new StringReader(json), JsonReportWriter.FILE_NAME);
        } catch (BadInputException | UncheckedIOException e) {
            return broken(options, run, listener, e.getMessage());
        }
        GateOutcome outcome = io.perfgate.gate.PerfGate.outcome(report,
                result.reportFiles().stream().map(Path::of).toList(), options.decisionPolicy(),
                JenkinsSpelling.INSTANCE);

        for (Diagnostic message : report.messages()) {
            log.println("[perfgate] " + message.level() + ": " + UntrustedText.oneLine(message.text()));
        }
        for (TableLine line : outcome.table()) {
            log.println(line.text());
        }
        result.reportFiles().forEach(file -> log.println("[perfgate] Report: " + file));
        Result decided = result(outcome.decision().result());
        BuildSummary summary = BuildSummary.of(report);
        store(run, result, json, summary, decided);

        publish(run, listener, () -> ChecksPublication.details(report, options.getChecksName(), options.getBudget()));
        String message = outcome.decision().message().replace(System.lineSeparator(), "\n");
        tell(listener, decided, message);
        outcome.decision().notes().forEach(note -> log.println("[perfgate] " + note));
        worsen(run, decided);
        return new Outcome(decided, message, Optional.of(summary));
    }

    /** Keeps the report's JSON and HTML in the build's folder and attaches the build page. */
    private static void store(Run<?, ?> run, AgentResult result, String json, BuildSummary summary, Result decided)
            throws IOException {
        PerfGateBuildAction.storeJson(run, json);
        Path stored = PerfGateBuildAction.folder(run).resolve(HtmlReportWriter.FILE_NAME);
        Optional<byte[]> html = result.htmlReport();
        if (html.isPresent()) {
            Files.write(stored, html.get());
        } else {
            Files.deleteIfExists(stored);
        }
        run.addOrReplaceAction(new PerfGateBuildAction(run, summary, decided.toString(), Files.isRegularFile(stored)));
    }

    /** No report: a configured path, the mode or the credentials could not be used. */
    private static Outcome broken(PerfGateRecorder options, Run<?, ?> run, TaskListener listener, String problem) {
        String message = "perfgate could not run: " + UntrustedText.clean(problem);
        publish(run, listener, () -> ChecksPublication.failure(options.getChecksName(), message));
        tell(listener, Result.FAILURE, message);
        worsen(run, Result.FAILURE);
        return new Outcome(Result.FAILURE, message, Optional.empty());
    }

    /** A check that cannot be published is reported and does not change the build's result. */
    private static void publish(Run<?, ?> run, TaskListener listener, Supplier<ChecksDetails> details) {
        try {
            ChecksPublication.publish(run, listener, details.get());
        } catch (RuntimeException e) {
            listener.error("[perfgate] the check could not be published: " + e.getMessage());
        }
    }

    private static void tell(TaskListener listener, Result result, String message) {
        if (result == Result.SUCCESS) {
            listener.getLogger().println("[perfgate] " + message);
        } else {
            listener.error("[perfgate] " + message);
        }
    }

    /** Sets the build result when the gate's is worse; a gate never makes a build better. */
    static void worsen(Run<?, ?> run, Result result) {
        Result current = run.getResult();
        if (result.isWorseThan(current == null ? Result.SUCCESS : current)) {
            run.setResult(result);
        }
    }

    /** perf-core's build result as Jenkins'. */
    static Result result(BuildResult result) {
        return switch (result) {
            case SUCCESS -> Result.SUCCESS;
            case UNSTABLE -> Result.UNSTABLE;
            case FAILURE -> Result.FAILURE;
        };
    }

    /**
     * What the history calls the project: the job, or for a branch of a multibranch project (the build
     * has {@code BRANCH_NAME}) the multibranch project, so that a pull request finds its target branch's
     * runs.
     */
    static String project(Job<?, ?> job, EnvVars environment) {
        return JobHistory.projectItem(job, environment).getFullName();
    }
}
