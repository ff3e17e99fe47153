package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.Diagnostics;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunDurationTest {

    private static final SeriesKey REQUESTS = SeriesKey.of("http_reqs");

    @Test
    void shouldAllowARateFromOneSecondOfRunOn() {
        assertThat(RunDuration.stated(1).allowsRate()).isTrue();
        assertThat(RunDuration.sampleSpan(0.999).allowsRate()).isFalse();
        assertThat(RunDuration.NONE.allowsRate()).isFalse();
    }

    @Test
    void shouldCountPooledRunsAsASpanWhenAnyOfThemIsOne() {
        assertThat(RunDuration.stated(10).plus(RunDuration.stated(5))).isEqualTo(RunDuration.stated(15));
        assertThat(RunDuration.stated(10).plus(RunDuration.sampleSpan(0.5))).isEqualTo(RunDuration.sampleSpan(10.5));
        assertThat(RunDuration.NONE.plus(RunDuration.sampleSpan(2))).isEqualTo(RunDuration.sampleSpan(2));
    }

    @Test
    void shouldSayHowShortTheRunWasAndHowThatIsKnown() {
        assertThat(RunDuration.stated(0.019734).noRateReason(REQUESTS)).isEqualTo("the test ran only 0.0197 s, so a"
                + " per-second rate of http_reqs would mean nothing; a rate needs at least 1 s of run");
        assertThat(RunDuration.sampleSpan(0.000931).noRateReason(REQUESTS)).startsWith("the samples span only"
                + " 0.000931 s, first to last, so a per-second rate");
        assertThat(RunDuration.sampleSpan(0).noRateReason(REQUESTS))
                .startsWith("the results hold no time span (one sample, or all samples at one instant)");
        assertThat(RunDuration.NONE.noRateReason(REQUESTS)).startsWith("the results tell no run duration");
    }

    @Test
    void shouldRefuseADurationThatIsNone() {
        assertThatThrownBy(() -> RunDuration.stated(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunDuration.sampleSpan(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RunDuration.stated(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldGiveNoCounterRateOverARunTooShortWhetherSampledOrReported() {
        ResultsCollector sampled = new ResultsCollector(Set.of(), new Diagnostics());
        sampled.declareMetric("http_reqs", MetricType.COUNTER, MetricContents.DEFAULT);
        sampled.sample("http_reqs", Tags.empty(), 1, 0);
        sampled.sample("http_reqs", Tags.empty(), 1, 900_000_000L);
        sampled.addRunDuration(RunDuration.sampleSpan(0.9));
        SeriesStatistics fromSamples = sampled.results().series(REQUESTS).orElseThrow();

        ResultsCollector reported = new ResultsCollector(Set.of(), new Diagnostics());
        reported.report(new ReportedSeries(REQUESTS, MetricType.COUNTER, MetricContents.DEFAULT, true,
                Map.of(Statistic.COUNT, 4.0, Statistic.RATE, 203.0), OptionalLong.empty(), OptionalLong.empty(),
                "the k6 summary export summary.json"));
        reported.addRunDuration(RunDuration.stated(4 / 203.0));
        SeriesStatistics fromSummary = reported.results().series(REQUESTS).orElseThrow();

        for (SeriesStatistics series : new SeriesStatistics[] {fromSamples, fromSummary}) {
            assertThat(series.value(Statistic.RATE)).isEmpty();
            assertThat(series.value(Statistic.COUNT)).isPresent();
            assertThat(series.unavailableReason(Statistic.RATE)).contains("a rate needs at least 1 s of run");
        }
    }
}
