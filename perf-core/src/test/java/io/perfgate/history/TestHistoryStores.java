package io.perfgate.history;

import io.perfgate.postgres.PostgresConnectionSettings;
import java.time.Duration;

/** Stores set up as only a test needs them, for the tests of other packages. */
public final class TestHistoryStores {

    private TestHistoryStores() {
    }

    /** A PostgreSQL store whose statements give up after {@code statementTimeout}, not a minute. */
    public static PostgresHistoryStore postgres(PostgresConnectionSettings settings, Duration statementTimeout) {
        return new PostgresHistoryStore(settings, SchemaMigrations.bundled(), statementTimeout);
    }
}
