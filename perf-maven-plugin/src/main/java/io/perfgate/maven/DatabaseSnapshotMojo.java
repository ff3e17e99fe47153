package io.perfgate.maven;

import io.perfgate.database.CaptureFailure;
import io.perfgate.database.SnapshotAttempt;
import io.perfgate.database.StatementSnapshot;
import io.perfgate.postgres.PostgresConnectionSettings;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What {@code perf:db-before} and {@code perf:db-after} share: the database whose
 * {@code pg_stat_statements} they read, its credentials, and where the snapshots go. A database that
 * cannot be read does not stop the build here: the goal logs the problem with its fix and writes it in
 * place of the snapshot, the load still runs, and the gate fails the database lines closed.
 */
abstract class DatabaseSnapshotMojo extends AbstractMojo {

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

    /** Where {@code before.json} and {@code after.json} are written. */
    @Parameter(defaultValue = "${project.build.directory}/perf/db", required = true)
    File snapshotDirectory;

    /** Skips every perfgate goal. */
    @Parameter(property = "perf.skip", defaultValue = "false")
    boolean skip;

    /** Skips both database snapshot goals. */
    @Parameter(property = "perf.db.skip", defaultValue = "false")
    boolean skipDatabase;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter decrypter;

    /** The environment the credentials are read from; replaced in tests. */
    Map<String, String> environment = System.getenv();

    /** Dates a snapshot that could not be taken; replaced in tests. */
    Clock clock = Clock.systemUTC();

    /** {@code perf:db-before}, for messages. */
    abstract String goal();

    /** Takes the snapshot into {@code folder}. */
    abstract SnapshotAttempt take(PostgresConnectionSettings connection, Path folder, Clock clock);

    @Override
    public void execute() throws MojoExecutionException {
        if (skip || skipDatabase) {
            getLog().info("Skipping " + goal() + " (perf.skip or perf.db.skip is set)");
            return;
        }
        PostgresConnectionSettings connection = connection();
        SnapshotAttempt attempt;
        try {
            attempt = take(connection, snapshotDirectory.toPath(), clock);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(goal() + " could not write its snapshot: " + e.getMessage(), e);
        }
        if (attempt instanceof CaptureFailure failure) {
            getLog().error(goal() + ": " + failure.message());
            getLog().error("The database lines of the budget cannot be evaluated; the load results still are");
        } else {
            StatementSnapshot snapshot = (StatementSnapshot) attempt;
            getLog().info(goal() + ": " + snapshot.statements().size() + " statements of " + snapshot.database()
                    + " (PostgreSQL " + snapshot.serverVersion() + ", pg_stat_statements "
                    + snapshot.extensionVersion() + ") in " + snapshotDirectory);
        }
    }

    /** The parameters as connection settings. */
    PostgresConnectionSettings connection() throws MojoExecutionException {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            throw new MojoExecutionException(goal() + " needs the application's database: set perf.db.url to "
                    + "jdbc:postgresql://host:port/database, or skip the goal with perf.db.skip");
        }
        PostgresCredentials credentials = PostgresCredentials.resolve(databaseServerId, databaseUser,
                databasePassword, "PERF_DB", "the application's database", settings, decrypter, environment);
        try {
            return PostgresConnectionSettings.of(databaseUrl.strip(), credentials.user(), credentials.password());
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(goal() + " is misconfigured: perf.db.url " + e.getMessage(), e);
        }
    }
}
