package io.perfgate.regression;

import java.util.Arrays;

/**
 * Wilcoxon's signed-rank test with its Hodges–Lehmann estimate and exact, distribution-free confidence
 * bounds, for the per-round log ratios of interleaved A/B runs. Exact means: when the ratios are
 * symmetric about zero (true when the order of the two runs in a round is alternated), the chance of a
 * false alarm is at most the stated level for any distribution, heavy tails and outlier runs included.
 */
final class SignedRank {

    private SignedRank() {
    }

    /**
     * The estimate and bounds of the centre of {@code values}.
     *
     * @param estimate the Hodges–Lehmann estimate: the median of the Walsh averages
     * @param lower    a lower bound with P(centre &lt; lower) ≤ level, or -∞ when too few values allow none
     * @param upper    an upper bound with P(centre &gt; upper) ≤ level, or +∞ likewise
     */
    record Bounds(double estimate, double lower, double upper) {
    }

    /** The fewest values for which a one-sided bound at {@code level} exists: 2^-n ≤ level. */
    static int fewestValues(double level) {
        int n = 1;
        while (Math.pow(0.5, n) > level) {
            n++;
        }
        return n;
    }

    static Bounds bounds(double[] values, double level) {
        int n = values.length;
        int pairs = n * (n + 1) / 2;
        double[] walsh = new double[pairs];
        int index = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                walsh[index++] = 0.5 * (values[i] + values[j]);
            }
        }
        Arrays.sort(walsh);
        double estimate = pairs % 2 == 1 ? walsh[pairs / 2] : 0.5 * (walsh[pairs / 2 - 1] + walsh[pairs / 2]);
        int critical = criticalCount(n, level);
        if (critical > pairs) {
            return new Bounds(estimate, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        // T+(θ), the signed-rank statistic of values - θ, equals the number of Walsh averages above θ.
        // A shift θ is rejected when T+(θ) ≥ c, so the bound is the (pairs - c + 1)-th smallest average.
        return new Bounds(estimate, walsh[pairs - critical], walsh[critical - 1]);
    }

    /**
     * The exact one-sided p-value of "centred at zero" against "centred above": P(T+ ≥ w) under the null
     * hypothesis, where w, the signed-rank statistic of the values, is the number of their Walsh averages
     * above zero (an average of exactly zero does not count, so ties never make a change look larger).
     * It is at most a level exactly when the lower bound at that level is above zero.
     */
    static double upperTailPValue(double[] values) {
        int n = values.length;
        int above = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                if (values[i] + values[j] > 0) {
                    above++;
                }
            }
        }
        double[] distribution = nullDistribution(n);
        double tail = 0;
        for (int w = distribution.length - 1; w >= above; w--) {
            tail += distribution[w];
        }
        return Math.min(1, tail);
    }

    /**
     * The smallest c with P(T+ ≥ c) ≤ level under the null hypothesis, or pairs + 1 when even the
     * largest value of T+ is more likely than that.
     */
    static int criticalCount(int n, double level) {
        double[] distribution = nullDistribution(n);
        int pairs = n * (n + 1) / 2;
        double tail = 0;
        for (int c = pairs; c >= 0; c--) {
            if (tail + distribution[c] > level) {
                return c + 1;
            }
            tail += distribution[c];
        }
        return 0;
    }

    /** P(T+ = w) for w = 0..n(n+1)/2: each rank 1..n counts with probability 1/2, by dynamic programming. */
    static double[] nullDistribution(int n) {
        int pairs = n * (n + 1) / 2;
        double[] probability = new double[pairs + 1];
        probability[0] = 1;
        int reach = 0;
        for (int rank = 1; rank <= n; rank++) {
            reach += rank;
            for (int w = reach; w >= 0; w--) {
                double without = probability[w];
                double with = w >= rank ? probability[w - rank] : 0;
                probability[w] = 0.5 * (without + with);
            }
        }
        return probability;
    }
}
