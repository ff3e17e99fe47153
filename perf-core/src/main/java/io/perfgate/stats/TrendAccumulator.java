package io.perfgate.stats;

import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalDouble;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleHistogramIterationValue;

/**
 * k6 Trend in constant memory: exact count, sum, min and max, and HdrHistogram buckets for the
 * median and percentiles.
 *
 * <p><b>Percentiles</b> follow k6 (the "R-7" rule): over the n samples sorted ascending, p(P) is
 * the value at rank r = P/100 · (n − 1), linearly interpolated between the samples at ranks
 * floor(r) and ceil(r); {@code med} is p(50). The two samples are found by walking the histogram's
 * recorded buckets in order.
 *
 * <p><b>Precision.</b> Values go into a {@link DoubleHistogram} with 4 significant digits:
 * each bucket is at most 1/16384 of its lower bound wide, and a sample is read back as the middle of
 * its bucket, so each value used for a percentile is off by at most 1/32768 (about 0.003 %) of
 * itself; the interpolation between two such values keeps that bound when both have the same sign.
 * Four digits, not three, so that a percentile printed to four significant digits reads as k6's own
 * summary does (three gave 69.28 ms where k6 printed 69.27 ms).
 * Values read back are clamped to [min, max], so p(0) is the exact minimum and p(100) the exact
 * maximum. {@code count}, {@code min} and {@code max} are exact; {@code sum} is exact, rounded once
 * when read ({@link ExactSum}), so it does not depend on the order of the samples. Zero is counted exactly, negative values
 * (custom trends) go into a second histogram of their magnitudes.
 *
 * <p><b>Range.</b> Among the non-zero magnitudes of one sign, the largest may be at most about
 * 2·10<sup>15</sup> times the smallest (e.g. from 1 ns to 26 days, in milliseconds); a value
 * beyond that is rejected, never silently rounded.
 *
 * <p><b>Memory</b> grows with the number of distinct buckets in use, never with the number of
 * samples: a small series keeps its first {@value StagedSamples#LIMIT} samples as they are
 * ({@link StagedSamples}, at most 16 KB), a busy one a histogram of int counts (some 100 KB to 1.5 MB
 * for latencies, by the ratio of their largest to their smallest value; see
 * {@link MagnitudeHistogram}).
 *
 * <p><b>Merging</b> into an empty trend shares the other's histograms instead of copying them;
 * whichever of the two is changed later copies them first, so neither sees the other's changes.
 * Pooling the trends of one file into an empty result then costs nothing per bucket.
 */
public final class TrendAccumulator implements SampleAccumulator {

    static final int SIGNIFICANT_DIGITS = 4;

    /** The non-zero samples while there are few; null once they are in the histograms. */
    private StagedSamples staged = new StagedSamples();
    private MagnitudeHistogram positive;
    private MagnitudeHistogram negativeMagnitudes;
    /** Whether the histograms may be referenced by another trend too: copy before changing them. */
    private boolean histogramsShared;
    private long zeros;
    private long count;
    private final ExactSum sum = new ExactSum();
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;

    @Override
    public MetricType type() {
        return MetricType.TREND;
    }

    @Override
    public void record(double value, long epochNanos) {
        ExactSum.requireFinite(value);
        if (value != 0) {
            put(value);
        } else {
            zeros++;
        }
        count++;
        sum.add(value);
        min = Math.min(min, value);
        max = Math.max(max, value);
    }

    /** Keeps a non-zero value for the percentiles; refuses one too far from the others. */
    private void put(double value) {
        if (staged != null) {
            if (staged.add(value)) {
                return;
            }
            toHistograms();
        }
        if (histogramsShared) {
            unshare();
        }
        if (value > 0) {
            positive = recordInto(positive, value, value);
        } else {
            negativeMagnitudes = recordInto(negativeMagnitudes, -value, value);
        }
    }

    /** Moves the staged values, in the order they came, into histograms of the form that fits their number. */
    private void toHistograms() {
        StagedSamples samples = staged;
        staged = null;
        int negatives = samples.negatives();
        int positives = samples.size() - negatives;
        double[] extremes = {Double.MAX_VALUE, 0, Double.MAX_VALUE, 0}; // positive min, max; negative min, max
        for (int i = 0; i < samples.size(); i++) {
            double value = samples.value(i);
            int at = value > 0 ? 0 : 2;
            extremes[at] = Math.min(extremes[at], Math.abs(value));
            extremes[at + 1] = Math.max(extremes[at + 1], Math.abs(value));
        }
        positive = positives == 0 ? null : MagnitudeHistogram.forSamples(positives, extremes[0], extremes[1]);
        negativeMagnitudes = negatives == 0 ? null
                : MagnitudeHistogram.forSamples(negatives, extremes[2], extremes[3]);
        for (int i = 0; i < samples.size(); i++) {
            double value = samples.value(i);
            (value > 0 ? positive : negativeMagnitudes).record(Math.abs(value)); // all fit: their extremes did
        }
    }

