package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.K6Summaries;
import io.perfgate.ingest.K6ThresholdOutcome;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each recorded k6 script's own thresholds, pasted into a budget file and evaluated over the run's
 * NDJSON by the whole gate, fail exactly where k6 said they failed (its stderr and summary export).
 */
class K6VerdictReproductionTest {

    @TempDir
    Path reports;

    @ParameterizedTest
    @ValueSource(strings = {"a_pass", "b_fail", "d_abort"})
    void shouldFailExactlyTheThresholdsK6Failed(String run) throws IOException {
        Path budget = resource("budgets/k6/" + run + ".yaml");
        Path ndjson = resource("fixtures/k6/" + run + "/run.ndjson.gz");
        CheckRequest request = new CheckRequest(budget, reports.resolve("none"), List.of(ndjson), reports, true);

        GateOutcome outcome = PerfGate.check(request, new Diagnostics());

        List<String> failedByUs = outcome.report().lines().stream()
                .filter(line -> line.verdict() == Verdict.FAIL)
                .map(line -> line.line().label()).sorted().toList();
        List<String> failedByK6 = K6Summaries.thresholds(resource("fixtures/k6/" + run + "/summary.json")).stream()
                .filter(threshold -> !threshold.passed())
                .map(threshold -> threshold.series() + ": " + threshold.expression()).sorted().toList();
        assertThat(failedByUs).isEqualTo(failedByK6);
        assertThat(outcome.report().lines()).extracting(LineResult::verdict)
                .isSubsetOf(Verdict.PASS, Verdict.FAIL);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_pass", "b_fail", "d_abort"})
    void shouldAgreeWithTheFailuresK6NamedOnStderr(String run) throws IOException {
        String stderr = Files.readString(resource("fixtures/k6/" + run + "/stderr.txt"));
        List<K6ThresholdOutcome> outcomes = K6Summaries.thresholds(resource("fixtures/k6/" + run + "/summary.json"));

        String failedMetrics = outcomes.stream().filter(outcome -> !outcome.passed())
                .map(outcome -> outcome.series().toString()).distinct().sorted()
                .collect(Collectors.joining(", "));

        if (failedMetrics.isEmpty()) {
            assertThat(stderr).doesNotContain("crossed");
        } else {
            // "have been crossed" at the end of a run, "were crossed; ... abortOnFail" when one stopped it
            assertThat(stderr).contains("thresholds on metrics '" + failedMetrics + "' ").contains(" crossed");
        }
    }

    private static Path resource(String relative) {
        try {
            return Path.of(K6VerdictReproductionTest.class.getResource("/" + relative).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
