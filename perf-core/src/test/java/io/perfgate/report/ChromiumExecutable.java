package io.perfgate.report;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the Chromium that opens the reports: the one {@code -Dperf.chromium} or {@code PERF_CHROMIUM}
 * names, else the first of {@link #NAMES} on the {@code PATH}. Without one the browser tests cannot
 * run: on CI ({@code CI=true}) that fails the build, since a skipped check is no check; on a
 * developer's machine they are skipped.
 */
final class ChromiumExecutable {

    static final String PROPERTY = "perf.chromium";
    static final String ENVIRONMENT_VARIABLE = "PERF_CHROMIUM";
    /** Debian's package, older Ubuntu's name for it, Google's build. */
    static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

    static final String MISSING = "Chromium is needed to open perf-report.html in a browser, but none was found"
            + " (looked at -D" + PROPERTY + ", " + ENVIRONMENT_VARIABLE + " and for " + String.join(", ", NAMES)
            + " on the PATH): install the package `chromium` (apt-get install chromium), or name the browser with -D"
            + PROPERTY + "=/path/to/chromium";

    private ChromiumExecutable() {
    }

    /** The browser of this machine; fails or skips the calling test when there is none. */
    static Path require() {
        return require(System.getProperty(PROPERTY), System.getenv());
    }

    /**
     * The browser that {@code property} (the value of {@code -Dperf.chromium}, may be null) or
     * {@code environment} names, or that its {@code PATH} holds.
     *
     * @throws org.opentest4j.AssertionFailedError when there is none and {@code CI} is {@code true}, or when
     *                                             a browser is named that is not an executable file
     * @throws org.opentest4j.TestAbortedException when there is none elsewhere
     */
    static Path require(String property, Map<String, String> environment) {
        Optional<Path> found = find(property, environment);
        if (found.isPresent()) {
            return found.get();
        }
        if ("true".equalsIgnoreCase(nonBlank(environment.get("CI")).orElse(""))) {
            return Assertions.fail(MISSING);
        }
        Assumptions.abort(MISSING);
        throw new AssertionError("not reached: abort always throws");
    }

    /**
     * The named browser, or the first of {@link #NAMES} found on the {@code PATH}; a name that is not an
     * executable file fails, rather than quietly falling back to another browser.
     */
    static Optional<Path> find(String property, Map<String, String> environment) {
        Optional<String> named = nonBlank(property).or(() -> nonBlank(environment.get(ENVIRONMENT_VARIABLE)));
        if (named.isPresent()) {
            Path path = Path.of(named.get());
            if (!isExecutableFile(path)) {
                return Assertions.fail(PROPERTY + " / " + ENVIRONMENT_VARIABLE + " names " + path
                        + ", which is not an executable file");
            }
            return Optional.of(path);
        }
        String searchPath = environment.getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String folder : searchPath.split(File.pathSeparator)) {
                if (folder.isBlank()) {
                    continue;
                }
                try {
                    Path candidate = Path.of(folder, name);
                    if (isExecutableFile(candidate)) {
                        return Optional.of(candidate);
                    }
                } catch (InvalidPathException e) {
                    // a PATH entry no file can be in: look in the next one
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isExecutableFile(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
