package io.perfgate.history;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Moves a history or spool file that cannot be read out of the way, never deleting it: it is renamed
 * in its own folder to {@code <name>.corrupt-<UTC time>}, e.g.
 * {@code 20250301T120000.000000Z_1234.json.corrupt-20250302T080000Z}. The new name no longer ends in
 * {@code .json}, so no listing of runs or spooled runs takes it again, and a person can look at it,
 * repair it and rename it back.
 */
final class SetAside {

    static final String MARKER = ".corrupt-";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Enough for any number of builds finding corrupt files with the same name in the same second. */
    private static final int MAX_ATTEMPTS = 100;

    private SetAside() {
    }

    /**
     * Renames {@code file} beside itself; the caller holds the lock that keeps other writers of the folder
     * away.
     *
     * @return the file's new name
     * @throws java.nio.file.NoSuchFileException when the file is gone (set aside by another build)
     * @throws IOException when it cannot be renamed
     */
    static Path file(Path file, Instant now) throws IOException {
        String base = file.getFileName() + MARKER + TIME.format(now);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Path target = file.resolveSibling(attempt == 1 ? base : base + "-" + attempt);
            if (Files.exists(target)) {
                continue;
            }
            try {
                // A rename within the folder; without REPLACE_EXISTING (and ATOMIC_MOVE, which replaces on
                // POSIX) a file that appeared meanwhile under the same name is never replaced.
                return Files.move(file, target);
            } catch (FileAlreadyExistsException e) {
                // taken between the check and the move; try the next name
            }
        }
        throw new IOException("no free name to set " + file + " aside as " + base + " (tried " + MAX_ATTEMPTS + ")");
    }
}
