package io.perfgate.publish;

/**
 * How a gate report becomes a pull-request check.
 *
 * @param name                   the check's name as the pull request lists it; {@value #DEFAULT_NAME} when
 *                               null or blank
 * @param budgetPathInRepository the budget file's path from the repository's root, e.g.
 *                               {@code services/shop/perf-budget.yaml}, where annotations point; empty
 *                               (or null) when unknown, and then the check has no annotations
 */
public record ChecksOptions(String name, String budgetPathInRepository) {

    public static final String DEFAULT_NAME = "perfgate";

    public ChecksOptions {
        name = name == null || name.isBlank() ? DEFAULT_NAME : name.strip();
        budgetPathInRepository = budgetPathInRepository == null ? "" : repositoryPath(budgetPathInRepository);
    }

    /** The check named {@value #DEFAULT_NAME}. */
    public static ChecksOptions of(String budgetPathInRepository) {
        return new ChecksOptions(DEFAULT_NAME, budgetPathInRepository);
    }

    /** Forward slashes and no leading {@code ./} or {@code /}: checks APIs want the path as git lists it. */
    private static String repositoryPath(String path) {
        String relative = path.strip().replace('\\', '/');
        while (relative.startsWith("./") || relative.startsWith("/")) {
            relative = relative.substring(relative.startsWith("/") ? 1 : 2);
        }
        return relative;
    }
}
