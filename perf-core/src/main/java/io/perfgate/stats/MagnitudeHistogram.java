package io.perfgate.stats;

import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;
import org.HdrHistogram.PackedDoubleHistogram;

/**
 * The HdrHistogram of one sign's magnitudes of a {@link TrendAccumulator}, in the form that fits its
 * size. Few samples go into a packed histogram ({@link PackedDoubleHistogram}: small while few buckets
 * are in use, but each new bucket may rebuild its index, and each sample walks it); from
 * {@value #PACKED_UNTIL} samples on, int counts: recording is an array increment, and the array
 * (4 bytes per bucket of the range in use, some 64 KB per doubling from the smallest to the largest
 * value) is about the size of a packed one holding that many buckets. Long counts take over only
 * where an int count could overflow (no bucket holds more than the total). The buckets, and so every
 * statistic, are the same in every form: a DoubleHistogram splits each power of two into the same
 * 2<sup>14</sup> buckets whatever holds its counts.
 */
final class MagnitudeHistogram {

    /** Samples the packed form takes before the histogram moves to int counts. */
    static final int PACKED_UNTIL = 1024;

    /** How the counts are held. */
    enum Form { PACKED, INT_COUNTS, LONG_COUNTS }

    private DoubleHistogram histogram;
    private Form form;

    private MagnitudeHistogram(DoubleHistogram histogram, Form form) {
        this.histogram = histogram;
        this.form = form;
    }

    /** An empty histogram in the form for this many samples to come. */
    static MagnitudeHistogram forSamples(long expected) {
        Form form = formFor(Form.PACKED, expected);
        return new MagnitudeHistogram(newHistogram(form), form);
    }

    /**
     * An empty histogram in the form for this many samples, whose magnitudes lie from {@code lowest} to
     * {@code highest}: its range is set to hold them all at once, where recording them one by one would
     * widen it (and copy the counts) once per new power of two. The buckets are the same either way.
     */
    static MagnitudeHistogram forSamples(long expected, double lowest, double highest) {
        Form form = formFor(Form.PACKED, expected);
        if (form == Form.PACKED) {
            return forSamples(expected);
        }
        // A power of two with room for both ends, whatever bucket the range starts in; HdrHistogram takes up to
        // 2^47 with 4 digits, and a wider trend grows on from 2^46 as it would have from the start.
        long ratio = Long.highestOneBit((long) Math.min(highest / lowest, 1L << 44)) << 2;
        DoubleHistogram histogram = form == Form.INT_COUNTS ? new IntCountsDoubleHistogram(ratio)
                : new DoubleHistogram(ratio, TrendAccumulator.SIGNIFICANT_DIGITS);
        histogram.setAutoResize(true);
        histogram.recordValueWithCount(lowest, 0); // places the range at the lowest magnitude; counts nothing
        return new MagnitudeHistogram(histogram, form);
    }

    /** A DoubleHistogram of int counts with a range set up front (HdrHistogram offers that only to subclasses). */
    private static final class IntCountsDoubleHistogram extends DoubleHistogram {

        private static final long serialVersionUID = 1L;

        IntCountsDoubleHistogram(long highestToLowestValueRatio) {
            super(highestToLowestValueRatio, TrendAccumulator.SIGNIFICANT_DIGITS, IntCountsHistogram.class);
        }
    }

    private static DoubleHistogram newHistogram(Form form) {
        int digits = TrendAccumulator.SIGNIFICANT_DIGITS;
        return switch (form) {
            case PACKED -> new PackedDoubleHistogram(digits);
            case INT_COUNTS -> new DoubleHistogram(digits, IntCountsHistogram.class);
            case LONG_COUNTS -> new DoubleHistogram(digits, Histogram.class);
        };
    }

    /** For reading only. */
    DoubleHistogram histogram() {
        return histogram;
    }

    /** @throws ArrayIndexOutOfBoundsException when the magnitude is too far from the others to be held */
    void record(double magnitude) {
        makeRoomFor(1);
        histogram.recordValue(magnitude);
    }

    /** @throws ArrayIndexOutOfBoundsException when the two cannot be held in one histogram */
    void add(MagnitudeHistogram other) {
        makeRoomFor(other.histogram.getTotalCount());
        histogram.add(other.histogram);
    }

    /**
     * A histogram with the buckets and counts of {@code counts} (magnitudes with the same significant digits,
     * e.g. decoded from HdrHistogram's encoding), in the form its size takes: as reading its samples gave.
     */
    static MagnitudeHistogram restored(DoubleHistogram counts) {
        MagnitudeHistogram restored = forSamples(counts.getTotalCount());
        restored.histogram.add(counts);
        return restored;
    }

    MagnitudeHistogram copy() {
        DoubleHistogram copied = newHistogram(form);
        copied.add(histogram);
        return new MagnitudeHistogram(copied, form);
    }

    /** The form for a histogram of this form that will hold this many samples. */
    static Form formFor(Form form, long total) {
        if (total > Integer.MAX_VALUE) {
            return Form.LONG_COUNTS;
        }
        return form == Form.PACKED && total >= PACKED_UNTIL ? Form.INT_COUNTS : form;
    }

    private void makeRoomFor(long more) {
        Form fitting = formFor(form, histogram.getTotalCount() + more);
        if (fitting != form) {
            DoubleHistogram moved = newHistogram(fitting);
            moved.add(histogram);
            histogram = moved;
            form = fitting;
        }
    }
}
