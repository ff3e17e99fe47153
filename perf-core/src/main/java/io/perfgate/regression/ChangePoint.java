package io.perfgate.regression;

/**
 * A place where a series of builds shifted.
 *
 * @param index      the position of the first value after the change (0-based), i.e. the build that
 *                   brought it
 * @param pValue     the permutation test's p-value when the point was accepted
 * @param meanBefore the mean of the segment that ends at the change
 * @param meanAfter  the mean of the segment that starts with it
 */
public record ChangePoint(int index, double pValue, double meanBefore, double meanAfter) {

    /** (after - before) / before: +0.2 for a step up of 20%. */
    public double relativeShift() {
        return meanAfter / meanBefore - 1;
    }
}
