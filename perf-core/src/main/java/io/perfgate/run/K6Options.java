package io.perfgate.run;

import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How k6 is started; the same for every script of one build step. Build it with {@link #builder(Path)}.
 *
 * @param executable        {@code k6} (looked up on the PATH) or a path to the binary; a relative
 *                          path is taken from {@code workingDirectory}
 * @param outputDirectory   each script gets a folder {@code <outputDirectory>/<script name without .js>}
 * @param arguments         further {@code k6 run} arguments, placed before the script
 * @param environment       variables added to k6's environment; their values are never recorded
 * @param baseUrl           the address of the system under test, or empty for none
 * @param baseUrlVariable   the variable that carries {@code baseUrl} to the script
 * @param workingDirectory  k6's working directory
 * @param timeout           how long one run may take before its process tree is killed
 * @param killGracePeriod   how long killed processes get to exit before they are killed forcibly
 * @param repeat            how often each script runs; with a {@code baselineUrl}, the number of A/B rounds
 * @param baselineUrl       the address of the baseline's deployment for the interleaved A/B mode, or
 *                          empty for none; {@code baseUrl} is then the candidate's
 * @param k6Version         the k6 release {@code executable} is, e.g. {@code 0.48.0}, when known (k6 installed
 *                          by {@link K6Provisioning}), else empty; recorded with each run
 */
public record K6Options(String executable, Path outputDirectory, List<String> arguments,
        Map<String, String> environment, String baseUrl, String baseUrlVariable, Path workingDirectory,
        Duration timeout, Duration killGracePeriod, int repeat, String baselineUrl, String k6Version) {

    public static final String DEFAULT_EXECUTABLE = "k6";
    public static final String DEFAULT_BASE_URL_VARIABLE = "BASE_URL";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_KILL_GRACE_PERIOD = Duration.ofSeconds(10);
    public static final int DEFAULT_REPEAT = 1;

    /**
     * The fewest A/B rounds with which the regression check can decide at a 1 % false-alarm rate: its
     * exact signed-rank bound needs 2<sup>-n</sup> &le; 0.01 (see
     * {@code io.perfgate.regression.RegressionCheck#interleaved}); fewer rounds are always inconclusive.
     */
    public static final int FEWEST_DECISIVE_ROUNDS = 7;

    /** The rounds suggested when there are too few: a margin above the bare minimum, so small changes show. */
    public static final int SUGGESTED_ROUNDS = 10;

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public K6Options {
        Objects.requireNonNull(executable, "executable");
        Objects.requireNonNull(outputDirectory, "outputDirectory");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(baseUrlVariable, "baseUrlVariable");
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(killGracePeriod, "killGracePeriod");
        Objects.requireNonNull(baselineUrl, "baselineUrl");
        Objects.requireNonNull(k6Version, "k6Version");
        if (executable.isBlank()) {
            throw new IllegalArgumentException("the k6 executable is empty");
        }
        arguments = List.copyOf(arguments);
        environment = Collections.unmodifiableMap(new TreeMap<>(environment));
        for (String name : environment.keySet()) {
            requireVariableName(name);
        }
        requireVariableName(baseUrlVariable);
        if (!baseUrl.isEmpty() && environment.containsKey(baseUrlVariable)) {
            throw new IllegalArgumentException("the environment variable " + baseUrlVariable
                    + " is set both by the base URL and in the environment; set it in one place");
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the k6 timeout must be longer than zero, was " + timeout);
        }
        if (killGracePeriod.isNegative()) {
            throw new IllegalArgumentException("the kill grace period must not be negative, was " + killGracePeriod);
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1 (each script runs that often), was "
                    + repeat);
        }
        if (!baselineUrl.isEmpty() && baseUrl.isEmpty()) {
            throw new IllegalArgumentException("a baseline URL is set but no base URL: the interleaved A/B mode "
                    + "runs each script against the baseline URL and the base URL (the candidate) in turn, so set both");
        }
    }

    public static Builder builder(Path outputDirectory) {
        return new Builder(outputDirectory);
    }

    /**
     * The variables k6 gets on top of the inherited environment: {@link #environment} and, in
     * {@link #baseUrlVariable}, the address the run measures: {@link #baseUrl} for a candidate run,
     * {@link #baselineUrl} for a baseline run.
     */
    public Map<String, String> processEnvironment(RunRole role) {
        Map<String, String> variables = new TreeMap<>(environment);
        String url = role == RunRole.BASELINE ? baselineUrl : baseUrl;
        if (!url.isEmpty()) {
            variables.put(baseUrlVariable, url);
        }
        return Collections.unmodifiableMap(variables);
    }

    /** Whether each round runs every script against the baseline URL and the base URL in turn. */
    public boolean interleaved() {
        return !baselineUrl.isEmpty();
    }

    /** The runs of each script, in order: see {@link ScheduledRun#schedule}. */
    public List<ScheduledRun> schedule() {
        return ScheduledRun.schedule(repeat, interleaved());
    }

    /**
     * Why this schedule cannot serve its purpose, for the build log: A/B with fewer than
     * {@value #FEWEST_DECISIVE_ROUNDS} rounds can never reach a decision.
     */
    public Optional<String> scheduleWarning() {
        return scheduleWarning(OptionSpelling.KEYS);
    }

    /** As {@link #scheduleWarning()}, with the option spelled as the adapter spells it. */
    public Optional<String> scheduleWarning(OptionSpelling spelling) {
        if (!interleaved() || repeat >= FEWEST_DECISIVE_ROUNDS) {
            return Optional.empty();
        }
        return Optional.of("the interleaved A/B mode runs " + repeat + (repeat == 1 ? " round" : " rounds")
                + ", but the regression check needs at least " + FEWEST_DECISIVE_ROUNDS + " to reach a decision at a "
                + "1 % false-alarm rate, so every A/B verdict will be inconclusive. Set repeat (" + spelling.spell(Option.K6_REPEAT) + ") to "
                + SUGGESTED_ROUNDS + " or more.");
    }

    private static void requireVariableName(String name) {
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not an environment variable name: use letters, "
                    + "digits and '_', not starting with a digit");
        }
    }

    /** Collects the options; everything but the output directory has a default. */
    public static final class Builder {

        private String executable = DEFAULT_EXECUTABLE;
        private final Path outputDirectory;
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new TreeMap<>();
        private String baseUrl = "";
        private String baseUrlVariable = DEFAULT_BASE_URL_VARIABLE;
        private Path workingDirectory = Path.of("").toAbsolutePath();
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration killGracePeriod = DEFAULT_KILL_GRACE_PERIOD;
        private int repeat = DEFAULT_REPEAT;
        private String baselineUrl = "";
        private String k6Version = "";

        private Builder(Path outputDirectory) {
            this.outputDirectory = Objects.requireNonNull(outputDirectory, "outputDirectory");
        }

        public Builder executable(String executable) {
            this.executable = executable;
            return this;
        }

        public Builder arguments(List<String> arguments) {
            this.arguments.clear();
            this.arguments.addAll(arguments);
            return this;
        }

        /** Adds variables; a {@code null} value (an empty element in a build file) becomes empty text. */
        public Builder environment(Map<String, String> environment) {
            environment.forEach((name, value) -> this.environment.put(name, value == null ? "" : value));
            return this;
        }

        /** @param baseUrl the address, or {@code null} or blank for none */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl == null ? "" : baseUrl.strip();
            return this;
        }

        public Builder baseUrlVariable(String baseUrlVariable) {
            this.baseUrlVariable = baseUrlVariable;
            return this;
        }

        public Builder workingDirectory(Path workingDirectory) {
            this.workingDirectory = workingDirectory;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder killGracePeriod(Duration killGracePeriod) {
            this.killGracePeriod = killGracePeriod;
            return this;
        }

        public Builder repeat(int repeat) {
            this.repeat = repeat;
            return this;
        }

        /** @param baselineUrl the baseline's address for the A/B mode, or {@code null} or blank for none */
        public Builder baselineUrl(String baselineUrl) {
            this.baselineUrl = baselineUrl == null ? "" : baselineUrl.strip();
            return this;
        }

        /** @param k6Version the k6 release the executable is, or {@code null} or blank when not known */
        public Builder k6Version(String k6Version) {
            this.k6Version = k6Version == null ? "" : k6Version.strip();
            return this;
        }

        /** @throws IllegalArgumentException naming the option that cannot be used */
        public K6Options build() {
            return new K6Options(executable, outputDirectory, arguments, environment, baseUrl, baseUrlVariable,
                    workingDirectory, timeout, killGracePeriod, repeat, baselineUrl, k6Version);
        }
    }
}
