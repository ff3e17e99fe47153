package io.perfgate.maven;

import io.perfgate.database.DatabaseSnapshots;
import io.perfgate.database.SnapshotAttempt;
import io.perfgate.postgres.PostgresConnectionSettings;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Snapshots {@code pg_stat_statements} of the application's database before the load, into
 * {@code target/perf/db/before.json}; {@code perf:db-after} takes the second one. Bound around any
 * load (k6, jmeter-maven-plugin, gatling-maven-plugin), the pair lets the budget's {@code db.*} lines
 * judge what the database ran in between. Nothing is reset.
 */
@Mojo(name = "db-before", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class DatabaseBeforeMojo extends DatabaseSnapshotMojo {

    @Override
    String goal() {
        return "perf:db-before";
    }

    @Override
    SnapshotAttempt take(PostgresConnectionSettings connection, Path folder, Clock clock) {
        return DatabaseSnapshots.takeBefore(connection, folder, clock);
    }
}
