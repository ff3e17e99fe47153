package io.perfgate.maven;

import io.perfgate.run.DurationText;
import io.perfgate.run.K6Options;
import io.perfgate.run.K6Outcome;
import io.perfgate.run.K6RunException;
import io.perfgate.run.K6RunResult;
import io.perfgate.run.K6Runner;
import io.perfgate.run.RunRole;
import io.perfgate.run.ScheduledRun;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Runs k6 scripts and writes their results to {@code <outputDirectory>/<script name>/}: the only run of
 * a script there, repeated runs in {@code run-1/}, {@code run-2/}, ... below it, interleaved A/B rounds
 * in {@code baseline-1/}, {@code candidate-1/}, .... Crossed k6 thresholds (exit 99) do not fail this
 * goal: {@code perf:check} decides in {@code verify}, after {@code post-integration-test} has stopped the
 * application.
 */
@Mojo(name = "k6", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class K6Mojo extends AbstractMojo {

    /** The k6 scripts to run, in this order. */
    @Parameter
    private List<File> scripts;

    /** {@code k6} to look it up on the PATH, or the path to the k6 binary. */
    @Parameter(property = "perf.k6.executable", defaultValue = K6Options.DEFAULT_EXECUTABLE)
    private String k6Executable;

    /** Further {@code k6 run} arguments, e.g. {@code --vus}, {@code 10}; placed before the script. */
    @Parameter
    private List<String> arguments;

    /** Variables added to k6's environment. Their values are never written to the run record. */
    @Parameter
    private Map<String, String> environment;

    /** The address of the system under test, passed to the scripts in {@link #baseUrlVariable}. */
    @Parameter(property = "perf.baseUrl")
    private String baseUrl;

    /** The environment variable that carries {@link #baseUrl}; scripts read it as {@code __ENV.BASE_URL}. */
    @Parameter(property = "perf.baseUrlVariable", defaultValue = K6Options.DEFAULT_BASE_URL_VARIABLE)
    private String baseUrlVariable;

    /**
     * How often each script runs, one run after the other; the regression check takes each run as one
     * observation. With {@link #baselineUrl}, the number of A/B rounds: 10 or more, as fewer than 7 can
     * never decide.
     */
    @Parameter(property = "perf.k6.repeat", defaultValue = "1")
    private int repeat;

    /**
     * The address of the baseline's deployment (e.g. the main branch's), for the interleaved A/B mode:
     * each of {@link #repeat} rounds runs every script once against this address and once against
     * {@link #baseUrl} (the candidate), alternating which goes first, passed in {@link #baseUrlVariable}.
     * Only the candidate's runs count for the budget lines.
     */
    @Parameter(property = "perf.k6.baselineUrl")
    private String baselineUrl;

    /** How long one run of a script may take before k6 and everything it started are stopped: {@code 30m}, {@code 90s}, {@code PT1H}. */
    @Parameter(property = "perf.k6.timeout", defaultValue = "30m")
    private String timeout;

    /** Where each script's results folder is created. */
    @Parameter(defaultValue = "${project.build.directory}/perf", required = true)
    private File outputDirectory;

    /** k6's working directory; relative script and executable paths are resolved against it. */
    @Parameter(defaultValue = "${project.basedir}", required = true)
    private File workingDirectory;

    /** Skips every perfgate goal. */
    @Parameter(property = "perf.skip", defaultValue = "false")
    private boolean skip;

    /** Skips only this goal. */
    @Parameter(property = "perf.k6.skip", defaultValue = "false")
    private boolean skipK6;

    @Override
    public void execute() throws MojoExecutionException {
        if (skip || skipK6) {
            getLog().info("Skipping perf:k6 (perf.skip or perf.k6.skip is set)");
            return;
        }
        if (scripts == null || scripts.isEmpty()) {
            throw new MojoExecutionException("perf:k6 has no scripts to run: list them in <scripts>, "
                    + "or skip the goal with perf.k6.skip");
        }
        K6Options options = options();
        options.scheduleWarning().ifPresent(warning -> getLog().warn("perf:k6: " + warning));
        K6Runner runner = new K6Runner(options, line -> getLog().info(line), line -> getLog().warn(line));
        try {
            runner.runAll(scripts.stream().map(File::toPath).toList(), new K6Runner.Progress() {
                @Override
                public void starting(Path script, ScheduledRun run) {
                    if (!run.isOnlyRun()) {
                        getLog().info("Running k6 on " + script.getFileName() + " (" + run.describe() + ")");
                    }
                }

                @Override
                public void finished(K6RunResult result) {
                    report(result);
                }
            });
        } catch (K6RunException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /** The parameters as perf-core options. */
    K6Options options() throws MojoExecutionException {
        try {
            return K6Options.builder(outputDirectory.toPath())
                    .executable(k6Executable)
                    .arguments(arguments == null ? List.of() : arguments)
                    .environment(environment == null ? Map.of() : environment)
                    .baseUrl(baseUrl)
                    .baseUrlVariable(baseUrlVariable)
                    .workingDirectory(workingDirectory.toPath())
                    .timeout(DurationText.parse(timeout))
                    .repeat(repeat)
                    .baselineUrl(baselineUrl)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("perf:k6 is misconfigured: " + e.getMessage(), e);
        }
    }

    private void report(K6RunResult result) {
        ScheduledRun run = result.run();
        String script = result.script().getFileName() + (run.isOnlyRun() ? "" : " (" + run.describe() + ")");
        Path directory = result.directory();
        if (result.outcome() != K6Outcome.THRESHOLDS_CROSSED) {
            getLog().info("k6 finished " + script);
        } else if (run.role() == RunRole.BASELINE) {
            // The baseline's own thresholds are not the candidate's budget: perf:check does not count them.
            getLog().info("k6 reported crossed thresholds in " + script + "; baseline runs only serve the A/B "
                    + "comparison");
        } else {
            getLog().warn("k6 reported crossed thresholds in " + script + "; perf:check decides");
        }
        getLog().info("k6 results of " + script + " are in " + directory);
    }
}
