package io.perfgate.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One run in a trend.
 *
 * @param runId      the run's id within its project, e.g. the CI build number
 * @param commit     the commit measured, when known
 * @param buildUrl   where the build can be looked at, when known
 * @param startedAt  when the run started
 * @param value      the trend's statistic in this run, in the metric's base unit; empty when the run did
 *                   not measure it
 * @param verdict    the worst verdict of the trend's budget lines in this run; empty when the run
 *                   recorded none of them (an older budget, or a trend no line watches)
 * @param runVerdict the gate's verdict of the whole run
 * @param flagReason why the run was flagged (left out of baselines and of change-point detection);
 *                   empty when it is not
 * @param pinned     whether the run is the approved baseline of its branch
 */
public record TrendPoint(String runId, Optional<String> commit, Optional<String> buildUrl, Instant startedAt,
        OptionalDouble value, Optional<Verdict> verdict, Verdict runVerdict, Optional<String> flagReason,
        boolean pinned) {

    public TrendPoint {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(buildUrl, "buildUrl");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(runVerdict, "runVerdict");
        Objects.requireNonNull(flagReason, "flagReason");
        if (value.isPresent() && !Double.isFinite(value.getAsDouble())) {
            throw new IllegalArgumentException("value of run " + runId + " is not a finite number: "
                    + value.getAsDouble());
        }
    }

    public boolean flagged() {
        return flagReason.isPresent();
    }
}
