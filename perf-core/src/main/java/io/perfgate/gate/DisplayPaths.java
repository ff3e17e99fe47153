package io.perfgate.gate;

import java.nio.file.Path;

/** Paths as users see them in messages: relative to the working folder when below it. */
final class DisplayPaths {

    private DisplayPaths() {
    }

    static Path of(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path workingFolder = Path.of("").toAbsolutePath();
        return absolute.startsWith(workingFolder) && !absolute.equals(workingFolder)
                ? workingFolder.relativize(absolute) : absolute;
    }
}
