package io.perfgate.database;

import io.perfgate.model.DatabaseSection;
import io.perfgate.postgres.PostgresConnectionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The two snapshot files around a load run, {@code <perf folder>/db/before.json} and
 * {@code after.json}, and the taking of them. Taking never throws for a database problem: the
 * failure is written in place of the snapshot and returned, so the load still runs and the gate later
 * fails the database lines closed with the reason.
 */
public final class DatabaseSnapshots {

    /** The folder under perfgate's output folder ({@code target/perf}) that holds the snapshots. */
    public static final String FOLDER = "db";
    public static final String BEFORE_FILE = "before.json";
    public static final String AFTER_FILE = "after.json";

    private DatabaseSnapshots() {
    }

    /** {@code <perfDirectory>/db}, where the snapshot goals write by default. */
    public static Path folder(Path perfDirectory) {
        return perfDirectory.resolve(FOLDER);
    }

    public static Path beforeFile(Path folder) {
        return folder.resolve(BEFORE_FILE);
    }

    public static Path afterFile(Path folder) {
        return folder.resolve(AFTER_FILE);
    }

    /**
     * Takes the snapshot before the load into {@code folder}, and removes an {@code after.json} left by an
     * earlier build, so the two cannot be paired.
     *
     * @param clock dates a failure (a snapshot carries the database server's time)
     * @throws UncheckedIOException when the files cannot be written
     */
    public static SnapshotAttempt takeBefore(PostgresConnectionSettings settings, Path folder, Clock clock) {
        try {
            Files.deleteIfExists(afterFile(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the earlier snapshot " + afterFile(folder) + ": "
                    + e.getMessage(), e);
        }
        return take(settings, beforeFile(folder), clock);
    }

    /**
     * Takes the snapshot after the load into {@code folder}.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static SnapshotAttempt takeAfter(PostgresConnectionSettings settings, Path folder, Clock clock) {
        SnapshotAttempt attempt;
        try {
            StatementCapture capture = new StatementCapture(settings);
            StatementSnapshot after = capture.capture();
            attempt = after.withPlans(plans(capture, beforeFile(folder), after));
        } catch (DatabaseCaptureException e) {
            attempt = new CaptureFailure(clock.instant(), settings.target(), e.problem(), e.getMessage());
        }
        SnapshotFile.write(afterFile(folder), attempt);
        return attempt;
    }

    /**
     * The plans of the statements that mattered during the load: the {@value DatabaseSections#KEPT_BY_TIME}
     * that took most time, which the history keeps, and the {@value DatabaseSection#TOP} slowest per call,
     * which the report ranks. None when there is no usable snapshot before the load to tell them by.
     */
    private static StatementPlans plans(StatementCapture capture, Path beforeFile, StatementSnapshot after) {
        StatementChanges changes;
        try {
            if (!Files.isRegularFile(beforeFile) || !(SnapshotFile.read(beforeFile) instanceof StatementSnapshot before)) {
                return StatementPlans.NONE;
            }
            changes = StatementDiff.between(before, after);
        } catch (RuntimeException e) {
            return StatementPlans.NONE; // the gate says what is wrong with the snapshots
        }
        Set<StatementChange> mattered = new LinkedHashSet<>(changes.statements().stream()
                .limit(DatabaseSections.KEPT_BY_TIME).toList());
        changes.statements().stream().sorted(Comparator.comparingDouble(StatementChange::meanTimeMs).reversed())
                .limit(DatabaseSection.TOP).forEach(mattered::add);
        return capture.plans(List.copyOf(mattered), after.serverVersion(), after.serverVersionNumber());
    }

    private static SnapshotAttempt take(PostgresConnectionSettings settings, Path file, Clock clock) {
        SnapshotAttempt attempt;
        try {
            attempt = new StatementCapture(settings).capture();
        } catch (DatabaseCaptureException e) {
            attempt = new CaptureFailure(clock.instant(), settings.target(), e.problem(), e.getMessage());
        }
        SnapshotFile.write(file, attempt);
        return attempt;
    }
}
