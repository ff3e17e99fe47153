package io.perfgate.database;

import io.perfgate.model.StatementPlan;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The plans taken after the load for the statements that mattered during it, and what is missing.
 *
 * @param plans each planned statement's plan
 * @param note  why some or all plans are missing (a server before PostgreSQL 16, statements the server
 *              could not plan); empty when nothing is
 */
public record StatementPlans(Map<StatementKey, StatementPlan> plans, Optional<String> note) {

    /** No plans were asked for. */
    public static final StatementPlans NONE = new StatementPlans(Map.of(), Optional.empty());

    public StatementPlans {
        plans = Map.copyOf(plans);
        Objects.requireNonNull(note, "note");
    }
}
