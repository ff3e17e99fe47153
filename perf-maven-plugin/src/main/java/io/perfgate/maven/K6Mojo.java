package io.perfgate.maven;

import io.perfgate.database.DatabaseSnapshots;
import io.perfgate.database.SnapshotAttempt;
import io.perfgate.diag.Option;
import io.perfgate.gate.PerfGate;
import io.perfgate.postgres.PostgresConnectionSettings;
import io.perfgate.run.DurationText;
import io.perfgate.run.HttpK6Downloads;
import io.perfgate.run.HttpProxy;
import io.perfgate.run.K6Downloads;
import io.perfgate.run.K6Options;
import io.perfgate.run.K6Outcome;
import io.perfgate.run.K6Provisioning;
import io.perfgate.run.K6Release;
import io.perfgate.run.K6RunException;
import io.perfgate.run.K6RunFailedException;
import io.perfgate.run.K6RunResult;
import io.perfgate.run.K6Runner;
import io.perfgate.run.RunRole;
import io.perfgate.run.ScheduledRun;
import java.io.File;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Runs k6 scripts and writes their results to {@code <outputDirectory>/<script name>/}: the only run of
 * a script there, repeated runs in {@code run-1/}, {@code run-2/}, ... below it, interleaved A/B rounds
 * in {@code baseline-1/}, {@code candidate-1/}, .... Crossed k6 thresholds (exit 99) do not fail this
 * goal: {@code perf:check} decides in {@code verify}, after {@code post-integration-test} has stopped the
 * application.
 *
 * <p>With the application's database given ({@code perf.db.url}, as for {@code perf:db-before}), it also
 * snapshots {@code pg_stat_statements} right before its first run and right after its last, into
 * {@code <outputDirectory>/db/}, for the budget's {@code db.*} lines. A database that cannot be read is
 * logged with the fix and never stops the load.
 */
