package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What a series pooled from samples and summaries can tell, and the reason when it cannot. */
class PooledSeriesTest {

    private static final SeriesKey REQUESTS = SeriesKey.of("http_reqs");
    private static final SeriesKey DURATION = SeriesKey.of("http_req_duration");
    private static final SeriesKey FAILED = SeriesKey.of("http_req_failed");

    @Test
    void shouldPoolCountsMinimaAndMaximaOfSamplesAndSummaries() {
        TrendAccumulator sampled = new TrendAccumulator();
        for (double value : new double[] {12, 30, 7}) {
            sampled.record(value, 0);
        }
        ReportedSeries summary = new ReportedSeries(DURATION, MetricType.TREND, MetricContents.TIME, true,
                Map.of(Statistic.MIN, 5.0, Statistic.MAX, 20.0, Statistic.AVG, 9.0), OptionalLong.of(40),
                OptionalLong.empty(), "summary.json");

        PooledSeries pooled = series(DURATION, MetricType.TREND, sampled, List.of(summary), 10);

        assertThat(pooled.sampleCount()).isEqualTo(43);
        assertThat(pooled.value(Statistic.MIN)).hasValue(5);
        assertThat(pooled.value(Statistic.MAX)).hasValue(30);
        assertThat(pooled.value(Statistic.AVG)).isEmpty();
        assertThat(pooled.unavailableReason(Statistic.AVG)).isEqualTo(
                "avg of http_req_duration cannot be pooled: summary.json hold(s) no sample count for a trend");
        assertThat(pooled.unavailableReason(Statistic.MIN)).isEmpty();
        assertThat(pooled.histogram()).isEmpty();
        assertThat(pooled).hasToString("http_req_duration (trend, 43 samples)");
    }

    @Test
    void shouldSayWhichSummaryLacksAnExtreme() {
        ReportedSeries first = new ReportedSeries(DURATION, MetricType.TREND, MetricContents.TIME, true,
                Map.of(Statistic.MIN, 5.0), OptionalLong.empty(), OptionalLong.empty(), "a.json");
        ReportedSeries second = new ReportedSeries(DURATION, MetricType.TREND, MetricContents.TIME, true,
                Map.of(Statistic.MIN, 3.0, Statistic.MAX, 8.0), OptionalLong.empty(), OptionalLong.empty(), "b.json");

        PooledSeries pooled = series(DURATION, MetricType.TREND, null, List.of(first, second), 10);

        assertThat(pooled.value(Statistic.MIN)).hasValue(3);
        assertThat(pooled.unavailableReason(Statistic.MAX)).isEqualTo("a.json holds no max for http_req_duration");
        assertThat(pooled.sampleCount()).isZero();
    }

    @Test
    void shouldPoolCounterTotalsAndRatesOverTheRunDuration() {
        CounterAccumulator sampled = new CounterAccumulator();
        sampled.record(30, 0);
        ReportedSeries summary = new ReportedSeries(REQUESTS, MetricType.COUNTER, MetricContents.DEFAULT, false,
                Map.of(Statistic.COUNT, 70.0), OptionalLong.empty(), OptionalLong.empty(), "summary.json");

        PooledSeries pooled = series(REQUESTS, MetricType.COUNTER, sampled, List.of(summary), 20);
        PooledSeries instant = series(REQUESTS, MetricType.COUNTER, sampled, List.of(summary), 0);

        assertThat(pooled.value(Statistic.COUNT)).hasValue(100);
        assertThat(pooled.value(Statistic.RATE)).hasValue(5);
        assertThat(pooled.sampleCount()).isEqualTo(71);
        assertThat(instant.value(Statistic.RATE)).isEmpty();
        assertThat(instant.unavailableReason(Statistic.RATE)).isEqualTo("the results tell no run duration (a summary "
                + "with neither a test duration nor a counter rate), so a per-second rate of http_reqs would mean "
                + "nothing; a rate needs at least 1 s of run");
    }

    @Test
    void shouldReadAOneSummaryCounterRateFromItsCount() {
        ReportedSeries summary = new ReportedSeries(REQUESTS, MetricType.COUNTER, MetricContents.DEFAULT, false,
                Map.of(Statistic.COUNT, 70.0), OptionalLong.empty(), OptionalLong.empty(), "summary.json");
        ReportedSeries countless = new ReportedSeries(REQUESTS, MetricType.COUNTER, MetricContents.DEFAULT, false,
                Map.of(), OptionalLong.empty(), OptionalLong.empty(), "other.json");

        assertThat(series(REQUESTS, MetricType.COUNTER, null, List.of(summary), 14).value(Statistic.RATE)).hasValue(5);
        assertThat(series(REQUESTS, MetricType.COUNTER, null, List.of(summary), 0).value(Statistic.RATE)).isEmpty();
        assertThat(series(REQUESTS, MetricType.COUNTER, null, List.of(countless), 14)
                .unavailableReason(Statistic.RATE)).isEqualTo("other.json holds no count for http_reqs");
        assertThat(series(REQUESTS, MetricType.COUNTER, null, List.of(summary, countless), 14)
                .unavailableReason(Statistic.COUNT)).isEqualTo("other.json holds no count for http_reqs, so it "
                        + "cannot be pooled with summary.json and other.json");
    }

