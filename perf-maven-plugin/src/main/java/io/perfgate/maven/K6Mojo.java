package io.perfgate.maven;

import io.perfgate.run.DurationText;
import io.perfgate.run.K6Options;
import io.perfgate.run.K6Outcome;
import io.perfgate.run.K6RunException;
import io.perfgate.run.K6RunResult;
import io.perfgate.run.K6Runner;
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
 * Runs k6 scripts and writes their results to {@code <outputDirectory>/<script name>/}. Crossed k6
 * thresholds (exit 99) do not fail this goal: {@code perf:check} decides in {@code verify}, after
 * {@code post-integration-test} has stopped the application.
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

    /** How long one script may run before k6 and everything it started are stopped: {@code 30m}, {@code 90s}, {@code PT1H}. */
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
        K6Runner runner = new K6Runner(options(), line -> getLog().info(line), line -> getLog().warn(line));
        try {
            runner.runAll(scripts.stream().map(File::toPath).toList(), this::report);
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
                    .build();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("perf:k6 is misconfigured: " + e.getMessage(), e);
        }
    }

    private void report(K6RunResult result) {
        String script = result.script().getFileName().toString();
        Path directory = result.directory();
        if (result.outcome() == K6Outcome.THRESHOLDS_CROSSED) {
            getLog().warn("k6 reported crossed thresholds in " + script + "; perf:check decides");
        } else {
            getLog().info("k6 finished " + script);
        }
        getLog().info("k6 results of " + script + " are in " + directory);
    }
}