    private static MagnitudeHistogram recordInto(MagnitudeHistogram histogram, double magnitude, double value) {
        MagnitudeHistogram target = histogram == null ? MagnitudeHistogram.forSamples(1) : histogram;
        try {
            target.record(magnitude);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw outOfRange(target.histogram(), value);
        }
        return target;
    }

    private static IllegalArgumentException outOfRange(DoubleHistogram histogram, double value) {
        return new IllegalArgumentException("value " + NumberText.plain(value) + " is too far from the other values"
                + " of this trend (magnitudes " + NumberText.plain(histogram.getMinNonZeroValue()) + " to "
                + NumberText.plain(histogram.getMaxValueAsDouble()) + ") to be kept with "
                + SIGNIFICANT_DIGITS + " significant digits: a trend spans at most a 2e15 ratio between its"
                + " smallest and largest non-zero magnitude");
    }

    @Override
    public void merge(SampleAccumulator other) {
        if (!(other instanceof TrendAccumulator trend)) {
            throw new IllegalArgumentException("cannot merge a " + other.type().k6Name() + " into a trend");
        }
        if (trend.staged != null) {
            for (int i = 0; i < trend.staged.size(); i++) {
                try {
                    put(trend.staged.value(i));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("cannot pool two trends whose magnitudes are more than a 2e15"
                            + " ratio apart: " + e.getMessage(), e);
                }
            }
        } else if (holdsNoValues()) {
            staged = null;
            positive = trend.positive;
            negativeMagnitudes = trend.negativeMagnitudes;
            histogramsShared = true;
            trend.histogramsShared = true;
        } else {
            if (staged != null) {
                toHistograms();
            }
            if (histogramsShared) {
                unshare();
            }
            positive = mergeInto(positive, trend.positive);
            negativeMagnitudes = mergeInto(negativeMagnitudes, trend.negativeMagnitudes);
        }
        zeros += trend.zeros;
        count += trend.count;
        sum.add(trend.sum);
        min = Math.min(min, trend.min);
        max = Math.max(max, trend.max);
    }

    /**
     * The distribution of the trend's values as a new histogram with the same buckets (4 significant digits),
     * zeros included, for keeping: any percentile can be read from it later. Empty when the trend holds no
     * sample, or a negative one (custom trends only), which one histogram of magnitudes cannot hold.
     */
    public Optional<DoubleHistogram> histogram() {
        boolean negatives = staged != null ? staged.negatives() > 0 : negativeMagnitudes != null;
        if (count == 0 || negatives) {
            return Optional.empty();
        }
        DoubleHistogram copy = new DoubleHistogram(SIGNIFICANT_DIGITS);
        if (staged != null) {
            for (int i = 0; i < staged.size(); i++) {
                copy.recordValue(staged.value(i));
            }
        } else if (positive != null) {
            copy.add(positive.histogram());
        }
        if (zeros > 0) {
            copy.recordValueWithCount(0, zeros);
        }
        return Optional.of(copy);
    }

    private boolean holdsNoValues() {
        return staged != null ? staged.size() == 0 : positive == null && negativeMagnitudes == null;
    }

    private void unshare() {
        positive = positive == null ? null : positive.copy();
        negativeMagnitudes = negativeMagnitudes == null ? null : negativeMagnitudes.copy();
        histogramsShared = false;
    }

    private static MagnitudeHistogram mergeInto(MagnitudeHistogram target, MagnitudeHistogram source) {
        if (source == null) {
            return target;
        }
        MagnitudeHistogram merged = target == null ? MagnitudeHistogram.forSamples(1) : target;
        try {
            merged.add(source);
        } catch (ArrayIndexOutOfBoundsException e) {
            DoubleHistogram ours = merged.histogram();
            DoubleHistogram theirs = source.histogram();
            throw new IllegalArgumentException("cannot pool two trends whose magnitudes are more than a 2e15"
                    + " ratio apart (" + NumberText.plain(ours.getMinNonZeroValue()) + " to "
                    + NumberText.plain(ours.getMaxValueAsDouble()) + " and " + NumberText.plain(
                    theirs.getMinNonZeroValue()) + " to " + NumberText.plain(theirs.getMaxValueAsDouble()) + ")", e);
        }
        return merged;
    }