@Mojo(name = "k6", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class K6Mojo extends DatabaseMojo {

    /** The k6 scripts to run, in this order. */
    @Parameter
    private List<File> scripts;

    /**
     * The path to the k6 binary, or {@code k6} to look it up on the PATH; without it, the k6 of
     * {@link #k6Version}, or else {@code k6} from the PATH.
     */
    @Parameter(property = "perf.k6.executable")
    private String k6Executable;

    /**
     * The k6 release to run, e.g. {@code 0.48.0}: taken from {@link #k6Cache}, or downloaded for this
     * platform from {@link #k6DownloadUrl}, its SHA-256 checked against the release's checksums file.
     * Not used when {@link #k6Executable} is set.
     */
    @Parameter(property = "perf.k6.version")
    private String k6Version;

    /**
     * Keeps the k6 releases {@link #k6Version} installed, one folder per version, for every build of this
     * user; default {@code ~/.perfgate/k6}.
     */
    @Parameter(property = "perf.k6.cache")
    private File k6Cache;

    /**
     * Where k6 releases are downloaded from; below it, k6's own layout:
     * {@code v<version>/k6-v<version>-<os>-<arch>.tar.gz} (or {@code .zip}) and {@code v<version>/k6-v<version>-checksums.txt}.
     */
    @Parameter(property = "perf.k6.downloadUrl", defaultValue = K6Release.DEFAULT_DOWNLOAD_URL)
    private String k6DownloadUrl;

    /** Whether Maven runs offline ({@code -o}): k6 then comes from the cache only. */
    @Parameter(defaultValue = "${session}", readonly = true)
    MavenSession session;

    /** Fetches k6 releases; replaced in tests. */
    Function<List<HttpProxy>, K6Downloads> downloads = HttpK6Downloads::new;

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

    /**
     * The budget {@code perf:check} evaluates. While k6 runs, each run's results are read into a summary beside
     * them ({@code run-summary.json}) that keeps exactly the series this budget filters by tags, so that
     * {@code perf:check} need not read the results again.
     */
    @Parameter(property = "perf.budgetFile", defaultValue = "${project.basedir}/perf-budget.yaml", required = true)
    private File budgetFile;

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
        K6Options options = provided(options());
        options.scheduleWarning(MavenSpelling.INSTANCE).ifPresent(warning -> getLog().warn("perf:k6: " + warning));
        Optional<PostgresConnectionSettings> database = snapshotDatabase(options);
        K6Runner runner = new K6Runner(options, MavenSpelling.INSTANCE,
                PerfGate.resultsFollower(budgetFile.toPath(), line -> getLog().info("perf:k6: " + line)),
                line -> getLog().info(line), line -> getLog().warn(line));
        RunProgress progress = new RunProgress(database);
        try {
            runner.runAll(scripts.stream().map(File::toPath).toList(), progress);
        } catch (K6RunFailedException e) {
            // As failsafe does: the run is recorded, post-integration-test still stops the application, and
            // perf:check fails the build in verify.
            getLog().error(e.getMessage());
            getLog().error("perf:k6: the failed run is recorded in " + e.runFolder() + "; perf:check fails the "
                    + "build in verify, after the application is stopped");
        } catch (K6RunException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } finally {
            if (progress.snapshotBefore) {
                snapshot("after", DatabaseSnapshots::takeAfter, database.orElseThrow());
            }
        }
    }

    /** Logs the runs, and takes the database snapshot before the first. */
    private final class RunProgress implements K6Runner.Progress {

        private final Optional<PostgresConnectionSettings> database;
        private boolean snapshotBefore;

        RunProgress(Optional<PostgresConnectionSettings> database) {
            this.database = database;
        }

        @Override
        public void starting(Path script, ScheduledRun run) {
            if (database.isPresent() && !snapshotBefore) {
                snapshotBefore = true;
                snapshot("before", DatabaseSnapshots::takeBefore, database.get());
            }
            if (!run.isOnlyRun()) {
                getLog().info("Running k6 on " + script.getFileName() + " (" + run.describe() + ")");
            }
        }

        @Override
        public void finished(K6RunResult result) {
            report(result);
        }

        @Override
        public void warning(String message) {
            getLog().warn("perf:k6: " + message);
        }
    }

    @Override
    String goal() {
        return "perf:k6";
    }

    /**
     * The database to snapshot around the runs, empty when none is given or {@code perf.db.skip} is set.
     *
     * @throws MojoExecutionException when the database is misconfigured, or a script's results would land
     *                                in the snapshots' folder; before anything runs
     */
    private Optional<PostgresConnectionSettings> snapshotDatabase(K6Options options) throws MojoExecutionException {
        if (!databaseConfigured()) {
            return Optional.empty();
        }
        if (skipDatabase) {
            getLog().info("perf:k6 takes no database snapshots (perf.db.skip is set)");
            return Optional.empty();
        }
        PostgresConnectionSettings connection = connection();
        for (File script : scripts) {
            if (K6Runner.folderName(script.toPath()).equals(DatabaseSnapshots.FOLDER)) {
                throw new MojoExecutionException("perf:k6 cannot run " + script + " with database snapshots: its "
                        + "results would go to " + DatabaseSnapshots.folder(options.outputDirectory())
                        + ", where the snapshots are written; rename the script");
            }
        }
        if (!options.baselineUrl().isEmpty()) {
            getLog().warn("perf:k6: the database snapshots span the baseline's runs too; if the baseline's deployment "
                    + "uses the database at perf.db.url as well, its statements count against the candidate's requests");
        }
        return Optional.of(connection);
    }

    /**
     * Takes one snapshot into {@code <outputDirectory>/db}. Nothing here stops the load: a database that
     * cannot be read is written as such, and a snapshot that cannot be written leaves its file missing;
     * either way the gate fails the database lines closed with the reason.
     */
    private void snapshot(String when, SnapshotTaker take, PostgresConnectionSettings connection) {
        Path folder = DatabaseSnapshots.folder(outputDirectory.toPath());
        String label = "perf:k6, database snapshot " + when + " the load";
        try {
            logAttempt(label, take.take(connection, folder, clock), folder);
        } catch (UncheckedIOException e) {
            getLog().error(label + " could not be written: " + e.getMessage());
            getLog().error("The database lines of the budget cannot be evaluated; the load results still are");
        }
    }

    /** {@link DatabaseSnapshots#takeBefore} or {@link DatabaseSnapshots#takeAfter}. */
    @FunctionalInterface
    private interface SnapshotTaker {
        SnapshotAttempt take(PostgresConnectionSettings connection, Path folder, Clock clock);
    }

    /**
     * The options with the k6 of {@link #k6Version} when it is to be used: from the cache or downloaded.
     *
     * @throws MojoExecutionException saying what to do when k6 cannot be provided
     */
    K6Options provided(K6Options options) throws MojoExecutionException {
        if (blank(k6Version)) {
            return options;
        }
        if (!blank(k6Executable)) {
            getLog().warn("perf:k6 runs the k6 at " + k6Executable + " (" + MavenSpelling.INSTANCE.spell(Option.K6_EXECUTABLE)
                    + "); " + MavenSpelling.INSTANCE.spell(Option.K6_VERSION) + " " + k6Version.strip() + " is not used");
            return options;
        }
        K6Provisioning provisioning = new K6Provisioning(cache(), downloadUrl(), offline(),
                downloads.apply(proxies()), line -> getLog().info(line), MavenSpelling.INSTANCE);
        try {
            String version = K6Release.version(k6Version);
            Path k6 = provisioning.provide(version);
            return options(k6.toString(), version);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("perf:k6 is misconfigured: " + e.getMessage(), e);
        } catch (K6RunException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    private URI downloadUrl() throws MojoExecutionException {
        String text = blank(k6DownloadUrl) ? K6Release.DEFAULT_DOWNLOAD_URL : k6DownloadUrl.strip();
        try {
            URI uri = new URI(text);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new MojoExecutionException("perf:k6 is misconfigured: perf.k6.downloadUrl '" + text + "' is not an "
                    + "http or https URL such as " + K6Release.DEFAULT_DOWNLOAD_URL, e);
        }
    }

    /** The cache folder: {@link #k6Cache}, else {@code ~/.perfgate/k6}. */
    Path cache() {
        return k6Cache != null ? k6Cache.toPath() : K6Provisioning.defaultCache(Path.of(System.getProperty("user.home")));
    }

    private boolean offline() {
        return session != null ? session.isOffline() : settings != null && settings.isOffline();
    }

    /** The active proxies of settings.xml, their passwords decrypted, in their order there. */
    List<HttpProxy> proxies() throws MojoExecutionException {
        if (settings == null) {
            return List.of();
        }
        List<Proxy> active = settings.getProxies().stream().filter(Proxy::isActive).toList();
        if (active.isEmpty()) {
            return List.of();
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest().setProxies(active));
        for (SettingsProblem problem : decrypted.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new MojoExecutionException("perf:k6 cannot use the proxies of settings.xml: "
                        + problem.getMessage());
            }
        }
        List<HttpProxy> proxies = new ArrayList<>();
        try {
            for (Proxy proxy : decrypted.getProxies()) {
                proxies.add(new HttpProxy(proxy.getProtocol(), proxy.getHost(), proxy.getPort(), proxy.getUsername(),
                        proxy.getPassword(), proxy.getNonProxyHosts()));
            }
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("perf:k6 cannot use the proxies of settings.xml: " + e.getMessage(), e);
        }
        return proxies;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The parameters as perf-core options. */
    K6Options options() throws MojoExecutionException {
        return options(blank(k6Executable) ? K6Options.DEFAULT_EXECUTABLE : k6Executable, "");
    }

    private K6Options options(String executable, String version) throws MojoExecutionException {
        try {
            return K6Options.builder(outputDirectory.toPath())
                    .executable(executable)
                    .k6Version(version)
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
