package io.perfgate.regression;

import java.util.ArrayList;
import java.util.List;

/**
 * Baseline runs (on a log scale) after outlier runs are left out: a CI hiccup in the history must not
 * widen the interval for every later build, nor shift its centre.
 *
 * <p>Outliers are found with the generalized ESD test (Rosner, 1983) at a small two-sided level, for at
 * most a fifth of the runs. Unlike a cut at k·MAD, it almost never removes a run from normally
 * distributed values (the MAD of five values is often near zero), so the interval that follows keeps
 * its stated confidence; and unlike a one-at-a-time Grubbs test, two outliers do not mask each other.
 *
 * @param mean     mean of the kept values: the baseline's centre
 * @param spread   standard deviation of the kept values (n - 1 in the denominator), not yet floored
 * @param kept     how many values are kept
 * @param excluded how many were left out as outliers
 */
record ScreenedRuns(double mean, double spread, int kept, int excluded) {

    /** @param level the two-sided significance level of the ESD test, e.g. 0.001 */
    static ScreenedRuns screen(double[] logValues, double level) {
        int n = logValues.length;
        if (n < 2) {
            throw new IllegalArgumentException("screening needs at least 2 values, has " + n);
        }
        List<Double> remaining = new ArrayList<>(n);
        for (double value : logValues) {
            remaining.add(value);
        }
        int maximumOutliers = n / 5;
        int outliers = 0;
        List<Double> removed = new ArrayList<>(maximumOutliers);
        for (int i = 1; i <= maximumOutliers; i++) {
            double mean = mean(remaining);
            double spread = standardDeviation(remaining, mean);
            if (!(spread > 0)) {
                break;
            }
            int farthest = 0;
            for (int j = 1; j < remaining.size(); j++) {
                if (Math.abs(remaining.get(j) - mean) > Math.abs(remaining.get(farthest) - mean)) {
                    farthest = j;
                }
            }
            double statistic = Math.abs(remaining.get(farthest) - mean) / spread;
            removed.add(remaining.remove(farthest));
            // The number of outliers is the largest i whose R_i exceeds its critical value, even when an
            // earlier R did not: that is what keeps two outliers from masking each other.
            if (exceedsCriticalValue(statistic, n, i, level)) {
                outliers = i;
            }
        }
        List<Double> kept = new ArrayList<>(remaining);
        kept.addAll(removed.subList(outliers, removed.size()));
        double mean = mean(kept);
        return new ScreenedRuns(mean, standardDeviation(kept, mean), kept.size(), outliers);
    }

    /**
     * Whether R_i exceeds Rosner's critical value λ_i = (n-i)·t / √((n-i-1+t²)(n-i+1)), with t the
     * upper α/(2(n-i+1)) point of Student's t at n-i-1 degrees of freedom; decided by turning R_i into
     * its t and comparing tail probabilities, which avoids a quantile search.
     */
    static boolean exceedsCriticalValue(double statistic, int n, int step, double level) {
        double rest = n - step;
        double degreesOfFreedom = rest - 1;
        if (degreesOfFreedom < 1) {
            return false;
        }
        double denominator = rest * rest - statistic * statistic * (rest + 1);
        double tailLevel = level / (2 * (rest + 1));
        if (denominator <= 0) {
            return true;
        }
        double t = Math.sqrt(statistic * statistic * degreesOfFreedom * (rest + 1) / denominator);
        return Distributions.studentUpperTail(t, degreesOfFreedom) < tailLevel;
    }

    private static double mean(List<Double> values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.size();
    }

    private static double standardDeviation(List<Double> values, double mean) {
        double sum = 0;
        for (double value : values) {
            sum += (value - mean) * (value - mean);
        }
        return Math.sqrt(sum / (values.size() - 1));
    }
}
