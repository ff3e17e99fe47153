package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.perfgate.model.SeriesSummaries;
import io.perfgate.model.SeriesSummary;
import io.perfgate.stats.FixedResults;
import io.perfgate.stats.FixedSeries;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.Statistic;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SeriesSummariesTest {

    private static FixedSeries trend(String selector) {
        return FixedSeries.of(selector, MetricType.TREND, MetricContents.TIME);
    }

    private static FixedSeries failed(String selector, double rate) {
        return FixedSeries.of(selector, MetricType.RATE, MetricContents.DEFAULT).count(100)
                .with(Statistic.RATE, rate);
    }

    @Test
    void shouldSummariseEveryStatisticOfATrend() {
        FixedSeries checkout = trend("http_req_duration{name:checkout}").count(250)
                .with(Statistic.MIN, 1.5).with(Statistic.AVG, 16.4).with(Statistic.MED, 4.9)
                .with(Statistic.percentile(90), 59.5).with(Statistic.percentile(95), 69.3)
                .with(Statistic.percentile(99), 80.1).with(Statistic.MAX, 84.0);
        FixedResults results = new FixedResults(12.5, List.of(checkout), List.of());

        assertThat(SeriesSummaries.of(results)).containsExactly(new SeriesSummary(checkout.key(),
                MetricContents.TIME, 250, OptionalDouble.of(20), OptionalDouble.of(1.5), OptionalDouble.of(16.4),
                OptionalDouble.of(4.9), OptionalDouble.of(59.5), OptionalDouble.of(69.3), OptionalDouble.of(80.1),
                OptionalDouble.of(84.0), OptionalDouble.empty()));
    }

    @Test
    void shouldLeaveEmptyWhatTheResultsCannotTell() {
        FixedSeries withoutP99 = trend("http_req_duration").with(Statistic.percentile(95), 69.3)
                .with(Statistic.AVG, Double.NaN);

        SeriesSummary row = SeriesSummaries.of(FixedResults.of(withoutP99)).get(0);

        assertThat(row.p95()).isEqualTo(OptionalDouble.of(69.3));
        assertThat(row.p99()).isEmpty();
        assertThat(row.avg()).as("NaN is not a value").isEmpty();
        assertThat(row.min()).isEmpty();
        assertThat(row.count()).isZero();
        assertThat(row.rate()).as("no sample count, no rate").isEmpty();
    }

    @Test
    void shouldLeaveTheRateEmptyWithoutADuration() {
        FixedResults results = new FixedResults(0, List.of(trend("http_req_duration").count(50)), List.of());

        assertThat(SeriesSummaries.of(results).get(0).rate()).isEmpty();
    }

    @Test
    void shouldSummariseOnlyTrends() {
        FixedResults results = FixedResults.of(
                trend("http_req_duration").count(10),
                failed("http_req_failed", 0.1),
                FixedSeries.of("http_reqs", MetricType.COUNTER, MetricContents.DEFAULT).count(10),
                FixedSeries.of("vus", MetricType.GAUGE, MetricContents.DEFAULT).count(10),
                FixedSeries.of("body_size_bytes", MetricType.TREND, MetricContents.DEFAULT).count(10));

        assertThat(SeriesSummaries.of(results)).extracting(row -> row.key().toString(), SeriesSummary::contents)
                .containsExactly(
                        tuple("http_req_duration", MetricContents.TIME),
                        tuple("body_size_bytes", MetricContents.DEFAULT));
    }

    @Test
    void shouldPutHttpRequestDurationFirstAndEachMetricBeforeItsBreakdown() {
        FixedResults results = FixedResults.of(
                trend("iteration_duration"),
                trend("group_duration{name:b}"),
                trend("http_req_duration{name:slow}"),
                trend("group_duration"),
                trend("http_req_duration{name:Login}"),
                trend("http_req_duration"),
                trend("http_req_duration{name:fast}"),
                trend("http_req_blocked"));

        assertThat(SeriesSummaries.of(results)).extracting(row -> row.key().toString()).containsExactly(
                "http_req_duration",
                "http_req_duration{name:fast}",
                "http_req_duration{name:Login}",
                "http_req_duration{name:slow}",
                "group_duration",
                "group_duration{name:b}",
                "http_req_blocked",
                "iteration_duration");
    }

    @Test
    void shouldShowTimingPhasesOnlyAsAWhole() {
        FixedResults results = FixedResults.of(
                trend("http_req_blocked"),
                trend("http_req_blocked{name:fast}"),
                trend("http_req_duration{name:fast}"),
                trend("login_duration{name:login}"));

        assertThat(SeriesSummaries.of(results)).extracting(row -> row.key().toString())
                .containsExactly("http_req_duration{name:fast}", "http_req_blocked");
    }

    @Test
    void shouldAddTheErrorRateOfTheSameRequests() {
        FixedResults results = new FixedResults(10, List.of(
                trend("http_req_duration"),
                trend("http_req_duration{name:checkout}"),
                trend("http_req_duration{name:search}"),
                trend("http_req_duration{name:login}"),
                trend("http_req_waiting"),
                failed("http_req_failed", 0.0536),
                failed("http_req_failed{name:checkout}", 0.2),
                failed("http_req_waiting", 0.5)),
                List.of(failed("http_req_failed{name:search}", 0.01)));

        assertThat(SeriesSummaries.of(results))
                .extracting(row -> row.key().toString(), SeriesSummary::errorRate)
                .containsExactly(
                        tuple("http_req_duration", OptionalDouble.of(0.0536)),
                        tuple("http_req_duration{name:checkout}", OptionalDouble.of(0.2)),
                        tuple("http_req_duration{name:login}", OptionalDouble.empty()),
                        tuple("http_req_duration{name:search}", OptionalDouble.of(0.01)),
                        tuple("http_req_waiting", OptionalDouble.empty()));
    }

    @Test
    void shouldSummariseNothingForResultsWithoutTrends() {
        assertThat(SeriesSummaries.of(FixedResults.of(failed("http_req_failed", 0.1)))).isEmpty();
    }
}
