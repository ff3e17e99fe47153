package io.perfgate.history;

import io.perfgate.diag.Diagnostics;
import io.perfgate.postgres.TestPostgres;
import java.nio.file.Path;

/** Every history store, for the tests that all of them must pass alike. */
enum StoreImplementation {

    FILE {
        @Override
        HistoryStore open(Path folder) {
            return new FileHistoryStore(folder.resolve("history"), new Diagnostics());
        }
    },
    POSTGRES {
        @Override
        HistoryStore open(Path folder) {
            return new PostgresHistoryStore(TestPostgres.server().newDatabase());
        }
    },
    SPOOLING_POSTGRES {
        @Override
        HistoryStore open(Path folder) {
            return new SpoolingHistoryStore(new PostgresHistoryStore(TestPostgres.server().newDatabase()),
                    folder.resolve("spool"), new Diagnostics());
        }
    };

    /** A new, empty store; {@code folder} is the test's own temporary folder. */
    abstract HistoryStore open(Path folder);
}
