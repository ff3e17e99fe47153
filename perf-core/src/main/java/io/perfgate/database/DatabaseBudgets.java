package io.perfgate.database;

import io.perfgate.budget.Budget;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The database part of the gate's read phase: from the snapshot files to the statements' changes, or to
 * the reason there are none. A database problem never stops the evaluation of the load results: without
 * a usable pair of snapshots every database line is {@link io.perfgate.model.Verdict#ERROR} with the
 * reason (and the fix, where a snapshot could not be taken), and the section is left out.
 */
public final class DatabaseBudgets {

    private DatabaseBudgets() {
    }

    /**
     * Reads the snapshots in {@code snapshotFolder} for the budget's database lines.
     *
     * @param snapshotFolder where {@code before.json} and {@code after.json} are, see
     *                       {@link DatabaseSnapshots#folder}
     * @param diagnostics    receives the notes on the numbers (a reset in between), and a warning when
     *                       snapshots are unusable but no line needs them
     */
    public static DatabaseReading read(Budget budget, Path snapshotFolder, OptionSpelling spelling,
            Diagnostics diagnostics) {
        boolean needed = !budget.databaseLines().isEmpty();
        Path before = DatabaseSnapshots.beforeFile(snapshotFolder);
        Path after = DatabaseSnapshots.afterFile(snapshotFolder);
        boolean hasBefore = Files.isRegularFile(before);
        boolean hasAfter = Files.isRegularFile(after);
        if (!hasBefore && !hasAfter) {
            return needed ? unusable("there are no database snapshots in " + snapshotFolder + ": set "
                    + spelling.spell(Option.DATABASE_URL) + " for " + spelling.spell(Option.K6_RUN) + ", or run "
                    + spelling.spell(Option.DATABASE_SNAPSHOT_BEFORE) + " before the load and "
                    + spelling.spell(Option.DATABASE_SNAPSHOT_AFTER) + " after it", needed, diagnostics)
                    : DatabaseReading.NONE;
        }
        if (!hasBefore || !hasAfter) {
            return unusable((hasBefore ? after : before) + " is missing: " + (hasBefore
                    ? spelling.spell(Option.DATABASE_SNAPSHOT_AFTER) + " did not run after"
                    : spelling.spell(Option.DATABASE_SNAPSHOT_BEFORE) + " did not run before") + " the load",
                    needed, diagnostics);
        }
        SnapshotAttempt first;
        SnapshotAttempt second;
        try {
            first = SnapshotFile.read(before);
            second = SnapshotFile.read(after);
        } catch (BadInputException | UncheckedIOException e) {
            return unusable(e.getMessage(), needed, diagnostics);
        }
        if (first instanceof CaptureFailure failure) {
            return unusable("the database snapshot before the load could not be taken: " + failure.message(), needed,
                    diagnostics);
        }
        if (second instanceof CaptureFailure failure) {
            return unusable("the database snapshot after the load could not be taken: " + failure.message(), needed,
                    diagnostics);
        }
        StatementChanges changes;
        try {
            changes = StatementDiff.between((StatementSnapshot) first, (StatementSnapshot) second);
        } catch (IllegalArgumentException e) {
            return unusable(e.getMessage(), needed, diagnostics);
        }
        changes.notes().forEach(diagnostics::warning);
        changes.plans().note().ifPresent(diagnostics::info);
        return DatabaseReading.of(changes);
    }

    private static DatabaseReading unusable(String reason, boolean needed, Diagnostics diagnostics) {
        if (!needed) {
            diagnostics.warning("The database section is left out: " + reason);
        }
        return DatabaseReading.unusable(reason);
    }
}
