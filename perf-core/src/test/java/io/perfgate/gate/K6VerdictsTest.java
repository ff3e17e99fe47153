package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.budget.Budget;
import io.perfgate.budget.BudgetParser;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.stats.FixedResults;
import io.perfgate.stats.FixedSeries;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Evaluates the pasted k6 thresholds of each recorded run against the values k6 reported for it
 * ({@code data.json}) and expects k6's own verdicts; where k6 did not report the statistic (p(99)
 * is not among its default summary statistics) the line is an error instead of a guess.
 */
class K6VerdictsTest {

    @ParameterizedTest
    @ValueSource(strings = {"a_pass", "b_fail", "d_abort"})
    void shouldReachK6sVerdictWhereverTheStatisticIsKnown(String run) throws Exception {
        JsonNode metrics = new ObjectMapper().readTree(fixture(run + "/data.json").toFile()).get("metrics");
        Budget budget = BudgetParser.parse(Path.of(getClass().getResource("/budgets/k6/" + run + ".yaml").toURI()));

        List<LineResult> results = ThresholdEvaluator.evaluate(budget, valuesOf(metrics));

        assertThat(results).hasSameSizeAs(budget.thresholdLines()).allSatisfy(result -> {
            ThresholdLine line = (ThresholdLine) result.line();
            JsonNode metric = metrics.get(line.series().toString());
            boolean known = metric.get("values").has(line.threshold().statistic().toString());
            boolean k6Passed = metric.get("thresholds").get(line.threshold().expression()).get("ok")
                    .asBoolean();
            Verdict expected = !known ? Verdict.ERROR : k6Passed ? Verdict.PASS : Verdict.FAIL;
            assertThat(result.verdict()).as(result.sentence()).isEqualTo(expected);
        });
    }

    /** The values of the handleSummary data as results; {@code rate} of a Rate is its fraction. */
    private static FixedResults valuesOf(JsonNode metrics) {
        List<SeriesStatistics> series = new ArrayList<>();
        for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
            JsonNode node = metric.getValue();
            FixedSeries fixed = FixedSeries.of(metric.getKey(), MetricType.fromK6Name(node.get("type").asText()),
                    MetricContents.fromK6Name(node.get("contains").asText()));
            for (Map.Entry<String, JsonNode> value : node.get("values").properties()) {
                if (!value.getKey().equals("passes") && !value.getKey().equals("fails")) {
                    Statistic statistic = Threshold.parse(value.getKey() + "<0").statistic();
                    fixed = fixed.with(statistic, value.getValue().asDouble());
                }
            }
            series.add(fixed);
        }
        return new FixedResults(10, series, List.of());
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(K6VerdictsTest.class.getResource("/fixtures/k6/" + name).toURI());
    }
}
