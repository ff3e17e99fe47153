package io.perfgate.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.BadInputException;
import io.perfgate.regression.BaselineBound;
import io.perfgate.regression.Direction;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.StringReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Regression rules and database lines beside k6 thresholds in one thresholds map. */
class BudgetLineKindsTest {

    private static Budget parse(String text) {
        return BudgetParser.parse(new StringReader(text), "perf-budget.yaml");
    }

    @Test
    void shouldReadAllThreeKindsInTheOrderWritten() {
        Budget budget = parse("""
                thresholds:
                  http_req_duration{name:checkout}: ["p(95)<300ms", "p(95) < baseline + 10%"]
                  db.query{match:"select .* from bookings"}: ["mean<100ms", "calls_per_request<=3"]
                  http_reqs: ["rate > baseline - 5%"]
                  db.each_query:
                    - threshold: "mean<50"
                      severity: warn
                """);

        assertThat(budget.lines()).extracting(line -> line.getClass().getSimpleName(), BudgetLine::label)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ThresholdLine", "http_req_duration{name:checkout}: p(95)<300ms"),
                        org.assertj.core.groups.Tuple.tuple("RegressionLine",
                                "http_req_duration{name:checkout}: p(95) < baseline + 10%"),
                        org.assertj.core.groups.Tuple.tuple("DatabaseLine", "db.query{match:\"select .* from bookings\"}: mean<100ms"),
                        org.assertj.core.groups.Tuple.tuple("DatabaseLine",
                                "db.query{match:\"select .* from bookings\"}: calls_per_request<=3"),
                        org.assertj.core.groups.Tuple.tuple("RegressionLine", "http_reqs: rate > baseline - 5%"),
                        org.assertj.core.groups.Tuple.tuple("DatabaseLine", "db.each_query: mean<50"));
        RegressionLine rule = budget.regressionLines().get(0);
        assertThat(rule.series()).isEqualTo(SeriesKey.of("http_req_duration", "name", "checkout"));
        assertThat(rule.rule().statistic()).isEqualTo(Statistic.percentile(95));
        assertThat(rule.rule().direction()).isEqualTo(Direction.SMALLER_IS_BETTER);
        assertThat(rule.rule().bound().form()).isEqualTo(BaselineBound.Form.PERCENT);
        assertThat(rule.location().line()).isEqualTo(2);
        assertThat(budget.regressionLines().get(1).rule().direction()).isEqualTo(Direction.LARGER_IS_BETTER);

        DatabaseLine mean = budget.databaseLines().get(0);
        assertThat(mean.selector().scope()).isEqualTo(DatabaseSelector.Scope.TOGETHER);
        assertThat(mean.selector().match()).contains("select .* from bookings");
        assertThat(mean.statistic()).isEqualTo(DatabaseStatistic.MEAN);
        assertThat(mean.limit().value()).isEqualTo(100);
        assertThat(budget.databaseLines().get(1).statistic()).isEqualTo(DatabaseStatistic.CALLS_PER_REQUEST);
        assertThat(budget.databaseLines().get(1).operator()).isEqualTo(Operator.LESS_OR_EQUAL);
        DatabaseLine each = budget.databaseLines().get(2);
        assertThat(each.selector().scope()).isEqualTo(DatabaseSelector.Scope.EACH);
        assertThat(each.selector().match()).isEmpty();
        assertThat(each.severity()).isEqualTo(Severity.WARN);
        assertThat(each.limit().value()).as("a bare number is milliseconds").isEqualTo(50);

        assertThat(budget.series()).as("regression series are ingested too")
                .contains(SeriesKey.of("http_reqs"), SeriesKey.of("http_req_duration", "name", "checkout"));
    }

    @Test
    void shouldAcceptABudgetOfRegressionRulesOnly() {
        Budget budget = parse("thresholds: {http_req_duration: [\"p(95) < baseline\"]}");

        assertThat(budget.regressionLines()).singleElement()
                .satisfies(line -> assertThat(line.rule().bound().form()).isEqualTo(BaselineBound.Form.BARE));
    }

    @Test
    void shouldSelectStatementsByTheirTextIgnoringCase() {
        DatabaseSelector selector = DatabaseSelector.parse("db.query{match:\"FROM bookings WHERE\"}");

        assertThat(selector.selects("select id, name from bookings where id = $1")).isTrue();
        assertThat(selector.selects("select id from rooms")).isFalse();
        assertThat(DatabaseSelector.parse("db.each_query").selects("anything")).isTrue();
        assertThat(DatabaseSelector.parse("db.query{match: \"a, b [{]c[}]\"}").match()).contains("a, b [{]c[}]");
        assertThat(DatabaseSelector.parse("db.query{match:\"say \\\"hi\\\"\"}").match()).contains("say \"hi\"");
        assertThat(DatabaseSelector.parse("db.query{match:\"x\\\"y\"}"))
                .isEqualTo(DatabaseSelector.parse(DatabaseSelector.parse("db.query{match:\"x\\\"y\"}").text()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            'thresholds: {http_req_duration: ["p(95) == baseline"]}'          | 1:34 | a regression rule compares with <, <=, > or >=, not '=='
            'thresholds: {http_req_duration: ["p(95) < baseline - 10%"]}'     | 1:34 | demands an improvement
            'thresholds: {http_req_duration: ["p(95) < baseline + ten"]}'     | 1:34 | no number after 'baseline +'
            'thresholds: {http_req_duration: ["p95 < baseline + 10%"]}'       | 1:34 | did you mean p(95)?
            'thresholds: {db.queries: ["mean<10ms"]}'                        | 1:14 | unknown database selector 'db.queries'
            'thresholds: {"db.query{name:x}": ["mean<10ms"]}'                | 1:14 | must be {match:"regex"}
            'thresholds: {"db.query{match:\\"(unclosed\\"}": ["mean<10ms"]}' | 1:14 | is not a regular expression
            'thresholds: {db.query: ["p(95)<10ms"]}'                         | 1:25 | unknown database statistic 'p(95)' in 'p(95)<10ms'; allowed: mean, total, calls
            'thresholds: {db.query: ["calls_per_request<3ms"]}'              | 1:25 | calls_per_request is a plain number
            'thresholds: {db.query: ["mean<3%"]}'                            | 1:25 | must be a time
            'thresholds: {db.query: ["mean < baseline"]}'                    | 1:25 | database lines compare with a number, not the baseline
            'thresholds: {db.query: ["mean<1"], "db.query{match:\\"x\\"}": ["calls<1"], db.query: ["calls<2"]}' | 1:74 | 'db.query' appears twice (first at line 1, column 14)
            """)
    void shouldNameFileLineAndColumnOfAWrongLine(String text, String location, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("perf-budget.yaml line " + location.replace(":", ", column ") + ": ")
                .hasMessageContaining(message);
    }
}
