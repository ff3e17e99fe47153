package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricSeriesTest {

    @Test
    void shouldRefuseToMergeTheSameMetricOfAnotherTypeAndKeepItsOwnSamples() {
        MetricSeries trend = series(MetricType.TREND, MetricContents.TIME);
        trend.record(Tags.empty(), 12, 1);
        MetricSeries counter = series(MetricType.COUNTER, MetricContents.DEFAULT);
        counter.record(Tags.empty(), 3, 1);

        assertThatThrownBy(() -> trend.merge(counter)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric http_req_duration is a counter here but a trend in what was read before");
        assertThat(trend.sampled(SeriesKey.of("http_req_duration")).sampleCount()).isEqualTo(1);
    }

    @Test
    void shouldAdoptTheContentsOfAMergedSeriesWhenItsOwnWereUnknown() {
        MetricSeries unknown = new MetricSeries("http_req_duration", MetricType.TREND, MetricContents.DEFAULT, false,
                Set.of(), List.of(), Set.of());
        MetricSeries time = series(MetricType.TREND, MetricContents.TIME);
        time.record(Tags.of(Map.of("name", "a")), 5, 1);

        assertThat(unknown.merge(time)).isTrue();

        assertThat(unknown.contents).isEqualTo(MetricContents.TIME);
        assertThat(unknown.sampled(SeriesKey.of("http_req_duration", "name", "a")).sampleCount()).isEqualTo(1);
    }

    private static MetricSeries series(MetricType type, MetricContents contents) {
        return new MetricSeries("http_req_duration", type, contents, true, Set.of(), List.of(), Set.of());
    }
}
