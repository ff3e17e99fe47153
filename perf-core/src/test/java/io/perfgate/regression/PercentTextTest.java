package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PercentTextTest {

    @ParameterizedTest
    @CsvSource({
        "0.2391, 24%",
        "0.0364, 3.6%",
        "0.00523, 0.52%",
        "-0.12, 12%",
        "2.391, 239%",
        // Changes of 1,000 % and more keep every integer digit; a half rounds to even.
        "12.345, 1234%",
        "12.355, 1236%",
        "0, 0%",
    })
    void shouldPrintTwoSignificantDigitsAndNeverFewerIntegerDigits(double fraction, String text) {
        assertThat(PercentText.magnitude(fraction)).isEqualTo(text);
    }

    @Test
    void shouldSignChangesButNotZero() {
        assertThat(PercentText.signed(0.036)).isEqualTo("+3.6%");
        assertThat(PercentText.signed(-0.12)).isEqualTo("-12%");
        assertThat(PercentText.signed(0)).isEqualTo("0%");
        assertThat(PercentText.signed(-0.0)).isEqualTo("0%");
        assertThat(PercentText.signed(Double.POSITIVE_INFINITY)).isEqualTo("+∞%");
    }

    @Test
    void shouldSpellAllowancesAsRulesDo() {
        assertThat(PercentText.allowance(0.1)).isEqualTo("+ 10%");
        assertThat(PercentText.allowance(-0.05)).isEqualTo("- 5%");
        assertThat(PercentText.pointsAllowance(0.005)).isEqualTo("+ 0.5 percentage points");
        assertThat(PercentText.pointsAllowance(-0.01)).isEqualTo("- 1 percentage point");
        assertThat(PercentText.points(0.015)).isEqualTo("1.5 percentage points");
        assertThat(PercentText.points(-0.01)).isEqualTo("1 percentage point");
    }

    @Test
    void shouldPrintConfidencesAndProbabilities() {
        assertThat(PercentText.confidence(0.8)).isEqualTo("80%");
        assertThat(PercentText.confidence(0.995)).isEqualTo("99.5%");
        assertThat(PercentText.confidence(0.99)).isEqualTo("99%");
        assertThat(PercentText.confidence(0.99995)).isEqualTo("100%");
        assertThat(PercentText.probability(0.00312)).isEqualTo("0.0031");
        assertThat(PercentText.probability(0.21)).isEqualTo("0.21");
        assertThat(PercentText.probability(1)).isEqualTo("1");
        assertThat(PercentText.probability(0)).isEqualTo("0");
    }
}
