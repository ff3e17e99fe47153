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
