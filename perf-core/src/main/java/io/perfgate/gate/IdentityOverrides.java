package io.perfgate.gate;

import java.util.Objects;
import java.util.Optional;

/**
 * Who a run is, where the user said so; whatever is empty is read from the CI's variables and the
 * checkout (see {@link RunIdentity}).
 */
public record IdentityOverrides(Optional<String> branch, Optional<String> baselineBranch, Optional<String> commit,
        Optional<String> runId, Optional<String> buildUrl) {

    /** Nothing given: everything comes from the CI and the checkout. */
    public static final IdentityOverrides NONE = new IdentityOverrides(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public IdentityOverrides {
        branch = nonBlank(branch, "branch");
        baselineBranch = nonBlank(baselineBranch, "baselineBranch");
        commit = nonBlank(commit, "commit");
        runId = nonBlank(runId, "runId");
        buildUrl = nonBlank(buildUrl, "buildUrl");
    }

    /** From values that are null or blank where not given, as build tools pass unset parameters. */
    public static IdentityOverrides of(String branch, String baselineBranch, String commit, String runId,
            String buildUrl) {
        return new IdentityOverrides(Optional.ofNullable(branch), Optional.ofNullable(baselineBranch),
                Optional.ofNullable(commit), Optional.ofNullable(runId), Optional.ofNullable(buildUrl));
    }

    private static Optional<String> nonBlank(Optional<String> value, String name) {
        Objects.requireNonNull(value, name);
        return value.map(String::strip).filter(text -> !text.isEmpty());
    }
}
