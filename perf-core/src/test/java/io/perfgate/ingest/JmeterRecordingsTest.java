package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real JMeter 5.6.3 recordings (fixtures/jmeter/CASE/results.jtl) against the numbers that
 * expected.py computed independently from the same file (expected.json).
 */
class JmeterRecordingsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, RunResults> READ = new ConcurrentHashMap<>();
    private static final String ALL_REQUESTS = "(all requests)";
    private static double worstPercentileError;
    private static String worstPercentile = "";

    static List<String> cases() {
        try (Stream<Path> folders = Files.list(Fixtures.path("jmeter"))) {
            return folders.filter(folder -> Files.exists(folder.resolve("expected.json")))
                    .map(folder -> folder.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode expected(String recording) {
        try {
            return JSON.readTree(Fixtures.path("jmeter/" + recording + "/expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RunResults results(String recording) {
        return READ.computeIfAbsent(recording, unused -> ResultIngest.read(
                List.of(Fixtures.path("jmeter/" + recording + "/results.jtl")), Set.of(), new Diagnostics()).results());
    }

    static Stream<Arguments> requestScopes() {
        List<Arguments> scopes = new ArrayList<>();
        for (String recording : cases()) {
            scopes.add(Arguments.of(recording, ALL_REQUESTS));
            expected(recording).get("labels").fieldNames().forEachRemaining(label -> scopes.add(Arguments.of(recording,
                    label)));
        }
        return scopes.stream();
    }

    static Stream<Arguments> transactions() {
        List<Arguments> transactions = new ArrayList<>();
        for (String recording : cases()) {
            JsonNode node = expected(recording).get("transactions");
            if (node != null) {
                node.fieldNames().forEachRemaining(name -> transactions.add(Arguments.of(recording, name)));
            }
        }
        return transactions.stream();
    }

    private static SeriesStatistics series(RunResults results, String metric, String label) {
        SeriesKey key = label.equals(ALL_REQUESTS) ? SeriesKey.of(metric) : SeriesKey.of(metric, "name", label);
        return results.series(key).orElseThrow(() -> new AssertionError(results.missingReason(key)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("requestScopes")
    void shouldAgreeWithTheIndependentlyComputedNumbers(String recording, String label) {
        RunResults results = results(recording);
        JsonNode expected = label.equals(ALL_REQUESTS) ? expected(recording).get("requests")
                : expected(recording).get("labels").get(label);

        long count = expected.get("count").asLong();
        assertThat(series(results, "http_reqs", label).value(Statistic.COUNT)).hasValue(count);
        SeriesStatistics failed = series(results, "http_req_failed", label);
        assertThat(failed.sampleCount()).isEqualTo(count);
        assertThat(Math.round(failed.value(Statistic.RATE).getAsDouble() * count))
                .isEqualTo(expected.get("failures").asLong());

        SeriesStatistics duration = series(results, "http_req_duration", label);
        assertThat(duration.sampleCount()).isEqualTo(count);
        assertThat(duration.value(Statistic.MIN)).hasValue(expected.get("min").asDouble());
        assertThat(duration.value(Statistic.MAX)).hasValue(expected.get("max").asDouble());
        assertThat(duration.value(Statistic.AVG).getAsDouble()).isCloseTo(expected.get("mean").asDouble(), within(1e-6));
        for (String percentile : List.of("p50", "p90", "p95", "p99")) {
            double want = expected.get(percentile).asDouble();
            double ours = duration.value(Statistic.percentile(Double.parseDouble(percentile.substring(1))))
                    .getAsDouble();
            double error = K6FixtureAgreementTest.relativeError(ours, want);
            noteWorst(recording + " " + label + " " + percentile + ": ours " + ours + ", expected " + want, error);
            assertThat(error).as("%s: ours %s, expected %s", percentile, ours, want).isLessThanOrEqualTo(0.01);
        }
        assertThat(series(results, "data_received", label).value(Statistic.COUNT))
                .hasValue(expected.get("bytes").asDouble());
        assertThat(series(results, "data_sent", label).value(Statistic.COUNT))
                .hasValue(expected.get("sent_bytes").asDouble());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("transactions")
    void shouldKeepTransactionsApartAsGroupDurations(String recording, String name) {
        JsonNode expected = expected(recording).get("transactions").get(name);
        SeriesStatistics group = series(results(recording), "group_duration", name);
        assertThat(group.sampleCount()).isEqualTo(expected.get("count").asLong());
        assertThat(group.value(Statistic.MIN)).hasValue(expected.get("min").asDouble());
        assertThat(group.value(Statistic.MAX)).hasValue(expected.get("max").asDouble());
        assertThat(group.value(Statistic.AVG).getAsDouble()).isCloseTo(expected.get("mean").asDouble(), within(1e-6));
        assertThat(results(recording).series(SeriesKey.of("http_reqs", "name", name))).as("not a request").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void shouldSpanAtLeastTheRequestsOfTheRun(String recording) {
        double requestSpan = expected(recording).get("requests").get("span_ms").asDouble() / 1000;
        double ours = results(recording).durationSeconds();
        // Transactions count too: a parent transaction starts before its first request (idle time).
        assertThat(ours).isGreaterThanOrEqualTo(requestSpan).isLessThan(requestSpan + 1);
        if (expected(recording).get("transactions") == null || expected(recording).get("transactions").isEmpty()) {
            assertThat(ours).isEqualTo(requestSpan);
        }
    }

    private static synchronized void noteWorst(String what, double error) {
        if (error >= worstPercentileError) {
            worstPercentileError = error;
            worstPercentile = what;
        }
    }

    @AfterAll
    static void report() {
        System.out.println("JMeter agreement: worst percentile relative error " + worstPercentileError + " ("
                + worstPercentile + ")");
        for (String recording : cases()) {
            System.out.println("JMeter agreement: " + recording + " duration " + results(recording).durationSeconds()
                    + " s, request span " + expected(recording).get("requests").get("span_ms").asDouble() / 1000 + " s");
        }
    }
}
