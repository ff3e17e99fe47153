package io.perfgate.database;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the database ran between two snapshots: the statements with at least one call in between,
 * by total time, longest first.
 *
 * @param database   {@code host:port/database}
 * @param from       when the first snapshot was taken
 * @param to         when the second was taken
 * @param statements the changes, by total time descending
 * @param notes      what the numbers may miss, e.g. a reset in between; empty when nothing
 * @param plans      the plans taken after the load, and what they miss
 */
public record StatementChanges(String database, Instant from, Instant to, List<StatementChange> statements,
        List<String> notes, StatementPlans plans) {

    public StatementChanges {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        statements = List.copyOf(statements);
        notes = List.copyOf(notes);
        Objects.requireNonNull(plans, "plans");
    }

    /** Changes without plans. */
    public StatementChanges(String database, Instant from, Instant to, List<StatementChange> statements,
            List<String> notes) {
        this(database, from, to, statements, notes, StatementPlans.NONE);
    }
}
