package io.perfgate.maven;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.gate.CheckRequest;
import io.perfgate.gate.GateOutcome;
import io.perfgate.gate.HistoryOptions;
import io.perfgate.gate.PerfGate;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.UntrustedText;
import io.perfgate.model.Verdict;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Evaluates the performance budget over the results of {@code perf:k6} and any further results files,
 * writes the reports and decides the build: a failed budget line fails it, a line that cannot be
 * decided (no data, unreadable input) stops it with an error. The run is compared with the history's
 * baseline for the budget's regression rules and recorded in the history (see {@link HistoryMojo}).
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

    /** Skips every perfgate goal. */
    @Parameter(property = "perf.skip", defaultValue = "false")
    private boolean skip;

    /** Skips only this goal. */
    @Parameter(property = "perf.check.skip", defaultValue = "false")
    private boolean skipCheck;

    /** Replaced in tests that pin down how each outcome is translated. */
    Gate gate = PerfGate::check;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || skipCheck) {
            getLog().info("Skipping perf:check (perf.skip or perf.check.skip is set)");
            return;
        }
        Diagnostics diagnostics = new Diagnostics(this::log);
        CheckRequest request = request();
        Optional<HistoryOptions> historyOptions = historyOptions(Instant.now(), diagnostics);
        if (historyOptions.isPresent()) {
            request = request.withHistory(historyOptions.get());
        }
        GateOutcome outcome;
        try {
            outcome = gate.check(request, diagnostics);
        } catch (BadInputException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException("perf:check could not read or write its files: " + e.getMessage(), e);
        }
        GateReport report = outcome.report();
        outcome.table().forEach(line -> log(line.verdict(), line.text()));
        outcome.reportFiles().forEach(file -> getLog().info("Report: " + file));
        decide(report);
    }

    /** The parameters as a perf-core request. */
    CheckRequest request() {
        List<Path> files = resultFiles == null ? List.of() : resultFiles.stream().map(File::toPath).toList();
        return new CheckRequest(budgetFile.toPath(), resultsDirectory.toPath(), files, reportDirectory.toPath(),
                failOnK6Thresholds);
    }

    private void decide(GateReport report) throws MojoExecutionException, MojoFailureException {
        switch (report.verdict()) {
            case ERROR -> throw new MojoExecutionException(undecided(report));
            case FAIL -> {
                String failed = failed(report);
                if (failOnViolation) {
                    throw new MojoFailureException(failed);
                }
                getLog().warn(failed);
                getLog().warn("perf.failOnViolation is false, so the build goes on");
            }
            case WARN -> getLog().warn("Performance budget passed with warnings: " + sentences(report, Verdict.WARN));
            case PASS -> getLog().info("Performance budget passed");
        }
    }

    /** {@code Performance budget failed (perf-budget.yaml):} and each failed line's sentence on a line of its own. */
    private static String failed(GateReport report) {
        return "Performance budget failed (" + report.budgetFile() + "):" + System.lineSeparator()
                + sentences(report, Verdict.FAIL);
    }

    private static String undecided(GateReport report) {
        List<String> reasons = new ArrayList<>();
        report.lines().stream().filter(line -> line.verdict() == Verdict.ERROR)
                .forEach(line -> reasons.add(UntrustedText.oneLine(line.sentence())));
        report.messages().stream().filter(message -> message.level() == Diagnostic.Level.ERROR)
                .forEach(message -> reasons.add(UntrustedText.oneLine(message.text())));
        if (reasons.isEmpty()) {
            reasons.add("the gate reported an error without a reason");
        }
        return "Performance budget could not be decided (" + report.budgetFile() + "):" + System.lineSeparator()
                + String.join(System.lineSeparator(), reasons);
    }

    private static String sentences(GateReport report, Verdict verdict) {
        return String.join(System.lineSeparator(), report.lines().stream()
                .filter(line -> line.verdict() == verdict).map(LineResult::sentence).map(UntrustedText::oneLine).toList());
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
