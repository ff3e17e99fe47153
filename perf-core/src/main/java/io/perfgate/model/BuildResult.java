package io.perfgate.model;

/**
 * What a gate outcome makes of the build, in the terms CI servers share: Jenkins' SUCCESS, UNSTABLE and
 * FAILURE. Maven has no unstable build: there an unstable outcome is logged as a warning and the build
 * goes on.
 */
public enum BuildResult {
    SUCCESS,
    UNSTABLE,
    FAILURE;

    /** The worse of two results. */
    public BuildResult worse(BuildResult other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
