package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.model.Trend;
import io.perfgate.model.TrendChangePoint;
import io.perfgate.model.TrendLimit;
import io.perfgate.model.TrendPoint;
import io.perfgate.model.Verdict;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class TrendTest {

    private static final SeriesKey SERIES = SeriesKey.of("http_req_duration");

    @Test
    void shouldTellTheChangeFromTheFirstToTheLastMeasuredRun() {
        Trend trend = trend(null, 400.0, 410.0, null, 500.0, null);

        assertThat(trend.firstMeasured().map(TrendPoint::runId)).contains("2");
        assertThat(trend.lastMeasured().map(TrendPoint::runId)).contains("5");
        assertThat(trend.change().getAsDouble()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void shouldTellNoChangeWithoutTwoMeasuredRunsOrFromZero() {
        assertThat(trend(null, 400.0, null).change()).isEmpty();
        assertThat(trend(null, null).change()).isEmpty();
        assertThat(trend(null, null).lastMeasured()).isEmpty();
        assertThat(trend(0.0, 5.0).change()).isEmpty();
        assertThat(trend(-10.0, -5.0).change().getAsDouble()).as("relative to the size").isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shouldTellAChangePointsRelativeShift() {
        assertThat(new TrendChangePoint(3, "4", 500, 650, 0.002).relativeChange().getAsDouble())
                .isCloseTo(0.3, within(1e-12));
        assertThat(new TrendChangePoint(3, "4", 0, 650, 0.002).relativeChange()).isEmpty();
    }

    @Test
    void shouldRejectChangePointsThatDoNotFitThePoints() {
        List<TrendPoint> points = trend(1.0, 2.0, 3.0).points();

        assertThatThrownBy(() -> new Trend(SERIES, Statistic.AVG, MetricContents.TIME, List.of(), points,
                List.of(new TrendChangePoint(3, "4", 1, 2, 0.01))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside its 3 points");
        assertThatThrownBy(() -> new Trend(SERIES, Statistic.AVG, MetricContents.TIME, List.of(), points,
                List.of(new TrendChangePoint(2, "3", 1, 2, 0.01), new TrendChangePoint(1, "2", 1, 2, 0.01))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("out of order");
        assertThatThrownBy(() -> new Trend(SERIES, Statistic.AVG, MetricContents.TIME, List.of(), points,
                List.of(new TrendChangePoint(1, "7", 1, 2, 0.01))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names run 7, but the point there is run 2");
        assertThatThrownBy(() -> new TrendChangePoint(0, "1", 1, 2, 0.01)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectValuesThatAreNoNumbers() {
        assertThatThrownBy(() -> new TrendPoint("1", Optional.empty(), Optional.empty(), Instant.EPOCH,
                OptionalDouble.of(Double.NaN), Optional.empty(), Verdict.PASS, Optional.empty(), false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("run 1");
        assertThatThrownBy(() -> new TrendLimit("p(95)<1x", 1, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown unit 'x'");
        assertThatThrownBy(() -> new TrendLimit("p(95)<1", Double.POSITIVE_INFINITY, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Runs "1", "2", ... with the given values, null for none. */
    static Trend trend(Double... values) {
        List<TrendPoint> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new TrendPoint(Integer.toString(i + 1), Optional.empty(), Optional.empty(),
                    Instant.EPOCH.plusSeconds(i), values[i] == null ? OptionalDouble.empty()
                    : OptionalDouble.of(values[i]), Optional.empty(), Verdict.PASS, Optional.empty(), false));
        }
        return new Trend(SERIES, Statistic.AVG, MetricContents.TIME, List.of(), points, List.of());
    }
}
