package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.perfgate.budget.Budget;
import io.perfgate.budget.BudgetParser;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.stats.FixedResults;
import io.perfgate.stats.FixedSeries;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.Statistic;
import java.io.StringReader;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdEvaluatorTest {

    private static final FixedSeries DURATION = FixedSeries.of("http_req_duration", MetricType.TREND,
            MetricContents.TIME).count(1212).with(Statistic.AVG, 16.37).with(Statistic.percentile(95), 69.27);
    private static final FixedSeries CHECKOUT = FixedSeries.of("http_req_duration{name:checkout}",
            MetricType.TREND, MetricContents.TIME).count(300).with(Statistic.percentile(95), 612);
    private static final FixedSeries FAILED = FixedSeries.of("http_req_failed", MetricType.RATE,
            MetricContents.DEFAULT).count(1212).with(Statistic.RATE, 0.05363036);
    private static final FixedSeries REQUESTS = FixedSeries.of("http_reqs", MetricType.COUNTER,
            MetricContents.DEFAULT).count(1212).with(Statistic.COUNT, 1212).with(Statistic.RATE, 119.385643);
    private static final FixedSeries BODY = FixedSeries.of("last_body_size", MetricType.GAUGE,
            MetricContents.DEFAULT).count(909).with(Statistic.VALUE, 33).with(Statistic.MIN, 32)
            .with(Statistic.MAX, 40);
    private static final RunResults RESULTS = FixedResults.of(DURATION, CHECKOUT, FAILED, REQUESTS, BODY);

    /** A budget with one list per selector; each expression stands on its own line at column 7. */
    private static Budget budget(String selector, String... expressions) {
        StringBuilder yaml = new StringBuilder("thresholds:\n  '" + selector + "':\n");
        for (String expression : expressions) {
            yaml.append("    - \"").append(expression).append("\"\n");
        }
        return BudgetParser.parse(new StringReader(yaml.toString()), "perf-budget.yaml");
    }

    private static LineResult evaluateOne(String selector, String expression) {
        List<LineResult> results = ThresholdEvaluator.evaluate(budget(selector, expression), RESULTS);
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    @Test
    void shouldFailABrokenBudget() {
        LineResult result = evaluateOne("http_req_duration{name:checkout}", "p(95)<500");

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.observed()).isEqualTo(OptionalDouble.of(612));
        assertThat(result.sentence())
                .isEqualTo("http_req_duration{name:checkout} p(95) is 612 ms, but the budget is < 500 ms");
    }

    @Test
    void shouldPassAKeptBudget() {
        LineResult result = evaluateOne("http_req_duration{name:checkout}", "p(95)<700");

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.observed()).isEqualTo(OptionalDouble.of(612));
        assertThat(result.sentence())
                .isEqualTo("http_req_duration{name:checkout} p(95) is 612 ms, within the budget of < 700 ms");
    }

    @Test
    void shouldOnlyWarnForABrokenWarnLine() {
        Budget budget = BudgetParser.parse(new StringReader("""
                thresholds:
                  http_req_duration{name:checkout}:
                    - threshold: p(95)<500
                      severity: warn
                    - threshold: p(95)<700
                      severity: warn
                """), "perf-budget.yaml");

        assertThat(ThresholdEvaluator.evaluate(budget, RESULTS))
                .extracting(LineResult::verdict, LineResult::sentence)
                .containsExactly(
                        tuple(Verdict.WARN, "http_req_duration{name:checkout} p(95) is 612 ms, but the budget is < 500 ms"),
                        tuple(Verdict.PASS,
                                "http_req_duration{name:checkout} p(95) is 612 ms, within the budget of < 700 ms"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "http_req_failed  | rate<0.01  | FAIL | http_req_failed rate is 0.05363, but the budget is < 0.01",
        "http_req_failed  | rate<10%   | PASS | http_req_failed rate is 5.363%, within the budget of < 10%",
        "http_reqs        | rate>200   | FAIL | http_reqs rate is 119.4/s, but the budget is > 200/s",
        "http_reqs        | count>=1212 | PASS | http_reqs count is 1212, within the budget of >= 1212",
        "last_body_size   | value>0    | PASS | last_body_size value is 33, within the budget of > 0",
        "last_body_size   | min!=32    | FAIL | last_body_size min is 32, but the budget is != 32",
        "http_req_duration | avg<1s    | PASS | http_req_duration avg is 0.01637 s, within the budget of < 1 s",
    })
    void shouldJudgeEveryMetricType(String selector, String expression, Verdict verdict, String sentence) {
        LineResult result = evaluateOne(selector, expression);

        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.sentence()).isEqualTo(sentence);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<   | 612 | FAIL", "<   | 613 | PASS",
        "<=  | 612 | PASS", "<=  | 611 | FAIL",
        ">   | 612 | FAIL", ">   | 611 | PASS",
        ">=  | 612 | PASS", ">=  | 613 | FAIL",
        "==  | 612 | PASS", "==  | 611 | FAIL",
        "=== | 612 | PASS", "=== | 613 | FAIL",
        "!=  | 612 | FAIL", "!=  | 611 | PASS",
    })
    void shouldApplyEveryOperator(String operator, int limit, Verdict verdict) {
        assertThat(evaluateOne("http_req_duration{name:checkout}", "p(95)" + operator + limit).verdict())
                .isEqualTo(verdict);
    }

    @Test
    void shouldCompareLimitsWithUnitsInTheBaseUnit() {
        assertThat(evaluateOne("http_req_duration{name:checkout}", "p(95)<0.612s").verdict())
                .isEqualTo(Verdict.FAIL);
        assertThat(evaluateOne("http_req_duration{name:checkout}", "p(95)<=0.612s").verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(evaluateOne("http_req_failed", "rate<5.363036%").verdict()).isEqualTo(Verdict.FAIL);
        assertThat(evaluateOne("http_req_failed", "rate<5.3631%").verdict()).isEqualTo(Verdict.PASS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // no data: k6 passes such a threshold, the gate fails closed
        "http_req_duration{name:chekout} | p(95)<500 | http_req_duration{name:chekout} p(95) could not be evaluated: no sample of http_req_duration{name:chekout} in the fixed results (perf-budget.yaml line 3, column 7)",
        // a statistic the metric type does not have
        "http_req_failed   | p(95)<500 | http_req_failed p(95) could not be evaluated: http_req_failed is a rate metric; its thresholds may use only rate (perf-budget.yaml line 3, column 7)",
        "http_req_duration | rate<0.1  | http_req_duration rate could not be evaluated: http_req_duration is a trend metric; its thresholds may use avg, min, max, med or p(N) (perf-budget.yaml line 3, column 7)",
        "http_reqs         | value>0   | http_reqs value could not be evaluated: http_reqs is a counter metric; its thresholds may use count or rate (perf-budget.yaml line 3, column 7)",
        "last_body_size    | avg>0     | last_body_size avg could not be evaluated: last_body_size is a gauge metric; its thresholds may use min, max or value (perf-budget.yaml line 3, column 7)",
        // a unit that does not fit the metric
        "http_req_failed   | rate<5ms  | http_req_failed rate could not be evaluated: the limit 5ms has a time unit, but http_req_failed holds fractions of 1 (perf-budget.yaml line 3, column 7)",
        "http_reqs         | count<1s  | http_reqs count could not be evaluated: the limit 1s has a time unit, but http_reqs holds plain numbers (perf-budget.yaml line 3, column 7)",
        "http_req_duration | p(95)<2kB | http_req_duration p(95) could not be evaluated: the limit 2kB has a data unit, but http_req_duration holds times (perf-budget.yaml line 3, column 7)",
        "last_body_size    | value<1MB | last_body_size value could not be evaluated: the limit 1MB has a data unit, but last_body_size holds plain numbers (perf-budget.yaml line 3, column 7)",
        "http_req_duration | p(95)<5%  | http_req_duration p(95) could not be evaluated: the limit 5% is a percentage, which only the rate of a rate metric can be (e.g. http_req_failed rate<1%) (perf-budget.yaml line 3, column 7)",
        "http_reqs         | rate>50%  | http_reqs rate could not be evaluated: the limit 50% is a percentage, which only the rate of a rate metric can be (e.g. http_req_failed rate<1%) (perf-budget.yaml line 3, column 7)",
        // a value the results cannot tell
        "http_req_duration | p(99)<500 | http_req_duration p(99) could not be evaluated: the fixed results hold no p(99) for http_req_duration (perf-budget.yaml line 3, column 7)",
    })
    void shouldReportAnErrorForALineThatCannotBeDecided(String selector, String expression, String sentence) {
        LineResult result = evaluateOne(selector, expression);

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.observed()).isEmpty();
        assertThat(result.sentence()).isEqualTo(sentence);
    }

    @Test
    void shouldReportAnErrorForAValueThatIsNotANumber() {
        RunResults results = FixedResults.of(FixedSeries.of("checks", MetricType.RATE, MetricContents.DEFAULT)
                .with(Statistic.RATE, Double.NaN));

        List<LineResult> evaluated = ThresholdEvaluator.evaluate(budget("checks", "rate>0.99"), results);

        assertThat(evaluated).singleElement().satisfies(result -> {
            assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(result.observed()).isEmpty();
            assertThat(result.sentence()).isEqualTo("checks rate could not be evaluated: the results hold no number "
                    + "for it (NaN) (perf-budget.yaml line 3, column 7)");
        });
    }

    @Test
    void shouldGiveOneResultPerLineInTheBudgetsOrder() {
        Budget budget = BudgetParser.parse(new StringReader("""
                thresholds:
                  http_req_failed: ["rate<0.01"]
                  http_req_duration: ["p(95)<500", "p(99)<900"]
                  http_reqs: ["rate>100"]
                """), "perf-budget.yaml");

        assertThat(ThresholdEvaluator.evaluate(budget, RESULTS))
                .extracting(result -> result.line().label(), LineResult::verdict)
                .containsExactly(
                        tuple("http_req_failed: rate<0.01", Verdict.FAIL),
                        tuple("http_req_duration: p(95)<500", Verdict.PASS),
                        tuple("http_req_duration: p(99)<900", Verdict.ERROR),
                        tuple("http_reqs: rate>100", Verdict.PASS));
    }
}
