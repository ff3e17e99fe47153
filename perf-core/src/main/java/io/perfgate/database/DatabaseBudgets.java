package io.perfgate.database;

import io.perfgate.budget.Budget;
import io.perfgate.budget.DatabaseLine;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.stats.RunResults;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The database part of the gate, from the snapshot files to line results and the report section. A
 * database problem never stops the evaluation of the load results: without a usable pair of
 * snapshots every database line is {@link io.perfgate.model.Verdict#ERROR} with the reason (and the
 * fix, where a snapshot could not be taken), and the section is left out.
 */
public final class DatabaseBudgets {

    private DatabaseBudgets() {
    }

    /**
     * Evaluates the budget's database lines over the snapshots in {@code snapshotFolder}.
     *
     * @param snapshotFolder where {@code before.json} and {@code after.json} are, see
     *                       {@link DatabaseSnapshots#folder}
     * @param results        the load run's results, for the request and iteration counts
     * @param diagnostics    receives the notes on the numbers (a reset in between), and a warning when
     *                       snapshots are unusable but no line needs them
     */
    public static DatabaseOutcome evaluate(Budget budget, Path snapshotFolder, RunResults results,
            OptionSpelling spelling, Diagnostics diagnostics) {
        List<DatabaseLine> lines = budget.databaseLines();
        Path before = DatabaseSnapshots.beforeFile(snapshotFolder);
        Path after = DatabaseSnapshots.afterFile(snapshotFolder);
        boolean hasBefore = Files.isRegularFile(before);
        boolean hasAfter = Files.isRegularFile(after);
        if (!hasBefore && !hasAfter) {
            return lines.isEmpty() ? DatabaseOutcome.none() : unusable(lines, "there are no database snapshots in "
                    + snapshotFolder + ": set " + spelling.spell(Option.DATABASE_URL) + " for "
                    + spelling.spell(Option.K6_RUN) + ", or run " + spelling.spell(Option.DATABASE_SNAPSHOT_BEFORE)
                    + " before the load and " + spelling.spell(Option.DATABASE_SNAPSHOT_AFTER) + " after it",
                    diagnostics);
        }
        if (!hasBefore || !hasAfter) {
            return unusable(lines, (hasBefore ? after : before) + " is missing: " + (hasBefore
                    ? spelling.spell(Option.DATABASE_SNAPSHOT_AFTER) + " did not run after"
                    : spelling.spell(Option.DATABASE_SNAPSHOT_BEFORE) + " did not run before") + " the load",
                    diagnostics);
        }
        SnapshotAttempt first;
        SnapshotAttempt second;
        try {
            first = SnapshotFile.read(before);
            second = SnapshotFile.read(after);
        } catch (BadInputException | UncheckedIOException e) {
            return unusable(lines, e.getMessage(), diagnostics);
        }
        if (first instanceof CaptureFailure failure) {
            return unusable(lines, "the database snapshot before the load could not be taken: " + failure.message(),
                    diagnostics);
        }
        if (second instanceof CaptureFailure failure) {
            return unusable(lines, "the database snapshot after the load could not be taken: " + failure.message(),
                    diagnostics);
        }
        StatementChanges changes;
        try {
            changes = StatementDiff.between((StatementSnapshot) first, (StatementSnapshot) second);
        } catch (IllegalArgumentException e) {
            return unusable(lines, e.getMessage(), diagnostics);
        }
        changes.notes().forEach(diagnostics::warning);
        LoadCounts counts = LoadCounts.of(results);
        return new DatabaseOutcome(DatabaseEvaluator.evaluate(lines, changes, counts),
                Optional.of(DatabaseSections.of(changes, counts)));
    }

    private static DatabaseOutcome unusable(List<DatabaseLine> lines, String reason, Diagnostics diagnostics) {
        if (lines.isEmpty()) {
            diagnostics.warning("The database section is left out: " + reason);
        }
        return new DatabaseOutcome(DatabaseEvaluator.unevaluated(lines, reason), Optional.empty());
    }

}
