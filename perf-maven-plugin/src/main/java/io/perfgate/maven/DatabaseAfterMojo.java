package io.perfgate.maven;

import io.perfgate.database.DatabaseSnapshots;
import io.perfgate.database.SnapshotAttempt;
import io.perfgate.postgres.PostgresConnectionSettings;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Snapshots {@code pg_stat_statements} of the application's database after the load, into
 * {@code target/perf/db/after.json}, the counterpart of {@code perf:db-before}. Bind it before the
 * application is stopped in {@code post-integration-test}.
 */
@Mojo(name = "db-after", defaultPhase = LifecyclePhase.POST_INTEGRATION_TEST, threadSafe = true)
public class DatabaseAfterMojo extends DatabaseSnapshotMojo {

    @Override
    String goal() {
        return "perf:db-after";
    }

    @Override
    SnapshotAttempt take(PostgresConnectionSettings connection, Path folder, Clock clock) {
        return DatabaseSnapshots.takeAfter(connection, folder, clock);
    }
}
