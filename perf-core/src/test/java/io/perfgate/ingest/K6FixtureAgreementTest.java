package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NDJSON of each real k6 run, read by perfgate, against k6's own numbers in the same run's
 * summary.json (the oracle): every statistic of every metric and submetric k6 exported.
 */
class K6FixtureAgreementTest {

    static final List<String> RUNS = List.of("a_pass", "b_fail", "d_abort");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, RunResults> READ = new ConcurrentHashMap<>();
    private static final Map<String, String> WORST = new ConcurrentHashMap<>();
    private static double worstRelativeError;

    static Stream<Arguments> exportedStatistics() {
        List<Arguments> cases = new ArrayList<>();
        for (String run : RUNS) {
            JsonNode metrics = summary(run).get("metrics");
            for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
                for (Map.Entry<String, JsonNode> stat : metric.getValue().properties()) {
                    if (!stat.getKey().equals("thresholds")) {
                        cases.add(Arguments.of(run, metric.getKey(), stat.getKey(), stat.getValue().asDouble()));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} = {3}")
    @MethodSource("exportedStatistics")
    void shouldAgreeWithK6sOwnSummary(String run, String selector, String k6Statistic, double k6Value) {
        SeriesKey key = SeriesKey.parse(selector);
        SeriesStatistics series = results(run).series(key).orElseThrow(
                () -> new AssertionError(results(run).missingReason(key)));
        switch (series.type()) {
            case TREND -> {
                Statistic statistic = K6SummaryReader.statistic(k6Statistic);
                double ours = series.value(statistic).orElseThrow();
                double error = relativeError(ours, k6Value);
                record(run + " " + selector + " " + k6Statistic, ours, k6Value, error);
                assertThat(error).as("%s %s: ours %s, k6 %s", selector, k6Statistic, ours, k6Value)
                        .isLessThanOrEqualTo(0.01);
                if (k6Statistic.equals("min") || k6Statistic.equals("max")) {
                    assertThat(ours).isEqualTo(k6Value);
                }
                if (k6Statistic.equals("avg")) {
                    assertThat(ours).isCloseTo(k6Value, within(Math.abs(k6Value) * 1e-9));
                }
            }
            case RATE -> {
                long samples = series.sampleCount();
                double rate = series.value(Statistic.RATE).orElseThrow();
                long nonZero = Math.round(rate * samples);
                switch (k6Statistic) {
                    case "value" -> assertThat(rate).isCloseTo(k6Value, within(1e-12));
                    case "passes" -> assertThat(nonZero).isEqualTo((long) k6Value);
                    case "fails" -> assertThat(samples - nonZero).isEqualTo((long) k6Value);
                    default -> throw new AssertionError("unexpected rate statistic " + k6Statistic);
                }
            }
            case COUNTER -> {
                if (k6Statistic.equals("count")) {
                    assertThat(series.value(Statistic.COUNT).orElseThrow()).isEqualTo(k6Value);
                } else {
                    // k6 divides by its own test run duration; perfgate by the span of the points.
                    double ours = series.value(Statistic.RATE).orElseThrow();
                    double error = relativeError(ours, k6Value);
                    recordCounterRate(run + " " + selector + ": ours " + ours + "/s, k6 " + k6Value + "/s", error);
                    assertThat(error).as("%s rate", selector).isLessThanOrEqualTo(0.02);
                }
            }
            case GAUGE -> assertThat(series.value(K6SummaryReader.statistic(k6Statistic)).orElseThrow())
                    .as("%s %s", selector, k6Statistic).isEqualTo(k6Value);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_pass", "b_fail", "d_abort"})
    void shouldReadEveryMetricThatK6Exported(String run) {
        Set<String> exported = new TreeSet<>();
        summary(run).get("metrics").fieldNames().forEachRemaining(name -> {
            if (!name.contains("{")) {
                exported.add(name);
            }
        });
        Set<String> read = new TreeSet<>();
        results(run).summarySeries().stream().filter(series -> !series.key().isFiltered())
                .forEach(series -> read.add(series.key().metric()));
        assertThat(read).isEqualTo(exported);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a_pass", "b_fail", "d_abort"})
    void shouldMeasureRunDurationCloseToK6s(String run) throws IOException {
        double k6Seconds = JSON.readTree(Fixtures.k6(run, "data.json").toFile())
                .get("state").get("testRunDurationMs").asDouble() / 1000;
        double ours = results(run).durationSeconds();
        WORST.put("duration " + run, "ours " + ours + " s, k6 " + k6Seconds + " s, relative "
                + relativeError(ours, k6Seconds));
        // The points span from the first request's end to the last metric flush; k6 counts from its start.
        assertThat(ours).isLessThanOrEqualTo(k6Seconds).isGreaterThan(k6Seconds * 0.95);
        assertThat(results(run).series(SeriesKey.of("http_reqs")).orElseThrow().type()).isEqualTo(MetricType.COUNTER);
    }

    @AfterAll
    static void report() {
        System.out.println("k6 agreement: worst relative error of a trend statistic = " + worstRelativeError + " ("
                + WORST.get("trend") + ")");
        WORST.forEach((what, detail) -> System.out.println("k6 agreement: " + what + ": " + detail));
    }

    private static double worstCounterRateError;

    private static synchronized void recordCounterRate(String what, double error) {
        if (error >= worstCounterRateError) {
            worstCounterRateError = error;
            WORST.put("counter rate", "relative error " + error + " (" + what + ")");
        }
    }

    private static synchronized void record(String what, double ours, double k6, double error) {
        if (error >= worstRelativeError) {
            worstRelativeError = error;
            WORST.put("trend", what + ": ours " + ours + ", k6 " + k6);
        }
    }

    static double relativeError(double ours, double expected) {
        if (expected == 0) {
            return Math.abs(ours);
        }
        return Math.abs(ours - expected) / Math.abs(expected);
    }

    static JsonNode summary(String run) {
        try {
            return JSON.readTree(Fixtures.k6(run, "summary.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunResults results(String run) {
        return READ.computeIfAbsent(run, unused -> {
            Set<SeriesKey> tracked = new TreeSet<>();
            summary(run).get("metrics").fieldNames().forEachRemaining(name -> tracked.add(SeriesKey.parse(name)));
            return ResultIngest.read(List.of(Fixtures.k6(run, "run.ndjson.gz")), tracked, new Diagnostics()).results();
        });
    }
}
