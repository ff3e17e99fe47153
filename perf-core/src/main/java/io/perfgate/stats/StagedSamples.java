package io.perfgate.stats;

import java.util.Arrays;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.PackedDoubleHistogram;

/**
 * The first non-zero samples of a {@link TrendAccumulator}, kept as they are (8 bytes each) until
 * there are {@value #LIMIT}. While a series is small this is less memory than any histogram and
 * costs an array store per sample; when it fills, a histogram of the form that fits takes all of
 * them at once, in the order they came (see {@link MagnitudeHistogram}).
 *
 * <p>Nothing is read differently for it:
 * <ul>
 *   <li>A staged value is read back as the middle of its HdrHistogram bucket. A DoubleHistogram
 *       splits each power of two into the same 2<sup>14</sup> buckets whatever range it covers, so
 *       any histogram that holds the value tells that bucket: one holding the smallest and largest
 *       value of its sign is made when first needed.</li>
 *   <li>A histogram refuses a value too far from the others (beyond about a 2<sup>49</sup> ratio of
 *       magnitudes). A value that would take the staged magnitudes of its sign beyond a ratio of
 *       {@code 2^}{@value #RATIO_BITS}, far below that, is not staged: the caller moves everything into
 *       histograms first, so such a value meets a histogram holding all the values before it, in
 *       order, and is refused or kept exactly as it would have been.</li>
 * </ul>
 */
final class StagedSamples {

    /** Most samples kept before they go into histograms. */
    static final int LIMIT = 2048;
    /** Staged magnitudes of one sign stay within a ratio of 2 to this power. */
    static final int RATIO_BITS = 40;
    private static final double MAX_RATIO = Math.scalb(1.0, RATIO_BITS);

    private double[] values = new double[8];
    private int size;
    private int negatives;
    private final Magnitudes positive = new Magnitudes();
    private final Magnitudes negative = new Magnitudes();
    /** The values sorted, once read; for reading only, so set whole or not at all. */
    private volatile double[] sorted;

    int size() {
        return size;
    }

    /** The i-th value in the order they came. */
    double value(int i) {
        return values[i];
    }

    /** How many of the values are negative. */
    int negatives() {
        return negatives;
    }

    /**
     * Keeps a non-zero value, unless the staged values are {@link #LIMIT} already or its magnitude
     * is too far from the others of its sign.
     *
     * @return whether it was kept; if not, nothing changed
     */
    boolean add(double value) {
        if (size >= LIMIT || !(value > 0 ? positive : negative).admit(Math.abs(value))) {
            return false;
        }
        if (value < 0) {
            negatives++;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, Math.min(LIMIT, size * 2));
        }
        values[size++] = value;
        if (sorted != null) {
            sorted = null; // only after a read: a volatile write per sample would cost more than the rest
        }
        return true;
    }

    /** The value at a 0-based rank among the values sorted ascending. */
    double atRank(int rank) {
        double[] ascending = sorted;
        if (ascending == null) {
            ascending = Arrays.copyOf(values, size);
            Arrays.sort(ascending);
            sorted = ascending;
        }
        return ascending[rank];
    }

    /** The middle of the histogram bucket a staged value falls in, with the value's sign. */
    double bucketMiddle(double value) {
        DoubleHistogram buckets = (value > 0 ? positive : negative).buckets();
        double magnitude = Math.abs(value);
        double lowest = buckets.lowestEquivalentValue(magnitude);
        double middle = lowest + (buckets.nextNonEquivalentValue(magnitude) - lowest) / 2;
        return value > 0 ? middle : -middle;
    }

    /** The smallest and largest staged magnitude of one sign. */
    private static final class Magnitudes {

        private double smallest = Double.POSITIVE_INFINITY;
        private double largest = Double.NEGATIVE_INFINITY;
        private volatile DoubleHistogram buckets;

        /** Takes the magnitude into the range unless that would span more than the ratio allowed. */
        boolean admit(double magnitude) {
            if (magnitude >= smallest && magnitude <= largest) {
                return true;
            }
            double newSmallest = Math.min(smallest, magnitude);
            double newLargest = Math.max(largest, magnitude);
            if (newLargest > newSmallest * MAX_RATIO) {
                return false;
            }
            smallest = newSmallest;
            largest = newLargest;
            if (buckets != null) {
                buckets = null;
            }
            return true;
        }

        /** A histogram whose range holds every staged magnitude of this sign. */
        DoubleHistogram buckets() {
            DoubleHistogram histogram = buckets;
            if (histogram == null) {
                histogram = new PackedDoubleHistogram(TrendAccumulator.SIGNIFICANT_DIGITS);
                histogram.recordValue(smallest);
                histogram.recordValue(largest);
                buckets = histogram;
            }
            return histogram;
        }
    }
}
