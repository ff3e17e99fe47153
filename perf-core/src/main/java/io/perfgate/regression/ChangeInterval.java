package io.perfgate.regression;

/**
 * Where the true change lies, as far as the runs can tell.
 *
 * @param lower      the lower bound of the change (on the verdict's scale), e.g. -0.036 for -3.6%
 * @param upper      the upper bound
 * @param confidence the two-sided confidence of the interval, e.g. 0.99
 */
public record ChangeInterval(double lower, double upper, double confidence) {

    public ChangeInterval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("lower bound " + lower + " is above the upper bound " + upper);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be within (0, 1), was " + confidence);
        }
    }
}
