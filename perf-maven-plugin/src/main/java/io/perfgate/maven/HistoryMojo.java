package io.perfgate.maven;

import io.perfgate.diag.Diagnostics;
import io.perfgate.gate.HistoryLocation;
import io.perfgate.gate.HistoryOptions;
import io.perfgate.gate.RunIdentity;
import io.perfgate.history.HistoryStore;
import io.perfgate.history.SpoolingHistoryStore;
import java.io.File;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The parameters every goal that reads or writes the run history shares: where it is, with which
 * credentials, and who the run is. Who the run is defaults from the CI's environment variables
 * (Jenkins, GitHub Actions, GitLab CI) and the checkout; see {@link RunIdentity}.
 */
abstract class HistoryMojo extends AbstractMojo {

    /**
     * Where the run history is kept: empty for {@code ~/.perfgate/history}, a folder, a
     * {@code jdbc:postgresql://host:port/database} URL, or {@code none} for no history.
     */
    @Parameter(property = "perf.history", defaultValue = "")
    String history;

    /** The {@code settings.xml} server whose username and password reach the history database. */
    @Parameter(property = "perf.history.serverId")
    String historyServerId;

    /** The history database's user, when no server id is given; else {@code PERF_HISTORY_USER}. */
    @Parameter(property = "perf.history.user")
    String historyUser;

    /** The history database user's password, when no server id is given; else {@code PERF_HISTORY_PASSWORD}. */
    @Parameter(property = "perf.history.password")
    String historyPassword;

    /** Where runs wait while the PostgreSQL history is down; a later build writes them. */
    @Parameter(property = "perf.history.spool")
    File historySpool;

    /** What is measured; runs of different projects never mix. */
    @Parameter(property = "perf.project", defaultValue = "${project.groupId}:${project.artifactId}", required = true)
    String project;

    /** The branch measured; by default from the CI, else the checkout's {@code .git/HEAD}. */
    @Parameter(property = "perf.branch")
    String branch;

    /** The branch whose runs form the baseline; by default a pull request's target, else the branch itself. */
    @Parameter(property = "perf.baselineBranch")
    String baselineBranch;

    /** The commit measured; by default from the CI. */
    @Parameter(property = "perf.commit")
    String commit;

    /** The run's id, the same when a build is retried; by default from the CI, else the start time. */
    @Parameter(property = "perf.runId")
    String runId;

    /** Where the build can be looked at; by default from the CI. */
    @Parameter(property = "perf.buildUrl")
    String buildUrl;

    /** How many recent passing runs of the baseline branch form the baseline. */
    @Parameter(property = "perf.baselineRuns", defaultValue = "15")
    int baselineRuns;

    /** Whether this run is added to the history; false only reads it (e.g. a check of a local change). */
    @Parameter(property = "perf.history.record", defaultValue = "true")
    boolean recordRun;

    /** The environment the run measured, kept with it, e.g. {@code <agent>linux-4</agent>}. */
    @Parameter
    Map<String, String> labels;

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    File basedir;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Inject
    SettingsDecrypter decrypter;

    /** The environment the identity and credentials are read from; replaced in tests. */
    Map<String, String> systemEnvironment = System.getenv();

    /** The store {@code history} names, or empty for {@code none}. */
    Optional<HistoryStore> openStore(Diagnostics diagnostics) throws MojoExecutionException {
        String location = history == null ? "" : history;
        PostgresCredentials credentials = location.strip().startsWith("jdbc:")
                ? PostgresCredentials.resolve(historyServerId, historyUser, historyPassword, "PERF_HISTORY",
                        "the history database", settings, decrypter, systemEnvironment)
                : new PostgresCredentials("", "");
        try {
            return HistoryLocation.open(location, credentials.user(), credentials.password(),
                    historySpool == null ? SpoolingHistoryStore.defaultSpoolFolder() : historySpool.toPath(), diagnostics);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("perf.history: " + e.getMessage(), e);
        }
    }

    RunIdentity identity(Instant startedAt) {
        Map<String, String> explicit = new LinkedHashMap<>();
        explicit.put("branch", branch);
        explicit.put("baselineBranch", baselineBranch);
        explicit.put("commit", commit);
        explicit.put("runId", runId);
        explicit.put("buildUrl", buildUrl);
        return RunIdentity.resolve(explicit, systemEnvironment, basedir.toPath(), startedAt);
    }

    /** The history options for a gate, or empty when no history is kept. */
    Optional<HistoryOptions> historyOptions(Instant startedAt, Diagnostics diagnostics) throws MojoExecutionException {
        Optional<HistoryStore> store = openStore(diagnostics);
        if (store.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HistoryOptions(store.get(), project, identity(startedAt), baselineRuns, recordRun,
                    labels == null ? Map.of() : labels));
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }
}
