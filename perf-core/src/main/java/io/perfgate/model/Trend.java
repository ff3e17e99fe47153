package io.perfgate.model;

import io.perfgate.stats.MetricContents;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How one statistic of one series went over the recorded runs of a branch, with the places where it
 * shifted: what the HTML report and the Jenkins chart draw, so that slow creep over many builds, which
 * no build-to-build comparison flags, is visible.
 *
 * @param series       the series, e.g. {@code http_req_duration{name:checkout}}
 * @param statistic    the statistic, e.g. {@code p(95)}
 * @param contents     time, data or plain numbers, for units
 * @param limits       the fixed limits of the budget's threshold lines on this statistic, in the budget's
 *                     order; empty when no threshold line watches it
 * @param points       one per run, oldest first
 * @param changePoints where the values shifted, in order; each index points into {@code points}
 */
public record Trend(SeriesKey series, Statistic statistic, MetricContents contents, List<TrendLimit> limits,
        List<TrendPoint> points, List<TrendChangePoint> changePoints) {

    public Trend {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(contents, "contents");
        limits = List.copyOf(limits);
        points = List.copyOf(points);
        changePoints = List.copyOf(changePoints);
        int previous = 0;
        for (TrendChangePoint change : changePoints) {
            if (change.index() <= previous || change.index() >= points.size()) {
                throw new IllegalArgumentException("change point at " + change.index() + " of the trend of " + series
                        + " " + statistic + " is out of order or outside its " + points.size() + " points");
            }
            if (!points.get(change.index()).runId().equals(change.runId())) {
                throw new IllegalArgumentException("change point at " + change.index() + " names run "
                        + change.runId() + ", but the point there is run " + points.get(change.index()).runId());
            }
            previous = change.index();
        }
    }

    /** {@code http_req_duration{name:checkout} p(95)}. */
    public String label() {
        return series + " " + statistic;
    }

    /** The oldest run with a value. */
    public Optional<TrendPoint> firstMeasured() {
        int first = firstMeasuredIndex();
        return first < 0 ? Optional.empty() : Optional.of(points.get(first));
    }

    /** The newest run with a value. */
    public Optional<TrendPoint> lastMeasured() {
        int last = lastMeasuredIndex();
        return last < 0 ? Optional.empty() : Optional.of(points.get(last));
    }

    /**
     * (last - first) / |first| over the measured runs: +0.25 when the statistic grew by 25 %; empty with
     * fewer than two measured runs or a first value of 0.
     */
    public OptionalDouble change() {
        int first = firstMeasuredIndex();
        int last = lastMeasuredIndex();
        if (first < 0 || first == last) {
            return OptionalDouble.empty();
        }
        double from = points.get(first).value().getAsDouble();
        return from == 0 ? OptionalDouble.empty()
                : OptionalDouble.of((points.get(last).value().getAsDouble() - from) / Math.abs(from));
    }

    private int firstMeasuredIndex() {
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).value().isPresent()) {
                return i;
            }
        }
        return -1;
    }

    private int lastMeasuredIndex() {
        for (int i = points.size() - 1; i >= 0; i--) {
            if (points.get(i).value().isPresent()) {
                return i;
            }
        }
        return -1;
    }
}
