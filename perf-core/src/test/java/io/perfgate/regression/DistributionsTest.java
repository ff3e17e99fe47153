package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DistributionsTest {

    @ParameterizedTest
    @CsvSource({
        // probability, degrees of freedom, t from statistical tables
        "0.995, 9, 3.249836",
        "0.975, 1, 12.706205",
        "0.99, 30, 2.457262",
        "0.95, 4, 2.131847",
        "0.995, 3, 5.840909",
        "0.5, 7, 0",
    })
    void shouldMatchTabulatedStudentQuantiles(double probability, double degreesOfFreedom, double expected) {
        assertThat(Distributions.studentQuantile(probability, degreesOfFreedom)).isCloseTo(expected, within(1e-5));
    }

    /** The quantile solved afresh, not from the memo another test may have filled. */
    @ParameterizedTest
    @CsvSource({
        "0.995, 9, 3.249836",
        "0.9, 9, 1.383029",
        "0.9995, 9, 4.780913",
        "0.975, 1000, 1.962339",   // scipy.stats.t.ppf; near the normal 1.959964
        "0.9975, 8, 3.832519",
        "0.75, 2, 0.816497",
    })
    void shouldSolveTabulatedStudentQuantilesAfresh(double probability, double degreesOfFreedom, double expected) {
        assertThat(Distributions.solveStudentQuantile(probability, degreesOfFreedom)).isCloseTo(expected, within(1e-5));
    }

    @Test
    void shouldGiveTheEdgesOfTheStudentTailAndTheIncompleteBeta() {
        assertThat(Distributions.studentUpperTail(Double.POSITIVE_INFINITY, 3)).isZero();
        assertThat(Distributions.studentUpperTail(Double.NEGATIVE_INFINITY, 3)).isEqualTo(1);
        assertThat(Distributions.studentUpperTail(0, 3)).isEqualTo(0.5);
        assertThat(Distributions.studentUpperTail(1e-300, 3)).isCloseTo(0.5, within(1e-15));
        assertThat(Distributions.regularizedBeta(0, 2, 3)).isZero();
        assertThat(Distributions.regularizedBeta(1, 2, 3)).isEqualTo(1);
        assertThat(Distributions.regularizedBeta(1e-300, 0.5, 0.5)).isGreaterThan(0);
        assertThatThrownBy(() -> Distributions.regularizedBeta(0.5, 0, 1)).hasMessage(
                "regularizedBeta needs a, b > 0, was 0.0, 1.0");
        assertThatThrownBy(() -> Distributions.regularizedBeta(0.5, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Distributions.regularizedBeta(-0.1, 1, 1)).hasMessage(
                "regularizedBeta needs 0 <= x <= 1, was -0.1");
        assertThatThrownBy(() -> Distributions.studentQuantile(1, 3)).hasMessage(
                "probability must be within [0.5, 1), was 1.0");
        assertThatThrownBy(() -> Distributions.studentQuantile(0.9, 0)).hasMessage(
                "degrees of freedom must be > 0, was 0.0");
        assertThat(Distributions.studentQuantile(0.5, 3)).isCloseTo(0, within(1e-7));
    }

    @Test
    void shouldComputeLogGammaEitherSideOfTheShift() {
        // math.lgamma: ln Γ(9.5) and ln Γ(10.5), ln Γ(0.1).
        assertThat(Distributions.logGamma(9.5)).isCloseTo(11.689333420797269, within(1e-12));
        assertThat(Distributions.logGamma(10.5)).isCloseTo(13.940625219403763, within(1e-12));
        assertThat(Distributions.logGamma(0.1)).isCloseTo(2.2527126517342055, within(1e-12));
        assertThatThrownBy(() -> Distributions.logGamma(-1)).hasMessage("logGamma needs x > 0, was -1.0");
    }

    @Test
    void shouldGiveTheEdgesOfTheBinomialTail() {
        assertThat(Distributions.binomialUpperTail(0, 10, 0.2)).isEqualTo(1);
        assertThat(Distributions.binomialUpperTail(-1, 10, 0.2)).isEqualTo(1);
        assertThat(Distributions.binomialUpperTail(10, 10, 0.2)).isCloseTo(Math.pow(0.2, 10), within(1e-17));
        assertThat(Distributions.binomialUpperTail(10.5, 10, 0.2)).isZero();
        assertThat(Distributions.binomialUpperTail(3, 10, 0)).isZero();
        assertThat(Distributions.binomialUpperTail(3, 10, 1)).isEqualTo(1);
        assertThat(Distributions.binomialUpperTail(3, 10, 1e-300)).isCloseTo(0, within(1e-200));
        // An overdispersed, non-integer count lies between its integer neighbours.
        assertThat(Distributions.binomialUpperTail(2.5, 10, 0.2)).isBetween(
                Distributions.binomialUpperTail(3, 10, 0.2), Distributions.binomialUpperTail(2, 10, 0.2));
    }

    @Test
    void shouldInvertTheStudentTail() {
        for (double dof : new double[] {1.5, 4, 19, 120}) {
            double t = Distributions.studentQuantile(0.995, dof);
            assertThat(Distributions.studentUpperTail(t, dof)).isCloseTo(0.005, within(1e-10));
            assertThat(Distributions.studentUpperTail(-t, dof)).isCloseTo(0.995, within(1e-10));
        }
        assertThat(Distributions.studentUpperTail(2.0, 10)).isCloseTo(0.036694, within(1e-6));
    }

    @Test
    void shouldComputeLogGammaOfKnownValues() {
        assertThat(Distributions.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)), within(1e-12));
        assertThat(Distributions.logGamma(10)).isCloseTo(Math.log(362_880), within(1e-10));
        assertThat(Distributions.logGamma(1)).isCloseTo(0, within(1e-12));
        assertThat(Distributions.logGamma(171)).isCloseTo(706.5730622457874, within(1e-9));  // ln(170!)
    }

    @Test
    void shouldComputeTheRegularizedIncompleteBeta() {
        // Beta(2, 3): CDF at 1/2 is 11/16; Beta(1, 1) is uniform.
        assertThat(Distributions.regularizedBeta(0.5, 2, 3)).isCloseTo(0.6875, within(1e-12));
        assertThat(Distributions.regularizedBeta(0.3, 1, 1)).isCloseTo(0.3, within(1e-12));
        assertThat(Distributions.regularizedBeta(0.9, 2, 3) + Distributions.regularizedBeta(0.1, 3, 2))
                .isCloseTo(1, within(1e-12));
    }

    @Test
    void shouldMatchTheBinomialTailSummedTermByTerm() {
        for (int trials : new int[] {1, 10, 98}) {
            for (double p : new double[] {0.01, 0.0909, 0.5}) {
                for (int successes = 0; successes <= trials; successes += Math.max(1, trials / 7)) {
                    assertThat(Distributions.binomialUpperTail(successes, trials, p)).as("n=%s p=%s x=%s", trials, p,
                            successes).isCloseTo(summedTail(successes, trials, p), within(1e-10));
                }
            }
        }
        assertThat(Distributions.binomialUpperTail(3, 10, 0.2)).isCloseTo(0.3222005, within(1e-7));
        assertThat(Distributions.binomialUpperTail(11, 10, 0.2)).isZero();
    }

    @Test
    void shouldRejectArgumentsOutsideTheDomain() {
        assertThatThrownBy(() -> Distributions.studentQuantile(0.4, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.4");
        assertThatThrownBy(() -> Distributions.studentQuantile(0.99, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Distributions.logGamma(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Distributions.regularizedBeta(1.5, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static double summedTail(int successes, int trials, double p) {
        double sum = 0;
        for (int x = successes; x <= trials; x++) {
            double logTerm = Distributions.logGamma(trials + 1) - Distributions.logGamma(x + 1)
                    - Distributions.logGamma(trials - x + 1) + x * Math.log(p) + (trials - x) * Math.log1p(-p);
            sum += Math.exp(logTerm);
        }
        return sum;
    }
}
