package io.perfgate.database;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code pg_stat_statements} of one database at one moment.
 *
 * @param takenAt              when it was read (the database server's clock)
 * @param database             {@code host:port/database}, without credentials
 * @param serverVersion        the server's {@code server_version}, e.g. {@code 17.5}
 * @param serverVersionNumber  {@code server_version_num}, e.g. {@code 170005}
 * @param extensionVersion     the installed pg_stat_statements version, e.g. {@code 1.11}; it decides the columns
 * @param statsReset           when all statistics were last reset ({@code pg_stat_statements_info}, 1.9 on)
 * @param deallocations        entries evicted so far to make room ({@code pg_stat_statements_info.dealloc}, 1.9 on)
 * @param statements           the entries of this database
 * @param plans                the plans of the statements that mattered during the load, taken right after
 *                             this snapshot; {@link StatementPlans#NONE} for a snapshot before the load
 */
public record StatementSnapshot(Instant takenAt, String database, String serverVersion, int serverVersionNumber,
        String extensionVersion, Optional<Instant> statsReset, OptionalLong deallocations,
        List<StatementStatistics> statements, StatementPlans plans) implements SnapshotAttempt {

    public StatementSnapshot {
        Objects.requireNonNull(takenAt, "takenAt");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(extensionVersion, "extensionVersion");
        Objects.requireNonNull(statsReset, "statsReset");
        Objects.requireNonNull(deallocations, "deallocations");
        statements = List.copyOf(statements);
        Objects.requireNonNull(plans, "plans");
    }

    /** A snapshot without plans. */
    public StatementSnapshot(Instant takenAt, String database, String serverVersion, int serverVersionNumber,
            String extensionVersion, Optional<Instant> statsReset, OptionalLong deallocations,
            List<StatementStatistics> statements) {
        this(takenAt, database, serverVersion, serverVersionNumber, extensionVersion, statsReset, deallocations,
                statements, StatementPlans.NONE);
    }

    /** This snapshot with {@code taken} as its plans. */
    public StatementSnapshot withPlans(StatementPlans taken) {
        return new StatementSnapshot(takenAt, database, serverVersion, serverVersionNumber, extensionVersion,
                statsReset, deallocations, statements, taken);
    }
}
