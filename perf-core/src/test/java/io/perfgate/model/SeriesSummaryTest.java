package io.perfgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Summaries of a real k6 run keep what a later build compares with, for every metric type. */
class SeriesSummaryTest {

    private static final SeriesKey DURATION = SeriesKey.of("http_req_duration");
    private static RunResults results;

    @BeforeAll
    static void readRecordedRun() throws Exception {
        Path ndjson = Path.of(SeriesSummaryTest.class.getResource("/fixtures/k6/a_pass/run.ndjson.gz").toURI());
        results = ResultIngest.read(List.of(ndjson), Set.of(DURATION), new Diagnostics()).results();
    }

    @Test
    void shouldKeepATrendsStatisticsAndItsWholeDistribution() {
        SeriesSummary snapshot = SeriesSummary.of(results.series(DURATION).orElseThrow());

        assertThat(snapshot.type()).isEqualTo(MetricType.TREND);
        assertThat(snapshot.histogram()).isPresent();
        for (Statistic statistic : List.of(Statistic.AVG, Statistic.MED, Statistic.MIN, Statistic.MAX,
                Statistic.percentile(90), Statistic.percentile(95), Statistic.percentile(99))) {
            assertThat(snapshot.value(statistic)).as(statistic.toString())
                    .isEqualTo(results.series(DURATION).orElseThrow().value(statistic));
        }
        // Not kept as a number: read back from the histogram.
        double p75 = results.series(DURATION).orElseThrow().value(Statistic.percentile(75)).getAsDouble();
        assertThat(snapshot.value(Statistic.percentile(75)).getAsDouble()).isCloseTo(p75, withPercentage(2));
    }

    @Test
    void shouldKeepACountersCountAndRate() {
        var requests = results.series(SeriesKey.of("http_reqs")).orElseThrow();
        SeriesSummary snapshot = SeriesSummary.of(requests);

        assertThat(snapshot.type()).isEqualTo(MetricType.COUNTER);
        assertThat(snapshot.value(Statistic.COUNT).getAsDouble()).isEqualTo(requests.value(Statistic.COUNT).getAsDouble());
        assertThat(snapshot.value(Statistic.RATE)).isEqualTo(requests.value(Statistic.RATE));
        assertThat(snapshot.value(Statistic.percentile(95))).isEmpty();
    }

    @Test
    void shouldKeepARateMetricsShareWithItsSampleCount() {
        var failed = results.series(SeriesKey.of("http_req_failed")).orElseThrow();
        SeriesSummary snapshot = SeriesSummary.of(failed);

        assertThat(snapshot.type()).isEqualTo(MetricType.RATE);
        assertThat(snapshot.value(Statistic.RATE)).isEqualTo(failed.value(Statistic.RATE));
        assertThat(snapshot.count()).isEqualTo(failed.sampleCount()).isPositive();
        assertThat(snapshot.histogram()).isEmpty();
    }
}
