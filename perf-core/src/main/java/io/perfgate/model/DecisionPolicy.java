package io.perfgate.model;

import java.util.Objects;

/**
 * Which build result a failed line and a warning give. A report that could not be decided (broken
 * input, a line without data) always fails the build: a gate that cannot decide fails closed.
 *
 * @param onFailure the result of a report with failed lines: {@link BuildResult#FAILURE}, or
 *                  {@link BuildResult#UNSTABLE} to keep the build going while the budget is tuned
 * @param onWarning the result of a report that passed with warnings (warn lines, undecided regression
 *                  checks): {@link BuildResult#UNSTABLE}, or {@link BuildResult#SUCCESS} to ignore them
 */
public record DecisionPolicy(BuildResult onFailure, BuildResult onWarning) {

    /** Failed lines fail the build, warnings make it unstable. */
    public static final DecisionPolicy DEFAULT = new DecisionPolicy(BuildResult.FAILURE, BuildResult.UNSTABLE);

    public DecisionPolicy {
        Objects.requireNonNull(onFailure, "onFailure");
        Objects.requireNonNull(onWarning, "onWarning");
        if (onFailure == BuildResult.SUCCESS) {
            throw new IllegalArgumentException("failed budget lines make the build FAILURE or UNSTABLE, not SUCCESS");
        }
        if (onWarning == BuildResult.FAILURE) {
            throw new IllegalArgumentException("warnings make the build UNSTABLE or SUCCESS, not FAILURE");
        }
    }

    /**
     * @param failOnViolation whether failed lines fail the build (else they make it unstable)
     * @param unstableOnWarning whether warnings make the build unstable (else they are only reported)
     */
    public static DecisionPolicy of(boolean failOnViolation, boolean unstableOnWarning) {
        return new DecisionPolicy(failOnViolation ? BuildResult.FAILURE : BuildResult.UNSTABLE,
                unstableOnWarning ? BuildResult.UNSTABLE : BuildResult.SUCCESS);
    }
}
