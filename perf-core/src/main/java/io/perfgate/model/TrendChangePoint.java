package io.perfgate.model;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A place where a trend's values shifted and stayed shifted.
 *
 * @param index      the position in {@link Trend#points()} of the first run after the change, i.e. the
 *                   build that brought it (or, when runs without a value or flagged runs lie before it,
 *                   the first run after them)
 * @param runId      that run's id
 * @param meanBefore the mean of the values from the previous change point (or the first run) up to here
 * @param meanAfter  the mean of the values from here to the next change point (or the last run)
 * @param pValue     the permutation test's p-value when the change point was accepted
 */
public record TrendChangePoint(int index, String runId, double meanBefore, double meanAfter, double pValue) {

    public TrendChangePoint {
        Objects.requireNonNull(runId, "runId");
        if (index < 1) {
            throw new IllegalArgumentException("a change point needs a run before it, index was " + index);
        }
        if (!Double.isFinite(meanBefore) || !Double.isFinite(meanAfter)) {
            throw new IllegalArgumentException("means of a change point must be finite: " + meanBefore + ", "
                    + meanAfter);
        }
        if (!(pValue >= 0 && pValue <= 1)) {
            throw new IllegalArgumentException("p-value must be within 0..1, was " + pValue);
        }
    }

    /** (after - before) / |before|: +0.3 for a step up of 30 %; empty when the mean before is 0. */
    public OptionalDouble relativeChange() {
        return meanBefore == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((meanAfter - meanBefore) / Math.abs(meanBefore));
    }
}
