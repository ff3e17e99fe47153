package io.perfgate.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BudgetParserTest {

    private static final String FILE = "perf-budget.yaml";

    private static Budget parse(String text) {
        return BudgetParser.parse(new StringReader(text), FILE);
    }

    static Path resource(String name) {
        try {
            return Path.of(BudgetParserTest.class.getResource("/budgets/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldReadEveryLineOfTheExampleWithItsLocation() {
        Budget budget = BudgetParser.parse(resource("example.yaml"));

        assertThat(budget.file()).isEqualTo(resource("example.yaml").toString());
        assertThat(budget.thresholdLines())
                .extracting(ThresholdLine::label, ThresholdLine::severity, ThresholdLine::description,
                        line -> line.location().line(), line -> line.location().column())
                .containsExactly(
                        tuple("http_req_duration: p(95)<500", Severity.FAIL, "", 2L, 23),
                        tuple("http_req_duration: p(99)<1.5s", Severity.FAIL, "", 2L, 36),
                        tuple("http_req_duration{name:checkout}: p(95)<300ms", Severity.FAIL, "", 4L, 7),
                        tuple("http_req_duration{name:checkout}: p(99) < 800", Severity.WARN,
                                "Checkout tail latency (SLO-12)", 5L, 18),
                        tuple("http_req_failed: rate<0.01", Severity.FAIL, "", 8L, 21),
                        tuple("http_reqs: rate>100", Severity.FAIL, "", 9L, 15),
                        tuple("checks: rate>0.99", Severity.FAIL, "", 10L, 12),
                        tuple("http_req_duration{group:::api}: med<100", Severity.FAIL, "", 11L, 38));
        assertThat(budget.thresholdLines().get(3).series()).isEqualTo(SeriesKey.of("http_req_duration", "name", "checkout"));
        assertThat(budget.thresholdLines().get(3).threshold().statistic()).isEqualTo(Statistic.percentile(99));
        assertThat(budget.thresholdLines().get(7).series()).isEqualTo(SeriesKey.of("http_req_duration", "group", "::api"));
    }

    @Test
    void shouldReadTheSameBudgetFromJson() {
        Budget yaml = BudgetParser.parse(resource("example.yaml"));
        Budget json = BudgetParser.parse(resource("example.json"));

        assertThat(json.thresholdLines())
                .extracting(ThresholdLine::series, ThresholdLine::threshold, ThresholdLine::severity, ThresholdLine::description)
                .containsExactlyElementsOf(yaml.thresholdLines().stream()
                        .map(line -> tuple(line.series(), line.threshold(), line.severity(), line.description()))
                        .toList());
        assertThat(json.thresholdLines().get(3).location())
                .isEqualTo(new SourceLocation(resource("example.json").toString(), 7, 21));
    }

    @Test
    void shouldSniffJsonAndYamlWhenTheNameDoesNotTell() {
        Budget json = BudgetParser.parse(new StringReader("\n  {\"thresholds\": {\"checks\": [\"rate>0.99\"]}}"),
                "budget.txt");
        Budget yaml = BudgetParser.parse(new StringReader("thresholds:\n  checks: [rate>0.99]\n"), "budget");

        assertThat(json.thresholdLines()).extracting(ThresholdLine::label).containsExactly("checks: rate>0.99");
        assertThat(yaml.thresholdLines()).extracting(ThresholdLine::label).containsExactly("checks: rate>0.99");
    }

    @Test
    void shouldReadJsonWrittenIntoAYamlFile() {
        Budget budget = parse("{\"thresholds\": {\"checks\": [\"rate>0.99\"]}}");

        assertThat(budget.thresholdLines()).extracting(ThresholdLine::label).containsExactly("checks: rate>0.99");
    }

    @Test
    void shouldRefuseYamlAliasesWhoseLinesWouldPointElsewhere() {
        assertThatThrownBy(() -> parse("""
                thresholds:
                  http_req_duration: &limits ["p(95)<500"]
                  http_reqs: *limits
                """))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("perf-budget.yaml line 2")
                .hasMessageContaining("YAML anchors and aliases (&name, *name) are not read in a budget");
    }

    @Test
    void shouldSkipAByteOrderMark() {
        Budget budget = parse("\uFEFFthresholds:\n  checks: [rate>0.99]\n");

        assertThat(budget.thresholdLines()).extracting(ThresholdLine::label).containsExactly("checks: rate>0.99");
    }

    @Test
    void shouldAcceptVersionOne() {
        Budget budget = parse("version: 1\nthresholds:\n  checks: [rate>0.99]\n");

        assertThat(budget.thresholdLines()).hasSize(1);
    }

    @Test
    void shouldAcceptK6AbortOptionsAndIgnoreThem() {
        Budget budget = parse("""
                thresholds:
                  http_req_failed:
                    - threshold: rate<0.05
                      abortOnFail: true
                      delayAbortEval: 10s
                """);

        assertThat(budget.thresholdLines()).singleElement().satisfies(line -> {
            assertThat(line.label()).isEqualTo("http_req_failed: rate<0.05");
            assertThat(line.severity()).isEqualTo(Severity.FAIL);
            assertThat(line.location()).isEqualTo(new SourceLocation(FILE, 3, 18));
        });
    }

    @Test
    void shouldListTheSeriesTheBudgetAsksAbout() {
        Budget budget = BudgetParser.parse(resource("example.yaml"));

        assertThat(budget.series()).containsExactly(
                SeriesKey.parse("checks"), SeriesKey.parse("http_req_duration"),
                SeriesKey.parse("http_req_duration{group:::api}"),
                SeriesKey.parse("http_req_duration{name:checkout}"),
                SeriesKey.parse("http_req_failed"), SeriesKey.parse("http_reqs"));
    }

    static Stream<Arguments> malformedBudgets() {
        return Stream.of(
                Arguments.of("", "perf-budget.yaml: the file is empty; a budget must check at least one threshold, "
                        + "e.g. thresholds: {http_req_duration: [\"p(95)<300\"]}"),
                Arguments.of("# only a comment\n", "perf-budget.yaml: the file is empty; a budget must check at "
                        + "least one threshold, e.g. thresholds: {http_req_duration: [\"p(95)<300\"]}"),
                Arguments.of("- checks\n", "perf-budget.yaml line 1, column 1: a budget must be a map with a "
                        + "'thresholds' key, not a list"),
                Arguments.of("version: 1\n", "perf-budget.yaml: has no 'thresholds' map; a budget must check at "
                        + "least one threshold"),
                Arguments.of("version: 1\nthreshold:\n  checks: [rate>0.99]\n", "perf-budget.yaml line 2, column 1: "
                        + "unknown key 'threshold' at the top level; allowed: version, thresholds"),
                Arguments.of("version: 2\nthresholds:\n  checks: [rate>0.99]\n", "perf-budget.yaml line 1, column 10: "
                        + "version must be 1, not '2'"),
                Arguments.of("version: [1]\nthresholds:\n  checks: [rate>0.99]\n", "perf-budget.yaml line 1, column 10: "
                        + "version must be 1, not a list"),
                Arguments.of("thresholds:\n", "perf-budget.yaml line 1, column 12: 'thresholds' is empty; a budget "
                        + "must check at least one threshold"),
                Arguments.of("thresholds: {}\n", "perf-budget.yaml line 1, column 13: 'thresholds' is empty; a "
                        + "budget must check at least one threshold"),
                Arguments.of("thresholds: [\"p(95)<300\"]\n", "perf-budget.yaml line 1, column 13: 'thresholds' must "
                        + "be a map from metric to a list of expressions, as k6's options.thresholds, not a list"),
                Arguments.of("thresholds:\n  checks: [rate>0.99]\nthresholds:\n  checks: [rate>0.9]\n",
                        "perf-budget.yaml line 3, column 1: 'thresholds' appears twice (first at line 1, column 1)"),
                Arguments.of("thresholds:\n  http_req_duration{name:checkout: [\"p(95)<300\"]\n",
                        "perf-budget.yaml line 2, column 3: invalid metric selector: tag filter of "
                                + "'http_req_duration{name:checkout' has no closing '}'"),
                Arguments.of("thresholds:\n  http_req_duration: \"p(95)<500\"\n", "perf-budget.yaml line 2, column 22: "
                        + "'http_req_duration' must be a list of expressions, e.g. [\"p(95)<500\"]"),
                Arguments.of("thresholds:\n  http_req_duration: 500\n", "perf-budget.yaml line 2, column 22: "
                        + "'http_req_duration' must be a list of expressions, e.g. [\"p(95)<300\"]"),
                Arguments.of("thresholds:\n  http_req_duration: []\n", "perf-budget.yaml line 2, column 22: "
                        + "'http_req_duration' has no expressions; an empty list checks nothing"),
                Arguments.of("thresholds:\n  http_req_duration: [300]\n", "perf-budget.yaml line 2, column 23: "
                        + "each threshold of 'http_req_duration' must be an expression such as \"p(95)<300\" or an "
                        + "object with a 'threshold' key, not a number"),
                Arguments.of("thresholds:\n  http_req_duration: [[\"p(95)<300\"]]\n", "perf-budget.yaml line 2, "
                        + "column 23: each threshold of 'http_req_duration' must be an expression such as "
                        + "\"p(95)<300\" or an object with a 'threshold' key, not a list"),
                Arguments.of("""
                        thresholds:
                          http_req_duration: ["p(95)<500"]
                          checks: ["rate>0.99"]
                          http_req_duration: ["p(99)<900"]
                        """, "perf-budget.yaml line 4, column 3: 'http_req_duration' appears twice (first at line 2, "
                        + "column 3); put all its expressions in one list"),
                Arguments.of("""
                        thresholds:
                          http_req_duration{name:checkout}: ["p(95)<500"]
                          'http_req_duration{ name: "checkout" }': ["p(99)<900"]
                        """, "perf-budget.yaml line 3, column 3: 'http_req_duration{ name: \"checkout\" }' is the same "
                        + "series as 'http_req_duration{name:checkout}' at line 2, column 3; put all its expressions "
                        + "in one list"),
                Arguments.of("""
                        thresholds:
                          http_req_duration:
                            - threshold: p(95)<500
                              abortOnFial: true
                        """, "perf-budget.yaml line 4, column 7: unknown key 'abortOnFial' in a threshold; allowed: "
                        + "threshold, severity, description, abortOnFail, delayAbortEval"),
                Arguments.of("""
                        thresholds:
                          http_req_duration:
                            - severity: warn
                              description: no expression
                        """, "perf-budget.yaml line 3, column 7: this threshold has no 'threshold' key, e.g. "
                        + "threshold: \"p(95)<300\""),
                Arguments.of("""
                        thresholds:
                          http_req_duration:
                            - threshold: p(95)<500
                              threshold: p(95)<600
                        """, "perf-budget.yaml line 4, column 7: 'threshold' appears twice in this threshold (first "
                        + "at line 3, column 7)"),
                Arguments.of("""
                        thresholds:
                          http_req_duration:
                            - threshold: 500
                        """, "perf-budget.yaml line 3, column 18: 'threshold' must be text such as \"p(95)<300\", "
                        + "not a number"),
                Arguments.of("""
                        thresholds:
                          http_req_duration:
                            - threshold: p(95)<500
                              severity: error
                        """, "perf-budget.yaml line 4, column 17: 'severity' must be fail or warn, not 'error'"),
                Arguments.of("""
                        thresholds:
                          http_req_duration:
                            - threshold: p(95)<500
                              severity: [warn]
                        """, "perf-budget.yaml line 4, column 17: 'severity' must be fail or warn, not a list"),
                Arguments.of("""
                        thresholds:
                          http_req_duration:
                            - threshold: p(95)<500
                              description: {text: slow}
                        """, "perf-budget.yaml line 4, column 20: 'description' must be text, not a map"),
                Arguments.of("""
                        thresholds:
                          http_req_duration:
                            - threshold: p(95)<500
                              abortOnFail: "yes"
                        """, "perf-budget.yaml line 4, column 20: 'abortOnFail' must be true or false, not text"),
                Arguments.of("""
                        thresholds:
                          http_req_duration:
                            - threshold: p(95)<500
                              delayAbortEval: 10
                        """, "perf-budget.yaml line 4, column 23: 'delayAbortEval' must be text such as \"10s\", "
                        + "not a number"),
                Arguments.of("""
                        thresholds:
                          http_req_duration:
                            - "p(95)<300"
                            - p95<300
                        """, "perf-budget.yaml line 4, column 7: unknown aggregation 'p95' in 'p95<300'; allowed: "
                        + "avg, min, max, med, p(N), count, rate, value (did you mean p(95)?)"),
                Arguments.of("""
                        thresholds:
                          http_req_duration:
                            - threshold: "p(99) < 1.5sec"
                        """, "perf-budget.yaml line 3, column 18: unknown unit 'sec' in 'p(99) < 1.5sec'; allowed: "
                        + "ns, us, µs, ms, s, m, h (time), % (rates), B, kB, MB, GB (data)"),
                Arguments.of("thresholds:\n  checks: [rate>0.99\n  http_reqs: [rate>1]\n", "perf-budget.yaml line 3, "
                        + "column 12: malformed YAML: expected ',' or ']', but got : (while parsing a flow sequence)"),
                Arguments.of("thresholds:\n  checks: [\"rate>0.99]\n", "perf-budget.yaml line 3, column 1: malformed "
                        + "YAML: found unexpected end of stream (while scanning a quoted scalar)"),
                Arguments.of("thresholds:\n\tchecks: [rate>0.99]\n", "perf-budget.yaml line 2, column 1: malformed "
                        + "YAML: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for "
                        + "indentation) (while scanning for the next token)"),
                Arguments.of("thresholds:\n  checks: [rate>0.99]\n---\nthresholds:\n  checks: [rate>0.9]\n",
                        "perf-budget.yaml line 4, column 1: the file holds more than one document; a budget is a "
                                + "single map"));
    }

    @ParameterizedTest
    @MethodSource("malformedBudgets")
    void shouldNameFileLineAndColumnOfWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(BadInputException.class)
                .hasMessage(message);
    }

    @Test
    void shouldPointAtTheBrokenExpressionInJson() {
        String json = """
                {
                  "thresholds": {
                    "http_req_duration": ["p(95)<500", "avgg<1"]
                  }
                }
                """;

        assertThatThrownBy(() -> BudgetParser.parse(new StringReader(json), "perf-budget.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("perf-budget.json line 3, column 40: unknown aggregation 'avgg' in 'avgg<1'; allowed: "
                        + "avg, min, max, med, p(N), count, rate, value")
                .extracting(e -> ((BadInputException) e).location())
                .isEqualTo(new SourceLocation("perf-budget.json", 3, 40));
    }

    @Test
    void shouldReportMalformedJsonAtJacksonsLocation() {
        String json = "{\"thresholds\": {\"checks\": [\"rate>0.99\",]}}";

        assertThatThrownBy(() -> BudgetParser.parse(new StringReader(json), "perf-budget.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("perf-budget.json line 1, column 40: malformed JSON: Unexpected character ']': "
                        + "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')");
    }

    @Test
    void shouldFindDuplicateKeysInJson() {
        String json = "{\"thresholds\": {\n  \"checks\": [\"rate>0.99\"],\n  \"checks\": [\"rate>0.9\"]}}";

        assertThatThrownBy(() -> BudgetParser.parse(new StringReader(json), "perf-budget.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("perf-budget.json line 3, column 3: 'checks' appears twice (first at line 2, column 3); "
                        + "put all its expressions in one list");
    }

    @Test
    void shouldNameAFileThatCannotBeRead(@TempDir Path directory) {
        Path missing = directory.resolve("perf-budget.yaml");

        assertThatThrownBy(() -> BudgetParser.parse(missing))
                .isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": does not exist");
    }

    @Test
    void shouldNameAFileThatIsNotUtf8(@TempDir Path directory) throws Exception {
        Path latin1 = directory.resolve("perf-budget.yaml");
        Files.write(latin1, "thresholds:\n  caf\u00e9: [rate>0.99]\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> BudgetParser.parse(latin1))
                .isInstanceOf(BadInputException.class)
                .hasMessage(latin1 + ": is not UTF-8 text");
    }

    @Test
    void shouldKeepTheLinesInTheOrderWritten() {
        Budget budget = parse("""
                thresholds:
                  z_metric: ["value>0", "value<9"]
                  a_metric: ["count<5"]
                """);

        assertThat(budget.thresholdLines()).extracting(ThresholdLine::label)
                .isEqualTo(List.of("z_metric: value>0", "z_metric: value<9", "a_metric: count<5"));
    }
}
