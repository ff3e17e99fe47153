package io.perfgate.run;

import java.util.Locale;

/**
 * What a measured run stands for. Fixed budget lines judge only {@link #CANDIDATE} runs; a
 * {@link #BASELINE} run of the interleaved A/B mode measures the baseline's deployment, and only the
 * regression check reads it, paired by round with the candidate run of the same round.
 */
public enum RunRole {
    /** A run of the build being judged: the only kind without A/B, and the side at {@code baseUrl} with it. */
    CANDIDATE,
    /** A run against {@code baselineUrl} in the interleaved A/B mode. */
    BASELINE;

    /** The role as {@code k6-run.json} writes it: {@code candidate} or {@code baseline}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values when {@code id} is neither
     */
    public static RunRole ofId(String id) {
        for (RunRole role : values()) {
            if (role.id().equals(id)) {
                return role;
            }
        }
        throw new IllegalArgumentException("'" + id + "' is no run role: write candidate or baseline");
    }
}
