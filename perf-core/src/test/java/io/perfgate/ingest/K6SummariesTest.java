package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.BadInputException;
import io.perfgate.stats.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** k6's own threshold verdicts, with the opposite polarities of its two summary formats. */
class K6SummariesTest {

    private static List<String> failed(Path file) {
        return K6Summaries.thresholds(file).stream().filter(outcome -> !outcome.passed())
                .map(outcome -> outcome.series() + " " + outcome.expression()).toList();
    }

    private static List<String> passed(Path file) {
        return K6Summaries.thresholds(file).stream().filter(K6ThresholdOutcome::passed)
                .map(outcome -> outcome.series() + " " + outcome.expression()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary.json", "data.json"})
    void shouldFindExactlyTheSevenThresholdsK6FailedInRunB(String file) {
        assertThat(failed(Fixtures.k6("b_fail", file))).containsExactly(
                "body_size_bytes avg<10",
                "checks rate>0.99",
                "errors_total count<5",
                "http_req_duration p(95)<20",
                "http_req_duration{name:slow} p(99)<50",
                "http_req_failed rate<0.01",
                "ok_rate rate>0.99");
        assertThat(passed(Fixtures.k6("b_fail", file))).containsExactly(
                "http_req_duration avg<1000",
                "http_req_duration{name:fast} p(95)<250",
                "last_body_size value>0",
                "login_duration max<1000",
                "login_duration p(95)<250");
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary.json", "data.json"})
    void shouldFindNoFailedThresholdInThePassingRun(String file) {
        assertThat(failed(Fixtures.k6("a_pass", file))).isEmpty();
        assertThat(passed(Fixtures.k6("a_pass", file))).containsExactly(
                "http_req_duration p(95)<500", "http_req_duration{name:fast} p(99)<250", "http_req_failed rate<0.05");
    }

    @ParameterizedTest
    @ValueSource(strings = {"summary.json", "data.json"})
    void shouldFindTheAbortingThresholdFailed(String file) {
        assertThat(failed(Fixtures.k6("d_abort", file))).containsExactly("http_req_failed rate<0.05");
        assertThat(K6Summaries.thresholds(Fixtures.k6("d_abort", file)))
                .contains(new K6ThresholdOutcome(SeriesKey.of("http_req_duration"), "p(95)<500", true));
    }

    @Test
    void shouldRefuseAFileWithoutVerdicts() {
        assertThatThrownBy(() -> K6Summaries.thresholds(Fixtures.k6("a_pass", "run.ndjson.gz")))
                .isInstanceOf(BadInputException.class).hasMessageContaining("run.ndjson.gz")
                .hasMessageContaining("is not a k6 summary: k6's threshold verdicts and test duration are in a"
                        + " --summary-export file or handleSummary data");
    }

    @Test
    void shouldRefuseAVerdictThatIsNotABoolean(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("summary.json");
        Files.writeString(file, """
                {"root_group": {},
                 "metrics": {"http_reqs": {"count": 3, "rate": 1.5, "thresholds": {"count<5": "no"}}}}
                """);
        assertThatThrownBy(() -> K6Summaries.thresholds(file)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("summary.json line 2").hasMessageContaining("is not true or false");
    }
}
