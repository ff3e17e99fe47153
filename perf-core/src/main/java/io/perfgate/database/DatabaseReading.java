package io.perfgate.database;

import io.perfgate.budget.DatabaseLine;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.LineResult;
import java.util.Objects;
import java.util.Optional;

/**
 * What the read phase found of the database: the statements' changes over the load, or why there are
 * none to use. Judging a line and building the report's section read no file.
 *
 * @param changes the statements' changes between the snapshots, when a usable pair was taken
 * @param problem why there are no usable changes, when snapshots were expected or broken; empty
 *                together with {@code changes} when the build took none and needs none
 */
public record DatabaseReading(Optional<StatementChanges> changes, Optional<String> problem) {

    /** No snapshots, and no line that needs them. */
    public static final DatabaseReading NONE = new DatabaseReading(Optional.empty(), Optional.empty());

    public DatabaseReading {
        Objects.requireNonNull(changes, "changes");
        Objects.requireNonNull(problem, "problem");
        if (changes.isPresent() && problem.isPresent()) {
            throw new IllegalArgumentException("a database reading has either changes or a problem, not both");
        }
    }

    static DatabaseReading of(StatementChanges changes) {
        return new DatabaseReading(Optional.of(changes), Optional.empty());
    }

    static DatabaseReading unusable(String problem) {
        return new DatabaseReading(Optional.empty(), Optional.of(problem));
    }

    /** The line judged over the changes, or {@link io.perfgate.model.Verdict#ERROR} with the problem. */
    public LineResult judge(DatabaseLine line, LoadCounts counts) {
        return changes.map(found -> DatabaseEvaluator.evaluate(line, found, counts))
                .orElseGet(() -> DatabaseEvaluator.error(line, problem.orElse("there are no database snapshots")));
    }

    /** The report's database section, when there are changes. */
    public Optional<DatabaseSection> section(LoadCounts counts) {
        return changes.map(found -> DatabaseSections.of(found, counts));
    }
}
