package io.perfgate.database;

import io.perfgate.model.DatabaseSection;
import io.perfgate.model.LineResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The database part of one gate evaluation.
 *
 * @param lines   one result per database line of the budget, in the budget's order
 * @param section the report's database section, empty when there is no usable pair of snapshots
 */
public record DatabaseOutcome(List<LineResult> lines, Optional<DatabaseSection> section) {

    public DatabaseOutcome {
        lines = List.copyOf(lines);
        Objects.requireNonNull(section, "section");
    }

    /** Nothing to report: no database lines and no snapshots. */
    public static DatabaseOutcome none() {
        return new DatabaseOutcome(List.of(), Optional.empty());
    }
}
