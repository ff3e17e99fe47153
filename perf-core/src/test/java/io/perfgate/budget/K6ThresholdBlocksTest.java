package io.perfgate.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code thresholds} blocks of the recorded k6 scripts, pasted into budget files, read as the
 * same thresholds k6 itself reported for those runs ({@code data.json}, the handleSummary data).
 */
class K6ThresholdBlocksTest {

    static Stream<String> runs() throws IOException, URISyntaxException {
        Path fixtures = Path.of(K6ThresholdBlocksTest.class.getResource("/fixtures/k6").toURI());
        try (Stream<Path> folders = Files.list(fixtures)) {
            return folders.filter(folder -> Files.exists(folder.resolve("script.js")))
                    .map(folder -> folder.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("runs")
    void shouldReadEveryThresholdK6ReportedForTheRun(String run) throws Exception {
        Budget budget = BudgetParser.parse(BudgetParserTest.resource("k6/" + run + ".yaml"));

        assertThat(budget.thresholdLines())
                .extracting(line -> line.series() + " " + line.threshold().expression())
                .containsExactlyInAnyOrderElementsOf(k6Thresholds(run));
        assertThat(budget.thresholdLines()).allSatisfy(line -> assertThat(line.severity()).isEqualTo(Severity.FAIL));
    }

    /** {@code selector expression} for each threshold in the run's handleSummary data. */
    private static List<String> k6Thresholds(String run) throws IOException, URISyntaxException {
        Path data = Path.of(K6ThresholdBlocksTest.class.getResource("/fixtures/k6/" + run + "/data.json").toURI());
        JsonNode metrics = new ObjectMapper().readTree(data.toFile()).get("metrics");
        List<String> thresholds = new ArrayList<>();
        for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
            JsonNode written = metric.getValue().get("thresholds");
            if (written != null) {
                String selector = SeriesKey.parse(metric.getKey()).toString();
                written.fieldNames().forEachRemaining(expression -> thresholds.add(selector + " " + expression));
            }
        }
        assertThat(thresholds).as("thresholds in " + data).isNotEmpty();
        return thresholds;
    }
}
