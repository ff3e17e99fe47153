package io.perfgate.maven;

import io.perfgate.database.SnapshotAttempt;
import io.perfgate.postgres.PostgresConnectionSettings;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * What {@code perf:db-before} and {@code perf:db-after} share beyond the database itself: where the
 * snapshots go, and taking one.
 */
abstract class DatabaseSnapshotMojo extends DatabaseMojo {

    /** Where {@code before.json} and {@code after.json} are written. */
    @Parameter(defaultValue = "${project.build.directory}/perf/db", required = true)
    File snapshotDirectory;

    /** Skips every perfgate goal. */
    @Parameter(property = "perf.skip", defaultValue = "false")
    boolean skip;

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
        logAttempt(goal(), attempt, snapshotDirectory.toPath());
    }
}
