package io.perfgate.regression;

import java.util.SplittableRandom;

/**
 * Run-to-run noise of a per-run statistic such as p(95), calibrated from the k6 runs measured on these
 * machines (shared/fixtures/noise.md: CV 1.6% for p(95) on a quiet machine, more on CI).
 *
 * <p>A run's value is the true value times three log-normal or rare factors: the run's own noise
 * ({@code runCv}), the build's machine ({@code buildCv}, shared by every run of one build: a noisy
 * neighbour, a slower runner) and, with probability {@code outlierProbability}, a hiccup that slows the
 * run by a factor between {@code outlierMin} and {@code outlierMax}.
 *
 * @param name a short label for the table
 */
record NoiseModel(String name, double runCv, double buildCv, double outlierProbability, double outlierMin,
        double outlierMax) {

    static NoiseModel logNormal(String name, double runCv) {
        return new NoiseModel(name, runCv, 0, 0, 1, 1);
    }

    /** The spread of one run's log value (without build drift or outliers). */
    double logSpread() {
        return sigma(runCv);
    }

    /** The factor of one build's machine. */
    double buildFactor(SplittableRandom random) {
        return buildCv == 0 ? 1 : Math.exp(sigma(buildCv) * gaussian(random));
    }

    /** One run's value in a build with the given machine factor. */
    double run(SplittableRandom random, double trueValue, double buildFactor) {
        double value = trueValue * buildFactor * Math.exp(sigma(runCv) * gaussian(random));
        if (outlierProbability > 0 && random.nextDouble() < outlierProbability) {
            value *= outlierMin + (outlierMax - outlierMin) * random.nextDouble();
        }
        return value;
    }

    /** The σ of a log-normal distribution with this coefficient of variation. */
    private static double sigma(double cv) {
        return Math.sqrt(Math.log1p(cv * cv));
    }

    /** A standard normal value (Marsaglia's polar method), so the replay depends on nothing but the seed. */
    private static double gaussian(SplittableRandom random) {
        while (true) {
            double u = 2 * random.nextDouble() - 1;
            double v = 2 * random.nextDouble() - 1;
            double s = u * u + v * v;
            if (s > 0 && s < 1) {
                return u * Math.sqrt(-2 * Math.log(s) / s);
            }
        }
    }
}
