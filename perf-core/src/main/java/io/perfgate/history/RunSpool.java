package io.perfgate.history;

import io.perfgate.diag.BadInputException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs waiting for the database: one file per run, {@code <start>_<project>_<runId>.json} in
 * {@link RunJson} format, so the folder lists oldest first. Files are written atomically; flushing
 * takes {@code .lock} so that two builds do not replay the same runs at once (a replay is harmless
 * anyway: the database stores a run once).
 *
 * <p>A spooled file that is not a run this perfgate wrote (cut short, edited) is set aside while flushing,
 * renamed beside itself (see {@link SetAside}), never deleted, so that it stops no build of any project
 * that shares the folder; one of a newer format is left as it is for the newer perfgate that wrote it.
 */
final class RunSpool {

    private static final String LOCK_FILE = ".lock";
    private static final String EXTENSION = ".json";

    private final Path folder;

    RunSpool(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    Path folder() {
        return folder;
    }

    /**
     * Keeps a run; a run with the same project and run id already waiting here stays as it is (the first
     * record wins, as in the stores).
     */
    Path add(RunRecord run) throws IOException {
        String key = "_" + FileNames.key(run.project()) + "_" + FileNames.key(run.runId()) + EXTENSION;
        for (Path waiting : files()) {
            if (waiting.getFileName().toString().substring(FileNames.START_LENGTH).equals(key) && readable(waiting)) {
                return waiting;
            }
        }
        Path file = folder.resolve(FileNames.start(run.startedAt()) + key);
        AtomicFiles.write(file, RunJson.write(run));
        return file;
    }

    /** The waiting runs' files, oldest first. */
    List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return files;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, "[0-9]*" + EXTENSION)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().length() > FileNames.START_LENGTH + EXTENSION.length()) {
                    files.add(entry);
                }
            }
        }
        files.sort(null);
        return files;
    }

    static RunRecord read(Path file) throws IOException {
        return RunJson.read(Files.readAllBytes(file), file.toString());
    }

    /** Whether a waiting file still holds its run (or one of a newer format); a corrupt one does not. */
    private static boolean readable(Path file) throws IOException {
        try {
            read(file);
            return true;
        } catch (NewerFormatException e) {
            return true;
        } catch (NoSuchFileException | BadInputException e) {
            return false;
        }
    }

    /** What became of one waiting run. */
    enum Replayed {
        /** Written to the database: the file goes. */
        WRITTEN,
        /** Refused for a reason of its own: the file stays, the flush goes on. */
        KEPT,
        /** The database went away: this file and the rest stay. */
        STOPPED
    }

    /** Writes waiting runs to the database. */
    interface Replay {
        Replayed replay(Path file, RunRecord run);

        /** A file that is not a run, now set aside as {@code aside} for a person to look at. */
        void setAside(Path file, Path aside, BadInputException problem);

        /**
         * A file that is left where it is and skipped: one of a newer format, or one that cannot be read or
         * set aside; {@code problem} says which.
         */
        void skipped(Path file, String problem);
    }

    /**
     * Replays the waiting runs oldest first, deleting each one that {@code replay} accepted. Returns empty
     * when another thread or process is flushing right now; otherwise how many runs were written.
     */
    Optional<Integer> flush(Replay replay) throws IOException {
        if (files().isEmpty()) {
            return Optional.of(0);
        }
        return AtomicFiles.tryUnderLock(folder.resolve(LOCK_FILE), () -> {
            int replayed = 0;
            for (Path file : files()) {
                RunRecord run;
                try {
                    run = read(file);
                } catch (NoSuchFileException e) {
                    continue; // written meanwhile by a build that did not wait for this lock
                } catch (NewerFormatException e) {
                    replay.skipped(file, e.getMessage() + ". A newer perfgate wrote it, so it is left as it is");
                    continue;
                } catch (BadInputException e) {
                    setAside(file, e, replay);
                    continue;
                } catch (IOException e) {
                    replay.skipped(file, file + " cannot be read (" + e + "), so it is left as it is");
                    continue;
                }
                Replayed outcome = replay.replay(file, run);
                if (outcome == Replayed.STOPPED) {
                    break;
                }
                if (outcome == Replayed.WRITTEN) {
                    Files.deleteIfExists(file);
                    replayed++;
                }
            }
            return replayed;
        });
    }

    /** Called under the flush lock, which every flush takes; only this flush can move the file. */
    private static void setAside(Path file, BadInputException problem, Replay replay) {
        try {
            replay.setAside(file, SetAside.file(file, Instant.now()), problem);
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            replay.skipped(file, problem.getMessage() + ". It cannot be set aside (" + e + "), so it is left as it is");
        }
    }
}
