package io.perfgate.gate;

import java.nio.file.Path;

/** Paths as users see them in messages: relative to a base folder (the working folder) when below it. */
final class DisplayPaths {

    private DisplayPaths() {
    }

    static Path of(Path path) {
        return of(path, Path.of(""));
    }

    static Path of(Path path, Path base) {
        Path absolute = path.toAbsolutePath().normalize();
        Path folder = base.toAbsolutePath().normalize();
        return absolute.startsWith(folder) && !absolute.equals(folder) ? folder.relativize(absolute) : absolute;
    }
}
