package io.perfgate.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.regression.RegressionRule;
import io.perfgate.stats.Statistic;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Expressions with whitespace before, between and after their parts, and the messages of rules. */
class ExpressionReaderTest {

    @Test
    void shouldReadEveryKindOfExpressionAfterLeadingWhitespace() {
        assertThat(ExpressionReader.read("  p(95) < 300ms").statistic()).isEqualTo(Statistic.percentile(95));
        assertThat(ExpressionReader.comparesWithBaseline("  p(95) < baseline + 10%")).isTrue();
        assertThat(ExpressionReader.comparesWithBaseline("\tp(95)<baseline")).isTrue();
        assertThat(ExpressionReader.comparesWithBaseline(" p(95) < baselines")).isFalse();
        assertThat(ExpressionReader.comparesWithBaseline(" p(95) < baseline_2")).isFalse();
        assertThat(ExpressionReader.comparesWithBaseline(" p(95) < 300")).isFalse();
        RegressionRule rule = ExpressionReader.readRegression("  p(95) < baseline + 10%");
        assertThat(rule.statistic()).isEqualTo(Statistic.percentile(95));
        assertThat(rule.expression()).isEqualTo("p(95) < baseline + 10%");
        ExpressionReader.DatabaseExpression database = ExpressionReader.readDatabase("  mean < 100ms");
        assertThat(database.statistic()).isEqualTo(DatabaseStatistic.MEAN);
        assertThat(database.operator()).isEqualTo(Operator.LESS);
        assertThat(database.limit().value()).isEqualTo(100);
    }

    @Test
    void shouldNameTheExpressionInARulesMessageOnce() {
        assertThatThrownBy(() -> ExpressionReader.readRegression("p(95) < base + 10%")).hasMessage(
                "regression limit 'base + 10%' must start with 'baseline'; write baseline, baseline + 10%, "
                        + "baseline - 5% or baseline * 1.1 in 'p(95) < base + 10%'");
        assertThatThrownBy(() -> ExpressionReader.readRegression("p(95) < baseline - 5%")).hasMessage(
                "'p(95) < baseline - 5%' demands an improvement; a regression rule with < allows a rise, e.g. "
                        + "p(95) < baseline + 10%");
    }

    @Test
    void shouldSniffJsonOnlyFromAnOpeningBraceWhenTheNameDoesNotTell() {
        String flowYaml = "{thresholds: {checks: [\"rate>0.99\"]}}";

        // The same text is YAML (unquoted keys) when named so, and JSON, which refuses it, when sniffed.
        assertThat(BudgetParser.parse(new StringReader(flowYaml), "budget.yaml").thresholdLines()).hasSize(1);
        assertThat(BudgetParser.parse(new StringReader(flowYaml), "budget.YML").thresholdLines()).hasSize(1);
        assertThatThrownBy(() -> BudgetParser.parse(new StringReader(flowYaml), "budget.txt"))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> BudgetParser.parse(new StringReader(flowYaml), "budget.JSON"))
                .isInstanceOf(RuntimeException.class);
        assertThat(BudgetParser.parse(new StringReader("\n \t" + flowYaml.replace("thresholds", "\"thresholds\"")
                .replace("checks", "\"checks\"")), "budget").thresholdLines()).hasSize(1);
        assertThat(BudgetParser.parse(new StringReader("# {not json}\nthresholds:\n  checks: [rate>0.99]\n"),
                "budget").thresholdLines()).hasSize(1);
    }

    @Test
    void shouldTellDatabaseSelectorsApartByScopeAndMatch() {
        DatabaseSelector one = DatabaseSelector.parse("db.query{match:\"from bookings\"}");
        DatabaseSelector same = DatabaseSelector.parse("db.query{match:\"from bookings\"}");
        DatabaseSelector otherMatch = DatabaseSelector.parse("db.query{match:\"from guests\"}");
        DatabaseSelector otherScope = DatabaseSelector.parse("db.each_query{match:\"from bookings\"}");

        assertThat(one).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(otherMatch).isNotEqualTo(otherScope)
                .isNotEqualTo("db.query");
        assertThat(one).hasToString(one.text());
        assertThat(one.text()).isEqualTo("db.query{match:\"from bookings\"}");
    }
}
