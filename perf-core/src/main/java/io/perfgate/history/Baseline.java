package io.perfgate.history;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The runs a new run is compared with, or why there are none to be had. A store that cannot answer
 * says so here instead of throwing, so the regression check can come out inconclusive with the reason
 * rather than pass.
 *
 * @param kind              where the runs come from
 * @param runs              newest first; one run when pinned, empty when unavailable or when the branch
 *                          has no usable run yet
 * @param unavailableReason why the store could not answer; empty unless {@link Kind#UNAVAILABLE}
 */
public record Baseline(Kind kind, List<RunRecord> runs, Optional<String> unavailableReason) {

    public enum Kind {
        /** The run someone pinned as the branch's approved baseline. */
        PINNED,
        /** The last passing, unflagged runs of the branch. */
        RECENT,
        /** The store could not be read. */
        UNAVAILABLE
    }

    public Baseline {
        Objects.requireNonNull(kind, "kind");
        runs = List.copyOf(runs);
        Objects.requireNonNull(unavailableReason, "unavailableReason");
        if ((kind == Kind.UNAVAILABLE) != unavailableReason.isPresent()) {
            throw new IllegalArgumentException("a reason is given exactly when the baseline is unavailable");
        }
        if (kind == Kind.UNAVAILABLE && !runs.isEmpty() || kind == Kind.PINNED && runs.size() != 1) {
            throw new IllegalArgumentException(kind + " baseline with " + runs.size() + " runs");
        }
    }

    public static Baseline pinned(RunRecord run) {
        return new Baseline(Kind.PINNED, List.of(run), Optional.empty());
    }

    public static Baseline recent(List<RunRecord> runs) {
        return new Baseline(Kind.RECENT, runs, Optional.empty());
    }

    public static Baseline unavailable(String reason) {
        return new Baseline(Kind.UNAVAILABLE, List.of(), Optional.of(Objects.requireNonNull(reason, "reason")));
    }

    public boolean available() {
        return kind != Kind.UNAVAILABLE;
    }
}
