package io.perfgate.regression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Marks change points in a series of per-build values, so that slow creep over many builds, which no
 * build-to-build check flags, becomes visible as a few steps.
 *
 * <p>The method is E-divisive with means (Matteson &amp; James, 2014), with the energy distance at
 * exponent 1: for a split of a segment into X and Y, Q = (mn/(m+n))·(2·mean|x-y| - mean|x-x'| -
 * mean|y-y'|), which grows with any difference in distribution and needs no assumption of normality.
 * Segments are split one change point at a time, at the largest Q over all segments, while a permutation
 * test (values shuffled within their segments, fixed seed) finds it significant. The split runs to the
 * end of its segment (the simpler form without the second search over its end); the next round splits
 * the new segments. A series without any change gets a change point with probability about
 * {@link ChangePointSettings#significance()}.
 */
public final class ChangePoints {

    private ChangePoints() {
    }

    /** The change points of {@code series}, in order; empty for a series without change. */
    public static List<ChangePoint> find(List<Double> series, ChangePointSettings settings) {
        Objects.requireNonNull(settings, "settings");
        double[] values = new double[series.size()];
        for (int i = 0; i < values.length; i++) {
            Double value = series.get(i);
            if (value == null || !Double.isFinite(value)) {
                throw new IllegalArgumentException("value " + (i + 1) + " of the series is " + value
                        + "; change points need finite values");
            }
            values[i] = value;
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<int[]> segments = new ArrayList<>();
        segments.add(new int[] {0, values.length});
        Map<Integer, Double> pValueByIndex = new HashMap<>();
        while (true) {
            Split best = bestSplit(values, segments, settings.minimumSegment());
            if (best == null) {
                break;
            }
            int atLeastAsLarge = 0;
            double[] shuffled = values.clone();
            for (int r = 0; r < settings.permutations(); r++) {
                for (int[] segment : segments) {
                    shuffle(shuffled, segment[0], segment[1], random);
                }
                Split permuted = bestSplit(shuffled, segments, settings.minimumSegment());
                if (permuted != null && permuted.divergence() >= best.divergence()) {
                    atLeastAsLarge++;
                }
            }
            double pValue = (atLeastAsLarge + 1.0) / (settings.permutations() + 1.0);
            if (pValue > settings.significance()) {
                break;
            }
            int[] segment = segments.remove(best.segment());
            segments.add(new int[] {segment[0], best.index()});
            segments.add(new int[] {best.index(), segment[1]});
            pValueByIndex.put(best.index(), pValue);
        }
        segments.sort(Comparator.comparingInt(segment -> segment[0]));
        List<ChangePoint> points = new ArrayList<>();
        for (int i = 1; i < segments.size(); i++) {
            int index = segments.get(i)[0];
            points.add(new ChangePoint(index, pValueByIndex.get(index), mean(values, segments.get(i - 1)),
                    mean(values, segments.get(i))));
        }
        return List.copyOf(points);
    }

    /** The split with the largest divergence over all segments long enough to split, or null. */
    record Split(int segment, int index, double divergence) {
    }

    private static Split bestSplit(double[] values, List<int[]> segments, int minimumSegment) {
        Split best = null;
        for (int s = 0; s < segments.size(); s++) {
            int start = segments.get(s)[0];
            int end = segments.get(s)[1];
            if (end - start < 2 * minimumSegment) {
                continue;
            }
            Split split = bestSplitOf(values, start, end, minimumSegment, s);
            if (best == null || split.divergence() > best.divergence()) {
                best = split;
            }
        }
        return best;
    }

    /**
     * Q for every split of [start, end) in O(length²): the sums of distances within the left part, within
     * the right part and between them are updated as the split moves one value to the right.
     */
    static Split bestSplitOf(double[] values, int start, int end, int minimumSegment, int segment) {
        int length = end - start;
        double[] before = new double[length];  // Σ_{i<t} |z_i - z_t|
        double[] after = new double[length];   // Σ_{j>t} |z_t - z_j|
        for (int t = 0; t < length; t++) {
            double z = values[start + t];
            for (int i = 0; i < t; i++) {
                double distance = Math.abs(values[start + i] - z);
                before[t] += distance;
                after[i] += distance;
            }
        }
        double right = 0;
        for (double sum : after) {
            right += sum;
        }
        double left = 0;
        double between = 0;
        double bestDivergence = Double.NEGATIVE_INFINITY;
        int bestIndex = -1;
        for (int t = 1; t < length; t++) {
            // Move value t-1 from the right part into the left part.
            int moved = t - 1;
            left += before[moved];
            right -= after[moved];
            between += after[moved] - before[moved];
            int m = t;
            int n = length - t;
            if (m < minimumSegment || n < minimumSegment) {
                continue;
            }
            double divergence = 2 * between / ((double) m * n) - 2 * left / ((double) m * (m - 1))
                    - 2 * right / ((double) n * (n - 1));
            double weighted = (double) m * n / (m + n) * divergence;
            if (weighted > bestDivergence) {
                bestDivergence = weighted;
                bestIndex = start + t;
            }
        }
        return new Split(segment, bestIndex, bestDivergence);
    }

    private static void shuffle(double[] values, int start, int end, SplittableRandom random) {
        for (int i = end - 1; i > start; i--) {
            int j = start + random.nextInt(i - start + 1);
            double swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    private static double mean(double[] values, int[] segment) {
        double sum = 0;
        for (int i = segment[0]; i < segment[1]; i++) {
            sum += values[i];
        }
        return sum / (segment[1] - segment[0]);
    }
}
