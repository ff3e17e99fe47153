package io.perfgate.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who a run is, for the history: the branch it measured, the branch its baseline comes from (for a
 * pull request, the branch it merges into), the commit, a run id that stays the same when a build is
 * retried, and where the build can be looked at. Anything not given explicitly is read from the usual
 * CI environment variables, so any CI can drive it:
 *
 * <table>
 *   <caption>Environment variables read, first match wins</caption>
 *   <tr><th>field</th><th>Jenkins</th><th>GitHub Actions</th><th>GitLab CI</th></tr>
 *   <tr><td>branch</td><td>CHANGE_BRANCH, BRANCH_NAME, GIT_BRANCH (without origin/)</td>
 *       <td>GITHUB_HEAD_REF, GITHUB_REF_NAME</td>
 *       <td>CI_MERGE_REQUEST_SOURCE_BRANCH_NAME, CI_COMMIT_BRANCH, CI_COMMIT_REF_NAME</td></tr>
 *   <tr><td>baseline branch</td><td>CHANGE_TARGET</td><td>GITHUB_BASE_REF</td>
 *       <td>CI_MERGE_REQUEST_TARGET_BRANCH_NAME</td></tr>
 *   <tr><td>commit</td><td>GIT_COMMIT</td><td>GITHUB_SHA</td><td>CI_COMMIT_SHA</td></tr>
 *   <tr><td>run id</td><td>BUILD_TAG</td><td>github-GITHUB_RUN_ID</td><td>gitlab-CI_PIPELINE_ID</td></tr>
 *   <tr><td>build URL</td><td>BUILD_URL</td><td>GITHUB_SERVER_URL/GITHUB_REPOSITORY/actions/runs/GITHUB_RUN_ID</td>
 *       <td>CI_PIPELINE_URL</td></tr>
 * </table>
 *
 * Outside CI the branch comes from the checkout's {@code .git/HEAD} and the run id is made from the
 * start time, so local builds never collide with each other or with CI's.
 *
 * @param branch         the branch measured
 * @param baselineBranch the branch whose runs form the baseline; the branch itself unless a pull request
 * @param commit         the commit measured, when known
 * @param runId          the run's identity within its project
 * @param buildUrl       where the build can be looked at, when known
 */
public record RunIdentity(String branch, String baselineBranch, Optional<String> commit, String runId,
        Optional<String> buildUrl) {

    /** The branch name used when neither the user, the CI nor the checkout tells one. */
    public static final String UNKNOWN_BRANCH = "unknown";

    public RunIdentity {
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(baselineBranch, "baselineBranch");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(buildUrl, "buildUrl");
    }

    /**
     * Resolves the identity: explicit values first, then the CI environment, then the checkout.
     *
     * @param explicit    values the user set (e.g. {@code perf.branch})
     * @param environment the process environment
     * @param checkout    the project folder, searched upwards for {@code .git/HEAD}
     * @param startedAt   when the run started, for local run ids
     */
    public static RunIdentity resolve(IdentityOverrides explicit, Map<String, String> environment, Path checkout,
            Instant startedAt) {
        Map<String, Optional<String>> values = Map.of("branch", explicit.branch(), "baselineBranch",
                explicit.baselineBranch(), "commit", explicit.commit(), "runId", explicit.runId(), "buildUrl",
                explicit.buildUrl());
        Function<String, Optional<String>> given = values::get;
        Function<String, Optional<String>> env = key -> nonBlank(environment.get(key));

        Optional<String> ciBranch = first(env.apply("CHANGE_BRANCH"), env.apply("BRANCH_NAME"),
                env.apply("GIT_BRANCH").map(RunIdentity::withoutRemote), env.apply("GITHUB_HEAD_REF"),
                env.apply("GITHUB_REF_NAME"), env.apply("CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"),
                env.apply("CI_COMMIT_BRANCH"), env.apply("CI_COMMIT_REF_NAME"));
        String branch = first(given.apply("branch"), ciBranch, checkedOutBranch(checkout)).orElse(UNKNOWN_BRANCH);
        String baselineBranch = first(given.apply("baselineBranch"), env.apply("CHANGE_TARGET"),
                env.apply("GITHUB_BASE_REF"), env.apply("CI_MERGE_REQUEST_TARGET_BRANCH_NAME")).orElse(branch);
        Optional<String> commit = first(given.apply("commit"), env.apply("GIT_COMMIT"), env.apply("GITHUB_SHA"),
                env.apply("CI_COMMIT_SHA"));
        Optional<String> githubRun = env.apply("GITHUB_RUN_ID");
        String runId = first(given.apply("runId"), env.apply("BUILD_TAG"), githubRun.map(id -> "github-" + id),
                env.apply("CI_PIPELINE_ID").map(id -> "gitlab-" + id))
                .orElse("local-" + startedAt.toString());
        Optional<String> githubUrl = githubRun.flatMap(id -> env.apply("GITHUB_SERVER_URL")
                .flatMap(server -> env.apply("GITHUB_REPOSITORY")
                        .map(repository -> server + "/" + repository + "/actions/runs/" + id)));
        Optional<String> buildUrl = first(given.apply("buildUrl"), env.apply("BUILD_URL"), githubUrl,
                env.apply("CI_PIPELINE_URL"));
        return new RunIdentity(branch, baselineBranch, commit, runId, buildUrl);
    }

    /** Whether the run measures a change against another branch, as a pull request does. */
    public boolean isChangeRequest() {
        return !branch.equals(baselineBranch);
    }

    /** {@code origin/main} as the Git plugin reports it is the branch {@code main}. */
    private static String withoutRemote(String branch) {
        return branch.startsWith("origin/") ? branch.substring("origin/".length()) : branch;
    }

    /**
     * The branch {@code .git/HEAD} names; empty for a detached head or outside a checkout. In a linked
     * worktree or a submodule {@code .git} is a file whose {@code gitdir:} line points at the folder that
     * holds {@code HEAD}.
     */
    static Optional<String> checkedOutBranch(Path folder) {
        for (Path current = folder.toAbsolutePath().normalize(); current != null; current = current.getParent()) {
            Path git = current.resolve(".git");
            Optional<Path> head = Files.isDirectory(git) ? Optional.of(git.resolve("HEAD"))
                    : Files.isRegularFile(git) ? linkedGitFolder(git).map(linked -> linked.resolve("HEAD"))
                    : Optional.empty();
            if (head.isPresent() && Files.isRegularFile(head.get())) {
                String text = read(head.get()).strip();
                String prefix = "ref: refs/heads/";
                return text.startsWith(prefix) ? nonBlank(text.substring(prefix.length())) : Optional.empty();
            }
            if (Files.exists(git)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The folder a {@code .git} file's {@code gitdir: <path>} names, relative paths against the file's folder. */
    private static Optional<Path> linkedGitFolder(Path gitFile) {
        String text = read(gitFile).strip();
        String prefix = "gitdir:";
        if (!text.startsWith(prefix)) {
            return Optional.empty();
        }
        return nonBlank(text.substring(prefix.length())).map(path -> gitFile.getParent().resolve(path).normalize());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... candidates) {
        for (Optional<String> candidate : candidates) {
            if (candidate.isPresent()) {
                return candidate;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
