package io.perfgate.regression;

/**
 * How much the median of k independent runs varies, relative to one run: Var(median of k) / σ² for
 * normally distributed values. It makes the interval for "the median of k candidate runs" narrower
 * than for one run, by a known amount rather than by the optimistic 1/k of a mean.
 */
final class MedianSpread {

    /**
     * Var(median of k standard normal values) for k = 1..30, by numerical integration over the order
     * statistics (one for odd k, the mean of the middle two for even k). Index k - 1.
     */
    private static final double[] VARIANCE_OF_MEDIAN = {
        1.000000, 0.500000, 0.448671, 0.298200, 0.286834, 0.214743, 0.210447, 0.168181, 0.166101, 0.138326,
        0.137162, 0.117516, 0.116799, 0.102168, 0.101695, 0.090375, 0.090047, 0.081029, 0.080791, 0.073437,
        0.073260, 0.067148, 0.067012, 0.061853, 0.061746, 0.057332, 0.057247, 0.053428, 0.053359, 0.050022,
    };

    private MedianSpread() {
    }

    /** Var(median of k) / σ²; beyond the table the large-sample value π/(2k), which is slightly wider. */
    static double varianceFactor(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("a median needs at least one value, was " + k);
        }
        return k <= VARIANCE_OF_MEDIAN.length ? VARIANCE_OF_MEDIAN[k - 1] : Math.PI / (2.0 * k);
    }
}
