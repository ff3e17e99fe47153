package io.perfgate.regression;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few distribution functions the regression checks need: Student's t, the binomial tail and the
 * regularized incomplete beta function they both rest on. Hand-written, because perf-core takes no
 * statistics library; each is checked against tabulated values in the tests.
 */
final class Distributions {

    private static final double EPSILON = 1e-15;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 100_000;
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

    /** t quantiles are asked for again and again with the same few (dof, level): remember them. */
    private static final Map<QuantileKey, Double> T_QUANTILES = new ConcurrentHashMap<>();

    private record QuantileKey(double degreesOfFreedom, double probability) {
    }

    private Distributions() {
    }

    /** ln Γ(x) for x &gt; 0: Stirling's series after shifting x above 10 with Γ(x+1) = x Γ(x). */
    static double logGamma(double x) {
        if (!(x > 0)) {
            throw new IllegalArgumentException("logGamma needs x > 0, was " + x);
        }
        double shift = 0;
        double z = x;
        while (z < 10) {
            shift += Math.log(z);
            z += 1;
        }
        double inverse = 1 / z;
        double inverseSquared = inverse * inverse;
        double series = inverse * (1.0 / 12 - inverseSquared * (1.0 / 360 - inverseSquared * (1.0 / 1260
                - inverseSquared / 1680)));
        return (z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI + series - shift;
    }

    /** I_x(a, b), the regularized incomplete beta function, for a, b &gt; 0 and 0 ≤ x ≤ 1. */
    static double regularizedBeta(double x, double a, double b) {
        if (!(a > 0 && b > 0)) {
            throw new IllegalArgumentException("regularizedBeta needs a, b > 0, was " + a + ", " + b);
        }
        if (!(x >= 0 && x <= 1)) {
            throw new IllegalArgumentException("regularizedBeta needs 0 <= x <= 1, was " + x);
        }
        if (x == 0 || x == 1) {
            return x;
        }
        // The continued fraction converges quickly below the mean of the beta distribution; above it
        // use the symmetry I_x(a, b) = 1 - I_{1-x}(b, a).
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - regularizedBeta(1 - x, b, a);
        }
        double logFront = a * Math.log(x) + b * Math.log1p(-x) - Math.log(a)
                - (logGamma(a) + logGamma(b) - logGamma(a + b));
        return Math.exp(logFront) / betaContinuedFraction(x, a, b);
    }

    /**
     * Evaluates 1 + d1/(1 + d2/(1 + ...)) with the modified Lentz method, where
     * d(2m+1) = -(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and d(2m) = m(b-m)x / ((a+2m-1)(a+2m)).
     */
    private static double betaContinuedFraction(double x, double a, double b) {
        double value = 1;
        double c = 1;
        double d = 0;
        for (int j = 1; j <= MAX_ITERATIONS; j++) {
            int m = j / 2;
            double term = j % 2 == 1
                    ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                    : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
            d = 1 + term * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + term / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double step = c * d;
            value *= step;
            if (Math.abs(step - 1) < EPSILON) {
                return value;
            }
        }
        throw new ArithmeticException("incomplete beta did not converge for x=" + x + ", a=" + a + ", b=" + b);
    }

    /** P(T &gt; t) for Student's t with {@code degreesOfFreedom} (any positive real). */
    static double studentUpperTail(double t, double degreesOfFreedom) {
        if (Double.isInfinite(t)) {
            return t > 0 ? 0 : 1;
        }
        double half = 0.5 * regularizedBeta(degreesOfFreedom / (degreesOfFreedom + t * t), degreesOfFreedom / 2, 0.5);
        return t >= 0 ? half : 1 - half;
    }

    /** The t with P(T ≤ t) = probability, for 0.5 ≤ probability &lt; 1. */
    static double studentQuantile(double probability, double degreesOfFreedom) {
        if (!(probability >= 0.5 && probability < 1)) {
            throw new IllegalArgumentException("probability must be within [0.5, 1), was " + probability);
        }
        if (!(degreesOfFreedom > 0)) {
            throw new IllegalArgumentException("degrees of freedom must be > 0, was " + degreesOfFreedom);
        }
        return T_QUANTILES.computeIfAbsent(new QuantileKey(degreesOfFreedom, probability),
                key -> solveStudentQuantile(key.probability(), key.degreesOfFreedom()));
    }

    /**
     * Bisection on x = ν/(ν+t²), where I_x(ν/2, 1/2) = 2(1 - p) is monotone in x; then t = √(ν(1-x)/x).
     * Slow but safe for every ν, and memoized by the caller.
     */
    static double solveStudentQuantile(double probability, double degreesOfFreedom) {
        double target = 2 * (1 - probability);
        double low = 0;
        double high = 1;
        for (int i = 0; i < 200 && high - low > 1e-17; i++) {
            double middle = 0.5 * (low + high);
            if (regularizedBeta(middle, degreesOfFreedom / 2, 0.5) < target) {
                low = middle;
            } else {
                high = middle;
            }
        }
        double x = 0.5 * (low + high);
        return Math.sqrt(degreesOfFreedom * (1 - x) / x);
    }

    /**
     * P(X ≥ successes) for X ~ Binomial(trials, p), through I_p(successes, trials - successes + 1), which
     * also gives a smooth answer for the non-integer counts of an overdispersion-scaled test.
     */
    static double binomialUpperTail(double successes, double trials, double p) {
        if (successes <= 0) {
            return 1;
        }
        if (successes > trials || p <= 0) {
            return 0;
        }
        if (p >= 1) {
            return 1;
        }
        return regularizedBeta(p, successes, trials - successes + 1);
    }
}