    @Override
    public long sampleCount() {
        return count;
    }

    /** Sum of all samples. */
    public double sum() {
        return sum.value();
    }

    @Override
    public OptionalDouble value(Statistic statistic, double durationSeconds) {
        if (count == 0) {
            return OptionalDouble.empty();
        }
        return switch (statistic.kind()) {
            case AVG -> OptionalDouble.of(sum() / count);
            case MIN -> OptionalDouble.of(min);
            case MAX -> OptionalDouble.of(max);
            case MED -> OptionalDouble.of(percentile(50));
            case PERCENTILE -> OptionalDouble.of(percentile(statistic.percentile()));
            default -> OptionalDouble.empty();
        };
    }

    /**
     * k6's percentile (R-7, see the class comment).
     *
     * @param percentile in [0, 100]
     * @throws IllegalStateException when no sample was recorded
     */
    public double percentile(double percentile) {
        if (count == 0) {
            throw new IllegalStateException("no samples");
        }
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be within 0..100, was " + percentile);
        }
        double rank = percentile / 100 * (count - 1);
        long lower = (long) Math.floor(rank);
        long upper = (long) Math.ceil(rank);
        double lowerValue;
        double upperValue;
        if (upper == lower) {
            lowerValue = valueAtRank(lower);
            upperValue = lowerValue;
        } else if (staged == null && lower > 0 && upper < count - 1 && sameHistogram(lower, upper)) {
            // Both neighbours from one walk through the buckets: a busy histogram has many to walk.
            double[] middles = bucketMiddlesAtRanks(lower, upper);
            lowerValue = Math.max(min, Math.min(max, middles[0]));
            upperValue = Math.max(min, Math.min(max, middles[1]));
        } else {
            lowerValue = valueAtRank(lower);
            upperValue = valueAtRank(upper);
        }
        return lowerValue + (upperValue - lowerValue) * (rank - lower);
    }

    /** The sample at 0-based rank in ascending order: negatives, then zeros, then positives. */
    private double valueAtRank(long rank) {
        if (rank <= 0) {
            return min;
        }
        if (rank >= count - 1) {
            return max;
        }
        double value;
        if (staged != null) {
            int negatives = staged.negatives();
            if (rank < negatives) {
                value = staged.bucketMiddle(staged.atRank((int) rank));
            } else if (rank < negatives + zeros) {
                value = 0;
            } else {
                value = staged.bucketMiddle(staged.atRank((int) (rank - zeros)));
            }
            return Math.max(min, Math.min(max, value));
        }
        long negatives = negativeMagnitudes == null ? 0 : negativeMagnitudes.histogram().getTotalCount();
        if (rank < negatives) {
            value = -bucketMiddleAtRank(negativeMagnitudes.histogram(), negatives - 1 - rank);
        } else if (rank < negatives + zeros) {
            value = 0;
        } else {
            value = bucketMiddleAtRank(positive.histogram(), rank - negatives - zeros);
        }
        return Math.max(min, Math.min(max, value));
    }

    /** Whether the samples at both ranks are positive, or both negative (then in one histogram each way). */
    private boolean sameHistogram(long lowerRank, long upperRank) {
        long negatives = negativeMagnitudes == null ? 0 : negativeMagnitudes.histogram().getTotalCount();
        return upperRank < negatives || lowerRank >= negatives + zeros;
    }

    /** The bucket middles of the samples at two ranks of the same sign, from one walk; see {@link #valueAtRank}. */
    private double[] bucketMiddlesAtRanks(long lowerRank, long upperRank) {
        long negatives = negativeMagnitudes == null ? 0 : negativeMagnitudes.histogram().getTotalCount();
        if (upperRank < negatives) {
            // Ascending samples are descending magnitudes: the upper rank is the smaller magnitude.
            double[] magnitudes = bucketMiddlesAtRanks(negativeMagnitudes.histogram(), negatives - 1 - upperRank,
                    negatives - 1 - lowerRank);
            return new double[] {-magnitudes[1], -magnitudes[0]};
        }
        return bucketMiddlesAtRanks(positive.histogram(), lowerRank - negatives - zeros,
                upperRank - negatives - zeros);
    }

    private static double[] bucketMiddlesAtRanks(DoubleHistogram histogram, long firstRank, long secondRank) {
        double[] middles = new double[2];
        long seen = 0;
        boolean firstFound = false;
        for (DoubleHistogramIterationValue bucket : histogram.recordedValues()) {
            seen += bucket.getCountAtValueIteratedTo();
            if (!firstFound && seen > firstRank) {
                middles[0] = bucketMiddle(histogram, bucket.getValueIteratedTo());
                firstFound = true;
            }
            if (seen > secondRank) {
                middles[1] = bucketMiddle(histogram, bucket.getValueIteratedTo());
                return middles;
            }
        }
        throw new IllegalStateException("rank " + secondRank + " beyond the " + histogram.getTotalCount() + " samples");
    }

    /** The staged values in the order they came, or null once they are in histograms; for {@link CollectorSnapshot}. */
    double[] stagedValues() {
        if (staged == null) {
            return null;
        }
        double[] values = new double[staged.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = staged.value(i);
        }
        return values;
    }

    /** The histogram of the positive values, or null; for reading only. */
    DoubleHistogram positiveMagnitudes() {
        return positive == null ? null : positive.histogram();
    }

    /** The histogram of the negative values' magnitudes, or null; for reading only. */
    DoubleHistogram negativeMagnitudes() {
        return negativeMagnitudes == null ? null : negativeMagnitudes.histogram();
    }

    long zeros() {
        return zeros;
    }

    /** The exact sum: see {@link ExactSum#units()}. */
    BigInteger sumUnits() {
        return sum.units();
    }

    /** The smallest value, +infinity while there is none. */
    double min() {
        return min;
    }

    /** The largest value, -infinity while there is none. */
    double max() {
        return max;
    }

    /**
     * A trend in the state the getters above told, for {@link CollectorSnapshot}: the staged values are taken
     * again in their order (which gives the staged state they had), the histograms' counts as they are.
     *
     * @param staged   the staged values, or null when the values are in the histograms
     * @param positive the positive values' histogram, or null (only without staged values)
     * @param negative the negative values' magnitudes, or null (only without staged values)
     * @throws IllegalArgumentException when the parts do not fit together: staged values beside histograms,
     *                                  values the staging would not have kept, counts that do not add up
     */
    static TrendAccumulator restored(double[] staged, DoubleHistogram positive, DoubleHistogram negative, long zeros,
            long count, BigInteger sumUnits, double min, double max) {
        TrendAccumulator trend = new TrendAccumulator();
        long values;
        if (staged != null) {
            if (positive != null || negative != null) {
                throw new IllegalArgumentException("a trend holds staged values or histograms, not both");
            }
            for (double value : staged) {
                if (value == 0 || !Double.isFinite(value) || !trend.staged.add(value)) {
                    throw new IllegalArgumentException("staged value " + value + " is not one the staging keeps");
                }
            }
            values = staged.length;
        } else {
            trend.staged = null;
            trend.positive = positive == null ? null : MagnitudeHistogram.restored(positive);
            trend.negativeMagnitudes = negative == null ? null : MagnitudeHistogram.restored(negative);
            values = (positive == null ? 0 : positive.getTotalCount()) + (negative == null ? 0 : negative.getTotalCount());
        }
        if (zeros < 0 || values + zeros != count) {
            throw new IllegalArgumentException("a trend of " + count + " values holds " + values + " non-zero values and "
                    + zeros + " zeros");
        }
        if (count > 0 && !(min <= max)) {
            throw new IllegalArgumentException("a trend's min " + min + " is above its max " + max);
        }
        trend.zeros = zeros;
        trend.count = count;
        trend.sum.add(ExactSum.ofUnits(sumUnits));
        trend.min = count == 0 ? Double.POSITIVE_INFINITY : min;
        trend.max = count == 0 ? Double.NEGATIVE_INFINITY : max;
        return trend;
    }

    private static double bucketMiddle(DoubleHistogram histogram, double inBucket) {
        double lowest = histogram.lowestEquivalentValue(inBucket);
        return lowest + (histogram.nextNonEquivalentValue(inBucket) - lowest) / 2;
    }

    private static double bucketMiddleAtRank(DoubleHistogram histogram, long rank) {
        long seen = 0;
        for (DoubleHistogramIterationValue bucket : histogram.recordedValues()) {
            seen += bucket.getCountAtValueIteratedTo();
            if (seen > rank) {
                return bucketMiddle(histogram, bucket.getValueIteratedTo());
            }
        }
        throw new IllegalStateException("rank " + rank + " beyond the " + histogram.getTotalCount() + " samples");
    }
}