    @Test
    void shouldPoolRatesFromTheirPassesAndFails() {
        RateAccumulator sampled = new RateAccumulator();
        sampled.record(1, 0);
        sampled.record(0, 0);
        ReportedSeries summary = new ReportedSeries(FAILED, MetricType.RATE, MetricContents.DEFAULT, false,
                Map.of(Statistic.RATE, 0.25), OptionalLong.of(8), OptionalLong.of(2), "summary.json");
        ReportedSeries rateOnly = new ReportedSeries(FAILED, MetricType.RATE, MetricContents.DEFAULT, false,
                Map.of(Statistic.RATE, 0.5), OptionalLong.empty(), OptionalLong.empty(), "rate.json");

        assertThat(series(FAILED, MetricType.RATE, sampled, List.of(summary), 10).value(Statistic.RATE)).hasValue(0.3);
        assertThat(series(FAILED, MetricType.RATE, null, List.of(rateOnly), 10).value(Statistic.RATE)).hasValue(0.5);
        assertThat(series(FAILED, MetricType.RATE, sampled, List.of(rateOnly), 10).unavailableReason(Statistic.RATE))
                .isEqualTo("rate.json holds no passes/fails for http_req_failed, so its rate cannot be pooled with "
                        + "rate.json");
        ReportedSeries empty = new ReportedSeries(FAILED, MetricType.RATE, MetricContents.DEFAULT, false, Map.of(),
                OptionalLong.of(0), OptionalLong.of(0), "empty.json");
        assertThat(series(FAILED, MetricType.RATE, new RateAccumulator(), List.of(empty), 10)
                .unavailableReason(Statistic.RATE)).isEqualTo("no sample of http_req_failed");
    }

    /** A report of a rate that holds no rate says what it holds; an empty sample stream adds no extreme. */
    @Test
    void shouldSayWhatALoneReportHoldsAndPoolExtremesOfAnEmptySampleStream() {
        ReportedSeries passesOnly = new ReportedSeries(FAILED, MetricType.RATE, MetricContents.DEFAULT, false,
                Map.of(Statistic.COUNT, 4.0), OptionalLong.empty(), OptionalLong.empty(), "passes.json");
        ReportedSeries summary = new ReportedSeries(DURATION, MetricType.TREND, MetricContents.TIME, true,
                Map.of(Statistic.MIN, 5.0, Statistic.MAX, 20.0), OptionalLong.empty(), OptionalLong.empty(),
                "summary.json");
        ReportedSeries countless = new ReportedSeries(REQUESTS, MetricType.COUNTER, MetricContents.DEFAULT, false,
                Map.of(), OptionalLong.empty(), OptionalLong.empty(), "other.json");
        CounterAccumulator counted = new CounterAccumulator();
        counted.record(3, 0);

        assertThat(series(FAILED, MetricType.RATE, null, List.of(passesOnly), 10).unavailableReason(Statistic.RATE))
                .isEqualTo("passes.json holds only count for http_req_failed");
        PooledSeries noSamples = series(DURATION, MetricType.TREND, new TrendAccumulator(), List.of(summary), 10);
        assertThat(noSamples.value(Statistic.MIN)).hasValue(5);
        assertThat(noSamples.value(Statistic.MAX)).hasValue(20);
        assertThat(series(REQUESTS, MetricType.COUNTER, counted, List.of(countless), 10).unavailableReason(
                Statistic.RATE)).isEqualTo("other.json holds no count for http_reqs, so it cannot be pooled with "
                        + "other.json");
    }

    @Test
    void shouldReadMedAndP50OfASummaryAsOneStatistic() {
        ReportedSeries withMed = new ReportedSeries(DURATION, MetricType.TREND, MetricContents.TIME, true,
                Map.of(Statistic.MED, 11.0), OptionalLong.empty(), OptionalLong.empty(), "summary.json");
        ReportedSeries withP50 = new ReportedSeries(DURATION, MetricType.TREND, MetricContents.TIME, true,
                Map.of(Statistic.percentile(50), 12.0), OptionalLong.empty(), OptionalLong.empty(), "summary.json");

        assertThat(series(DURATION, MetricType.TREND, null, List.of(withMed), 10).value(Statistic.percentile(50)))
                .hasValue(11);
        assertThat(series(DURATION, MetricType.TREND, null, List.of(withP50), 10).value(Statistic.MED)).hasValue(12);
        assertThat(series(DURATION, MetricType.TREND, null, List.of(withMed), 10).unavailableReason(
                Statistic.percentile(99))).isEqualTo("summary.json holds only med for http_req_duration; p(99) needs "
                        + "the k6 NDJSON output (--out json) or a summaryTrendStats option that lists it");
    }

    @Test
    void shouldSayWhySampledSeriesLackAStatistic() {
        assertThat(series(DURATION, MetricType.TREND, new TrendAccumulator(), List.of(), 10)
                .unavailableReason(Statistic.AVG)).isEqualTo("no sample of http_req_duration");
        CounterAccumulator counter = new CounterAccumulator();
        counter.record(5, 0);
        assertThat(series(REQUESTS, MetricType.COUNTER, counter, List.of(), 0).unavailableReason(Statistic.RATE))
                .startsWith("the results tell no run duration");
        assertThat(series(REQUESTS, MetricType.COUNTER, counter, List.of(), 10).unavailableReason(Statistic.RATE))
                .isEmpty();
        GaugeAccumulator gauge = new GaugeAccumulator();
        gauge.record(3, 1);
        assertThat(series(SeriesKey.of("vus"), MetricType.GAUGE, gauge, List.of(), 10).value(Statistic.VALUE))
                .hasValue(3);
        assertThat(series(SeriesKey.of("vus"), MetricType.GAUGE, gauge, List.of(), 10).unavailableReason(
                Statistic.AVG)).isEqualTo("vus is a gauge, which has min, max, value, not avg");
    }

    private static PooledSeries series(SeriesKey key, MetricType type, SampleAccumulator sampled,
            List<ReportedSeries> reported, double durationSeconds) {
        return new PooledSeries(key, type, MetricContents.DEFAULT, sampled, reported, List.of(),
                RunDuration.stated(durationSeconds));
    }
}
