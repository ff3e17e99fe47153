package io.perfgate.maven;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.gate.GateConfigurationException;
import io.perfgate.gate.GateEnvironment;
import io.perfgate.gate.GateOutcome;
import io.perfgate.gate.GateSettings;
import io.perfgate.gate.PerfGate;
import io.perfgate.model.DecisionPolicy;
import io.perfgate.model.GateDecision;
import io.perfgate.model.Verdict;
import io.perfgate.publish.CiFeedback;
import java.io.File;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;


/**
 * Evaluates the performance budget over the results of {@code perf:k6} and any further results files,
 * writes the reports and reports perf-core's decision to Maven: a failed budget line fails the build, a
 * line that cannot be decided (no data, unreadable input) stops it with an error. The run is compared with the history's
 * baseline for the budget's regression rules and recorded in the history (see {@link HistoryMojo}).
 *
 * <p>On GitHub Actions ({@code GITHUB_ACTIONS=true}) it also appends the Markdown report to the job summary
 * and prints a workflow command per budget line that did not pass, which the pull request shows as an
 * annotation on that line; on GitLab CI ({@code GITLAB_CI=true}) it writes a metrics report and a Code
 * Quality report beside the other reports, for the merge request. perf-core builds all of it; this goal
 * only writes it where each CI reads it. {@code perf.ciFeedback=false} turns it off.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends HistoryMojo {

    /** The budget: k6-style thresholds in YAML or JSON. */
    @Parameter(property = "perf.budgetFile", defaultValue = "${project.basedir}/perf-budget.yaml", required = true)
    private File budgetFile;

    /** Searched for k6 run folders written by {@code perf:k6}. */
    @Parameter(defaultValue = "${project.build.directory}/perf", required = true)
    private File resultsDirectory;

    /** Further results files, e.g. the JTL files jmeter-maven-plugin writes. */
    @Parameter
    private List<File> resultFiles;

    /** Where {@code perf-report.json}, the JUnit XML, Markdown and HTML reports are written. */
    @Parameter(defaultValue = "${project.build.directory}/perf", required = true)
    private File reportDirectory;

    /** Whether a failed budget line fails the build; when false it is only logged as a warning. */
    @Parameter(property = "perf.failOnViolation", defaultValue = "true")
    private boolean failOnViolation;

    /**
     * Whether a k6 run whose own thresholds were crossed (exit 99) fails the gate even where no budget
     * line covers that threshold.
     */
    @Parameter(property = "perf.failOnK6Thresholds", defaultValue = "true")
    private boolean failOnK6Thresholds;

    /**
     * Whether the verdict is also shown the way the CI the build runs on shows results on a pull request:
     * GitHub Actions' job summary and annotations, GitLab's metrics and Code Quality reports. Detected from
     * the CI's own variables; false turns it off.
     */
    @Parameter(property = "perf.ciFeedback", defaultValue = "true")
    private boolean ciFeedback;

    /**
     * The most threads that read one results file: 0 for as many as there are processors. A plain k6 NDJSON
     * or CSV JTL over 16 MiB is read in parts, one per thread; the results are the same for any number.
     */
    @Parameter(property = "perf.ingest.threads", defaultValue = "0")
    private int ingestThreads;

    /** Skips every perfgate goal. */
    @Parameter(property = "perf.skip", defaultValue = "false")
    private boolean skip;

    /** Skips only this goal. */
    @Parameter(property = "perf.check.skip", defaultValue = "false")
    private boolean skipCheck;

    /**
     * Where GitHub's workflow commands are printed: the process's standard output, as the runner reads a
     * command only at the start of a line and Maven's log would put {@code [INFO] } before it; null for
     * {@code System.out} as it is when the goal runs; replaced in tests.
     */
    PrintStream console;

    /** The gate; replaced in tests that pin down how each outcome is translated. */
    Gate gate = PerfGate::run;

    /** The evaluation this goal delegates to: {@code PerfGate::run} outside of tests. */
    @FunctionalInterface
    interface Gate {

        GateOutcome run(GateSettings settings, GateEnvironment environment, Diagnostics diagnostics);
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipCheck) {
            getLog().info("Skipping perf:check (perf.skip or perf.check.skip is set)");
            return;
        }
        GateSettings settings;
        try {
            settings = settings();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("perf:check: " + e.getMessage(), e);
        }
        GateOutcome outcome;
        try {
            outcome = gate.run(settings, historyEnvironment(), new Diagnostics(this::log));
        } catch (GateConfigurationException e) {
            throw configurationError(e);
        } catch (BadInputException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("perf:check could not read or write its files: " + e.getMessage(), e);
        }
        outcome.table().forEach(line -> log(line.verdict(), line.text()));
        outcome.reportFiles().forEach(file -> getLog().info("Report: " + file));
        if (ciFeedback) {
            CiFeedback.publish(outcome.report(), budgetFile.toPath(), reportDirectory.toPath(), systemEnvironment,
                    console == null ? System.out : console, new Diagnostics(this::log));
        }
        report(outcome.decision());
    }

    /** The parameters as the gate's settings. */
    GateSettings settings() {
        return historySettings()
                .budgetFile(budgetFile.toPath())
                .resultsDirectory(resultsDirectory.toPath())
                .resultFiles(resultFiles == null ? List.of() : resultFiles.stream().map(File::toPath).toList())
                .reportDirectory(reportDirectory.toPath())
                .failOnK6Thresholds(failOnK6Thresholds)
                .ingestThreads(ingestThreads)
                .decisionPolicy(DecisionPolicy.of(failOnViolation, false))
                .build();
    }

    /** A failed budget that fails the build is a build failure, an undecided one a build error. */
    private void report(GateDecision decision) throws MojoExecutionException, MojoFailureException {
        switch (decision.outcome()) {
            case ERROR -> throw new MojoExecutionException(decision.message());
            case FAILED -> {
                if (decision.failsBuild()) {
                    throw new MojoFailureException(decision.message());
                }
                getLog().warn(decision.message());
            }
            case PASSED_WITH_WARNINGS -> getLog().warn(decision.message());
            case PASSED -> getLog().info(decision.message());
        }
        decision.notes().forEach(note -> getLog().warn(note));
    }

    private void log(Verdict verdict, String text) {
        Log log = getLog();
        switch (verdict) {
            case PASS -> log.info(text);
            case WARN -> log.warn(text);
            case FAIL, ERROR -> log.error(text);
        }
    }

    private void log(Diagnostic message) {
        switch (message.level()) {
            case INFO -> getLog().info(message.text());
            case WARNING -> getLog().warn(message.text());
            case ERROR -> getLog().error(message.text());
        }
    }
}
