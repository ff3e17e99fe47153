package io.perfgate.gate;

import io.perfgate.stats.RunResults;
import java.util.Objects;
import java.util.Optional;

/**
 * One round of this build's runs, as the regression check counts them: one observation of the
 * candidate, and in the interleaved A/B mode the baseline run it is paired with. Each side pools the
 * runs of every script made in that round, as the budget pools scripts.
 *
 * @param number    1-based round
 * @param candidate the candidate's runs of this round, pooled
 * @param baseline  in A/B mode the baseline's runs of this round, pooled; empty without A/B
 */
public record Round(int number, RunResults candidate, Optional<RunResults> baseline) {

    public Round {
        if (number < 1) {
            throw new IllegalArgumentException("rounds count from 1, was " + number);
        }
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(baseline, "baseline");
    }
}
