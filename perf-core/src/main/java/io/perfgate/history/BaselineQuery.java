package io.perfgate.history;

import java.util.Objects;
import java.util.Optional;

/**
 * Which runs a new run of a branch is compared with.
 *
 * @param project       the project
 * @param branch        the branch whose history counts
 * @param size          how many recent runs, at most; 1 to {@value #MAX_SIZE}
 * @param excludedRunId the run being judged, so a retried build is never its own baseline
 */
public record BaselineQuery(String project, String branch, int size, Optional<String> excludedRunId) {

    public static final int MAX_SIZE = 1000;

    public BaselineQuery {
        project = StoredText.required(project, "project");
        branch = StoredText.required(branch, "branch");
        excludedRunId = Objects.requireNonNull(excludedRunId, "excludedRunId")
                .map(runId -> StoredText.required(runId, "runId"));
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("baseline size must be 1 to " + MAX_SIZE + ", not " + size);
        }
    }

    /** The last {@code size} usable runs of the branch. */
    public static BaselineQuery lastRuns(String project, String branch, int size) {
        return new BaselineQuery(project, branch, size, Optional.empty());
    }

    /** This query, never returning the run {@code runId}. */
    public BaselineQuery excluding(String runId) {
        return new BaselineQuery(project, branch, size, Optional.of(runId));
    }

    boolean excludes(String runId) {
        return excludedRunId.filter(runId::equals).isPresent();
    }
}
