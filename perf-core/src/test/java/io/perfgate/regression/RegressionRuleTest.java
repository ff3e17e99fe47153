package io.perfgate.regression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.stats.Statistic;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegressionRuleTest {

    private static final Statistic P95 = Statistic.percentile(95);
    private static final RegressionSettings DEFAULTS = RegressionSettings.defaults();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "baseline          | BARE    | 0",
        "baseline + 10%    | PERCENT | 10",
        "baseline+10%      | PERCENT | 10",
        "baseline - 5%     | PERCENT | -5",
        "baseline + 2.5 %  | PERCENT | 2.5",
        "baseline * 1.1    | FACTOR  | 1.1",
        "baseline*.95      | FACTOR  | .95",
        "baseline * 2      | FACTOR  | 2",
        "baseline * 1.25   | FACTOR  | 1.25",
        "baseline + .5%    | PERCENT | .5",
    })
    void shouldReadEveryFormOfTheRightHandSide(String text, BaselineBound.Form form, BigDecimal amount) {
        BaselineBound bound = BaselineBound.parse("  " + text + " ");

        assertThat(bound.form()).isEqualTo(form);
        assertThat(bound.amount()).isEqualByComparingTo(amount);
        assertThat(bound.text()).isEqualTo(text.strip());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                     | empty regression limit",
        "base + 10%             | regression limit 'base + 10%' must start with 'baseline'",
        "baseline + 10          | the change in 'baseline + 10' needs a % sign: write baseline + 10%",
        "baseline + 50ms        | unknown unit 'ms' in 'baseline + 50ms'",
        "baseline * 1.1%        | a factor takes no %",
        "baseline * 0           | the factor in 'baseline * 0' must be above 0",
        "baseline / 2           | unexpected '/ 2' after 'baseline'",
        "baseline +             | no number after 'baseline +'",
        "baseline + 10% or so   | unknown unit '% or so'",
        "baseline * 1.1 please  | unexpected 'please' after the factor",
        "baseline * 1.          | unexpected '.' after the factor in 'baseline * 1.'",
        "baseline + 5.%         | unknown unit '.%' in 'baseline + 5.%'",
        "baseline + .%          | no number after 'baseline +'",
    })
    void shouldExplainAMalformedRightHandSide(String text, String message) {
        assertThatThrownBy(() -> BaselineBound.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void shouldTellARegressionLimitFromANumber() {
        assertThat(BaselineBound.refersToBaseline(" baseline + 10%")).isTrue();
        assertThat(BaselineBound.refersToBaseline("300ms")).isFalse();
    }

    @Test
    void shouldTakeTheDirectionFromTheOperator() {
        RegressionRule latency = RegressionRule.of(P95, "<", "baseline + 10%");
        RegressionRule throughput = RegressionRule.of(Statistic.RATE, ">=", "baseline * 0.95");

        assertThat(latency.direction()).isEqualTo(Direction.SMALLER_IS_BETTER);
        assertThat(latency.allowedRelativeChange(DEFAULTS)).isCloseTo(0.10, within(1e-12));
        assertThat(latency.expression()).isEqualTo("p(95) < baseline + 10%");
        assertThat(throughput.direction()).isEqualTo(Direction.LARGER_IS_BETTER);
        assertThat(throughput.allowedRelativeChange(DEFAULTS)).isCloseTo(-0.05, within(1e-12));
    }

    @Test
    void shouldAllowTheDefaultMinimumChangeForABareBaseline() {
        assertThat(RegressionRule.of(P95, "<=", "baseline").allowedRelativeChange(DEFAULTS)).isEqualTo(0.05);
        assertThat(RegressionRule.of(Statistic.RATE, ">", "baseline").allowedRelativeChange(DEFAULTS)).isEqualTo(-0.05);
        assertThat(RegressionRule.of(P95, "<", "baseline")
                .allowedRelativeChange(DEFAULTS.withMinimumChange(0.08))).isEqualTo(0.08);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<  | baseline - 5%   | 'p(95) < baseline - 5%' demands an improvement; a regression rule with < allows a rise, e.g. p(95) < baseline + 10%",
        ">  | baseline * 1.2  | 'p(95) > baseline * 1.2' demands an improvement; a regression rule with > allows a fall, e.g. p(95) > baseline - 10%",
        "<  | baseline + 0%   | 'p(95) < baseline + 0%' allows no change at all",
        "<= | baseline * 1    | 'p(95) <= baseline * 1' allows no change at all",
        ">  | baseline - 100% | allows a fall of 100% or more",
        "== | baseline        | a regression rule compares with <, <=, > or >=, not '=='",
        "!= | baseline + 10%  | a regression rule compares with <, <=, > or >=, not '!='",
    })
    void shouldRejectARuleThatCannotMeanARegression(String operator, String rightHandSide, String message) {
        assertThatThrownBy(() -> RegressionRule.of(P95, operator, rightHandSide))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
