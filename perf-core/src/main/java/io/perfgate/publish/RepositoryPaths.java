package io.perfgate.publish;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file's path as a repository names it: relative to the checkout's root, with {@code /} between names
 * whatever the system's separator, the way pull-request annotations and merge-request reports point at
 * a line.
 */
public final class RepositoryPaths {

    private RepositoryPaths() {
    }

    /**
     * {@code file} relative to {@code root}, e.g. {@code services/shop/perf-budget.yaml}; empty when the
     * root is not given (null or blank) or the file does not lie below it.
     *
     * @param file the file, absolute or relative to the working folder
     * @param root the repository's root as the CI names it, e.g. {@code GITHUB_WORKSPACE}'s value
     */
    public static Optional<String> relative(Path file, String root) {
        if (root == null || root.isBlank()) {
            return Optional.empty();
        }
        Path absolute = file.toAbsolutePath().normalize();
        Path folder = Path.of(root.strip()).toAbsolutePath().normalize();
        if (!absolute.startsWith(folder) || absolute.equals(folder)) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        folder.relativize(absolute).forEach(name -> names.add(name.toString()));
        return Optional.of(String.join("/", names));
    }
}
