package io.perfgate.maven;

import io.perfgate.database.CaptureFailure;
import io.perfgate.database.SnapshotAttempt;
import io.perfgate.database.StatementSnapshot;
import io.perfgate.postgres.PostgresConnectionSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal that snapshots {@code pg_stat_statements} shares ({@code perf:db-before},
 * {@code perf:db-after}, and {@code perf:k6} around its runs): the application's database, its
 * credentials, and how an attempt is logged. A misconfigured database is a build error before anything
 * runs; a database that cannot be read is not: the problem is logged with its fix and written in place
 * of the snapshot, the load still runs, and the gate fails the database lines closed.
 */
abstract class DatabaseMojo extends AbstractMojo {

    /** The application's database: {@code jdbc:postgresql://host:port/database}. */
    @Parameter(property = "perf.db.url")
    String databaseUrl;

    /** The {@code settings.xml} server whose username and password reach the database. */
    @Parameter(property = "perf.db.serverId")
    String databaseServerId;

    /** The database user, when no server id is given; else the environment variable {@code PERF_DB_USER}. */
    @Parameter(property = "perf.db.user")
    String databaseUser;

    /** The user's password, when no server id is given; else the environment variable {@code PERF_DB_PASSWORD}. */
    @Parameter(property = "perf.db.password")
    String databasePassword;

    /** Skips the database snapshots: the goals {@code perf:db-before} and {@code perf:db-after}, and those of {@code perf:k6}. */
    @Parameter(property = "perf.db.skip", defaultValue = "false")
    boolean skipDatabase;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Inject
    SettingsDecrypter decrypter;

    /** The environment the credentials are read from; replaced in tests. */
    Map<String, String> systemEnvironment = System.getenv();

    /** Dates a snapshot that could not be taken; replaced in tests. */
    Clock clock = Clock.systemUTC();

    /** {@code perf:db-before}, for messages. */
    abstract String goal();

    /** Whether a database URL is given at all. */
    boolean databaseConfigured() {
        return databaseUrl != null && !databaseUrl.isBlank();
    }

    /** The parameters as connection settings. */
    PostgresConnectionSettings connection() throws MojoExecutionException {
        if (!databaseConfigured()) {
            throw new MojoExecutionException(goal() + " needs the application's database: set perf.db.url to "
                    + "jdbc:postgresql://host:port/database, or skip the goal with perf.db.skip");
        }
        PostgresCredentials credentials = PostgresCredentials.resolve(databaseServerId, databaseUser,
                databasePassword, "PERF_DB", "the application's database", settings, decrypter, systemEnvironment);
        try {
            return PostgresConnectionSettings.of(databaseUrl.strip(), credentials.user(), credentials.password());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(goal() + " is misconfigured: perf.db.url " + e.getMessage(), e);
        }
    }

    /**
     * Logs what a snapshot attempt gave: how many statements went where, or why there are none and how
     * to fix that.
     *
     * @param label what took it, e.g. {@code perf:db-before}
     */
    void logAttempt(String label, SnapshotAttempt attempt, Path folder) {
        if (attempt instanceof CaptureFailure failure) {
            getLog().error(label + ": " + failure.message());
            getLog().error("The database lines of the budget cannot be evaluated; the load results still are");
        } else {
            StatementSnapshot snapshot = (StatementSnapshot) attempt;
            getLog().info(label + ": " + snapshot.statements().size() + " statements of " + snapshot.database()
                    + " (PostgreSQL " + snapshot.serverVersion() + ", pg_stat_statements "
                    + snapshot.extensionVersion() + ") in " + folder);
        }
    }
}
