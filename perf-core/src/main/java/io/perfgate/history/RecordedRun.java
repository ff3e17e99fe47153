package io.perfgate.history;

import java.util.Objects;
import java.util.Optional;

/**
 * A run as a trend lists it: the run and what people decided about it since.
 *
 * @param run        the run as recorded
 * @param flagReason why the run was flagged (left out of every baseline); empty when it is not
 * @param pinned     whether the run is the approved baseline of its branch
 */
public record RecordedRun(RunRecord run, Optional<String> flagReason, boolean pinned) {

    public RecordedRun {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(flagReason, "flagReason");
    }

    public boolean flagged() {
        return flagReason.isPresent();
    }
}
