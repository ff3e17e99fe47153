package io.perfgate.jenkins;

import hudson.Util;
import io.perfgate.run.K6RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.tools.ant.DirectoryScanner;
import org.apache.tools.ant.types.FileSet;

/**
 * Paths and Ant globs that a job configures, resolved inside the build's workspace only: a path that is
 * absolute, climbs out with {@code ..}, or reaches outside through a symbolic link is refused. Runs on
 * the agent, next to the files.
 */
final class WorkspacePaths {

    /** Results files picked up by the {@code results} glob; report files in the same folders are not. */
    private static final List<String> RESULT_ENDINGS = List.of(".jtl", ".ndjson", ".ndjson.gz");

    /** How deep perf-core looks below the results folder: run folders two levels down, their files below. */
    private static final int SEARCH_DEPTH = 4;

    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

    private final Path workspace;

    /** @param workspace the build's workspace; it must exist */
    WorkspacePaths(Path workspace) throws IOException {
        this.workspace = workspace.toRealPath();
    }

    Path workspace() {
        return workspace;
    }

    /**
     * A file or folder named relative to the workspace; it need not exist yet.
     *
     * @param option the option's name, for the message
     * @throws UnsafePathException when the path is blank, absolute or leaves the workspace
     */
    Path resolve(String relative, String option) throws IOException {
        String checked = checkedPattern(relative, option);
        Path resolved = workspace.resolve(checked).normalize();
        requireInside(resolved, option, relative);
        return resolved;
    }

    /**
     * Reads a file that must lie inside the workspace, also after following symbolic links: a report a
     * build left behind may be a link to anything on the machine.
     *
     * @param limit the most bytes read; a larger file is refused
     * @return the file's bytes, or empty when there is no such regular file
     */
    Optional<byte[]> readInside(Path file, String option, long limit) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Path real = file.toRealPath();
        if (!real.startsWith(workspace)) {
            throw new UnsafePathException(option + ": " + file.getFileName() + " leads outside the workspace");
        }
        if (Files.size(real) > limit) {
            throw new UnsafePathException(option + ": " + file.getFileName() + " is larger than " + limit / (1024 * 1024)
                    + " MB; it is not a report perfgate wrote");
        }
        return Optional.of(Files.readAllBytes(real));
    }

    /**
     * What a {@code results} glob selects: the folder its first pattern starts in (searched by perf-core
     * for k6 run folders and results files) and every results file the patterns match outside that
     * folder's k6 run folders.
     *
     * @param glob Ant patterns relative to the workspace, comma separated, e.g. {@code target/perf/**}
     */
    Selection select(String glob, String option) throws IOException {
        List<String> patterns = new ArrayList<>();
        for (String pattern : glob.split(",")) {
            if (!pattern.isBlank()) {
                String checked = checkedPattern(pattern, option);
                boolean folder = !checked.contains("*") && !checked.contains("?")
                        && Files.isDirectory(workspace.resolve(checked));
                patterns.add(folder ? checked.replaceAll("/+$", "") + "/**" : checked);
            }
        }
        if (patterns.isEmpty()) {
            throw new UnsafePathException(option + " is empty: give an Ant pattern inside the workspace, e.g. "
                    + "target/perf/**");
        }
        Path directory = workspace.resolve(fixedPrefix(patterns.get(0))).normalize();
        requireInside(directory, option, patterns.get(0));
        requireNoLinkOut(directory, option);
        List<Path> files = new ArrayList<>();
        FileSet fileSet = Util.createFileSet(workspace.toFile(), String.join(",", patterns));
        fileSet.setFollowSymlinks(false);
        DirectoryScanner scanner = fileSet.getDirectoryScanner();
        for (String name : scanner.getIncludedFiles()) {
            Path file = workspace.resolve(name).normalize();
            if (!isResultsFile(file) || Files.isRegularFile(file.resolveSibling(K6RunRecord.FILE_NAME))) {
                continue;
            }
            requireInside(file, option, name);
            files.add(file);
        }
        return new Selection(directory, files);
    }

    /**
     * @param directory searched for k6 run folders and results files
     * @param files     further results files the glob matched
     */
    record Selection(Path directory, List<Path> files) {

        Selection {
            files = List.copyOf(files);
        }
    }

    private static boolean isResultsFile(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return RESULT_ENDINGS.stream().anyMatch(name::endsWith);
    }

    /** The pattern with forward slashes, refused when it is blank, absolute or has a {@code ..} segment. */
    static String checkedPattern(String pattern, String option) throws UnsafePathException {
        String written = pattern == null ? "" : pattern.strip().replace('\\', '/');
        if (written.isEmpty()) {
            throw new UnsafePathException(option + " is empty: give a path inside the workspace");
        }
        if (written.startsWith("/") || written.startsWith("~") || DRIVE.matcher(written).matches()) {
            throw new UnsafePathException(option + " '" + pattern.strip() + "' is absolute: give a path relative to "
                    + "the workspace");
        }
        for (String segment : written.split("/")) {
            if (segment.equals("..")) {
                throw new UnsafePathException(option + " '" + pattern.strip() + "' leaves the workspace with '..': "
                        + "perfgate reads and writes inside the workspace only");
            }
        }
        return written;
    }

    /** {@code target/perf} of {@code target/perf/**}: the segments before the first wildcard. */
    static String fixedPrefix(String pattern) {
        List<String> fixed = new ArrayList<>();
        for (String segment : pattern.split("/")) {
            if (segment.contains("*") || segment.contains("?")) {
                break;
            }
            fixed.add(segment);
        }
        if (fixed.size() == pattern.split("/").length && !fixed.isEmpty()) {
            fixed.remove(fixed.size() - 1); // a plain file name: its folder
        }
        return fixed.isEmpty() ? "." : String.join("/", fixed);
    }

    /**
     * perf-core searches the results folder a few levels deep (k6 run folders and their files); a
     * symbolic link in there that leads out of the workspace is refused before it reads anything.
     */
    private void requireNoLinkOut(Path directory, String option) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory, SEARCH_DEPTH)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(path) && Files.exists(path) && !path.toRealPath().startsWith(workspace)) {
                    throw new UnsafePathException(option + ": " + workspace.relativize(path)
                            + " is a link that leads outside the workspace");
                }
            }
        }
    }

    /** Refuses a path that is, or through a symbolic link turns out to be, outside the workspace. */
    private void requireInside(Path path, String option, String written) throws IOException {
        Path real = path;
        Path existing = path;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            real = existing.toRealPath().resolve(existing.relativize(path)).normalize();
        }
        if (!real.startsWith(workspace)) {
            throw new UnsafePathException(option + " '" + written + "' leads outside the workspace");
        }
    }

    /** A configured path that would read or write outside the workspace. */
    static final class UnsafePathException extends IOException {

        private static final long serialVersionUID = 1L;

        UnsafePathException(String message) {
            super(message);
        }
    }
}
