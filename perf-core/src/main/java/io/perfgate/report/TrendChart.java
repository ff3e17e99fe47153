package io.perfgate.report;

import io.perfgate.model.Trend;
import io.perfgate.model.TrendChangePoint;
import io.perfgate.model.TrendLimit;
import io.perfgate.model.TrendPoint;
import io.perfgate.model.VerdictWording;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws one trend as an inline SVG line chart for {@link HtmlReportWriter}: a point per run coloured by
 * its verdict, the fixed limits as dashed lines, change points as vertical lines labelled with the shift
 * and the segment means between them as dotted lines. Runs are evenly spaced, oldest on the left; the
 * value axis spans the values (not 0), so that a creep of a few percent shows. A limit far from the
 * values would flatten them, so it is named at the chart's edge instead of drawn.
 */
final class TrendChart {

    static final int WIDTH = 820;
    static final int HEIGHT = 244;
    static final int PLOT_LEFT = 84;
    static final int PLOT_RIGHT = 796;
    static final int PLOT_TOP = 34;
    static final int PLOT_BOTTOM = 206;
    /** Room between the plot's frame and the first and last point. */
    private static final int INSET = 12;
    private static final int AXIS_LABEL_Y = 228;
    private static final int POINT_RADIUS = 4;
    private static final int PIN_RADIUS = 7;
    /** A limit further from the values than this many times their spread is not drawn to scale. */
    private static final double LIMIT_REACH = 2;
    private static final int TICKS = 3;
    /** The limits are named in rows under the chart, where no point can be beneath them. */
    private static final int LEGEND_FIRST_Y = 250;
    private static final int LEGEND_ROW = 16;

    private final Trend trend;
    private final TrendText text;
    private final double low;
    private final double high;

    private TrendChart(Trend trend) {
        this.trend = trend;
        this.text = new TrendText(trend);
        double[] range = range(trend);
        this.low = range[0];
        this.high = range[1];
    }

    /** The chart's {@code <figure>}, heading and summary included. */
    static void append(StringBuilder html, Trend trend) {
        new TrendChart(trend).append(html);
    }

    private void append(StringBuilder html) {
        String name = escape(trend.series().toString());
        String statistic = escape(trend.statistic().toString());
        html.append("<figure class=\"chart trend\">\n<h3>").append(name).append(" · ").append(statistic)
                .append("</h3>\n<p class=\"muted trend-summary\">").append(escape(text.summary()))
                .append("</p>\n<svg role=\"img\" aria-label=\"").append(name).append(' ').append(statistic)
                .append(" trend\" width=\"").append(WIDTH).append("\" height=\"").append(height())
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height()).append("\">\n");
        html.append("<rect class=\"frame\" x=\"").append(PLOT_LEFT).append("\" y=\"").append(PLOT_TOP)
                .append("\" width=\"").append(PLOT_RIGHT - PLOT_LEFT).append("\" height=\"")
                .append(PLOT_BOTTOM - PLOT_TOP).append("\"/>\n");
        appendTicks(html);
        appendLimits(html);
        appendSegmentMeans(html);
        appendChangePoints(html);
        appendLines(html);
        appendPoints(html);
        appendLimitLabels(html);
        appendAxisLabels(html);
        html.append("</svg>\n</figure>\n");
    }

    private void appendTicks(StringBuilder html) {
        for (double tick : ticks(low, high)) {
            String y = coordinate(y(tick));
            html.append("<line class=\"grid\" x1=\"").append(PLOT_LEFT).append("\" y1=\"").append(y).append("\" x2=\"")
                    .append(PLOT_RIGHT).append("\" y2=\"").append(y).append("\"/>\n")
                    .append("<text x=\"").append(PLOT_LEFT - 8).append("\" y=\"").append(coordinate(y(tick) + 4))
                    .append("\" text-anchor=\"end\">").append(escape(text.value(tick))).append("</text>\n");
        }
    }

    /** The limits on the scale as dashed lines, under the values. */
    private void appendLimits(StringBuilder html) {
        for (TrendLimit limit : trend.limits()) {
            if (onScale(limit)) {
                String y = coordinate(y(limit.value()));
                html.append("<line class=\"limit\" x1=\"").append(PLOT_LEFT).append("\" y1=\"").append(y)
                        .append("\" x2=\"").append(PLOT_RIGHT).append("\" y2=\"").append(y).append("\">")
                        .append(limitTooltip(limit)).append("</line>\n");
            }
        }
    }

    /** The chart's height: the plot and axis, and a row under them per limit. */
    private int height() {
        return trend.limits().isEmpty() ? HEIGHT : LEGEND_FIRST_Y + LEGEND_ROW * (trend.limits().size() - 1) + 8;
    }

    /**
     * The limits' names, a row each under the axis: inside the plot a name would cover the very points
     * near its limit, which are the ones people look for. A limit on the scale is the dashed line; one off
     * the scale is named with the side it lies beyond, so the values keep their resolution.
     */
    private void appendLimitLabels(StringBuilder html) {
        int row = 0;
        for (TrendLimit limit : trend.limits()) {
            String label = escape(TrendText.limitLabel(limit));
            String value = escape(text.value(limit.value()));
            if (onScale(limit)) {
                label = "- - " + label + " (" + value + ")";
            } else {
                label = (limit.value() > high ? "↑ " : "↓ ") + label + " (" + value + ", off scale)";
            }
            html.append("<text class=\"limit-label\" x=\"").append(PLOT_LEFT).append("\" y=\"")
                    .append(LEGEND_FIRST_Y + LEGEND_ROW * row++).append("\">").append(label).append(limitTooltip(limit))
                    .append("</text>\n");
        }
    }

    private boolean onScale(TrendLimit limit) {
        return limit.value() >= low && limit.value() <= high;
    }

    private String limitTooltip(TrendLimit limit) {
        return "<title>limit " + escape(limit.expression()) + ": " + escape(text.value(limit.value())) + "</title>";
    }

    /** Dotted lines at the mean of each stretch between change points, so the steps read at a glance. */
    private void appendSegmentMeans(StringBuilder html) {
        List<TrendChangePoint> changes = trend.changePoints();
        if (changes.isEmpty()) {
            return;
        }
        int start = 0;
        for (int i = 0; i <= changes.size(); i++) {
            int end = i < changes.size() ? changes.get(i).index() : trend.points().size();
            double mean = i < changes.size() ? changes.get(i).meanBefore() : changes.get(i - 1).meanAfter();
            String y = coordinate(y(mean));
            html.append("<line class=\"segment\" x1=\"").append(coordinate(x(start))).append("\" y1=\"").append(y)
                    .append("\" x2=\"").append(coordinate(x(end - 1))).append("\" y2=\"").append(y)
                    .append("\"><title>mean of runs ").append(escape(TrendText.runId(trend.points().get(start))))
                    .append(" to ").append(escape(TrendText.runId(trend.points().get(end - 1)))).append(": ")
                    .append(escape(text.value(mean))).append("</title></line>\n");
            start = end;
        }
    }

    private void appendChangePoints(StringBuilder html) {
        List<TrendChangePoint> changes = trend.changePoints();
        for (int i = 0; i < changes.size(); i++) {
            TrendChangePoint change = changes.get(i);
            double x = (x(change.index() - 1) + x(change.index())) / 2;
            // Alternate rows, so the labels of change points close together do not overlap.
            int labelY = i % 2 == 0 ? PLOT_TOP - 6 : PLOT_TOP - 20;
            String anchor = x > PLOT_RIGHT - 40 ? "end" : x < PLOT_LEFT + 40 ? "start" : "middle";
            html.append("<g><title>").append(escape(text.changeTooltip(change))).append("</title>")
                    .append("<line class=\"change\" x1=\"").append(coordinate(x)).append("\" y1=\"")
                    .append(PLOT_TOP - 2).append("\" x2=\"").append(coordinate(x)).append("\" y2=\"")
                    .append(PLOT_BOTTOM).append("\"/>")
                    .append("<text class=\"change-label\" x=\"").append(coordinate(x)).append("\" y=\"").append(labelY)
                    .append("\" text-anchor=\"").append(anchor).append("\">").append(escape(text.changeLabel(change)))
                    .append("</text></g>\n");
        }
    }

    /**
     * The values joined run to run; a run without a value breaks the line, a flagged run is passed by
     * (its point stands apart, as it stands apart from change-point detection).
     */
    private void appendLines(StringBuilder html) {
        List<String> stretch = new ArrayList<>();
        for (int i = 0; i <= trend.points().size(); i++) {
            TrendPoint point = i < trend.points().size() ? trend.points().get(i) : null;
            if (point != null && point.flagged()) {
                continue;
            }
            if (point != null && point.value().isPresent()) {
                stretch.add(coordinate(x(i)) + "," + coordinate(y(point.value().getAsDouble())));
                continue;
            }
            if (stretch.size() > 1) {
                html.append("<polyline class=\"trend-line\" points=\"").append(String.join(" ", stretch))
                        .append("\"/>\n");
            }
            stretch.clear();
        }
    }

    private void appendPoints(StringBuilder html) {
        for (int i = 0; i < trend.points().size(); i++) {
            TrendPoint point = trend.points().get(i);
            String x = coordinate(x(i));
            String title = "<title>" + escape(text.pointTooltip(point)) + "</title>";
            if (point.value().isEmpty()) {
                html.append("<line class=\"missing\" x1=\"").append(x).append("\" y1=\"").append(PLOT_BOTTOM - 6)
                        .append("\" x2=\"").append(x).append("\" y2=\"").append(PLOT_BOTTOM).append("\">")
                        .append(title).append("</line>\n");
                continue;
            }
            String y = coordinate(y(point.value().getAsDouble()));
            if (point.pinned()) {
                html.append("<circle class=\"pinned\" cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"")
                        .append(PIN_RADIUS).append("\"/>\n");
            }
            StringBuilder classes = new StringBuilder("point ")
                    .append(VerdictWording.key(point.verdict().orElse(point.runVerdict())));
            if (point.verdict().isEmpty()) {
                classes.append(" hollow");
            }
            if (point.flagged()) {
                classes.append(" flagged");
            }
            html.append("<circle class=\"").append(classes).append("\" cx=\"").append(x).append("\" cy=\"").append(y)
                    .append("\" r=\"").append(POINT_RADIUS).append("\">").append(title).append("</circle>\n");
        }
    }

    private void appendAxisLabels(StringBuilder html) {
        List<TrendPoint> points = trend.points();
        if (points.isEmpty()) {
            return;
        }
        html.append("<text x=\"").append(PLOT_LEFT).append("\" y=\"").append(AXIS_LABEL_Y).append("\">")
                .append(escape(text.axisLabel(points.get(0)))).append("</text>\n");
        if (points.size() > 1) {
            html.append("<text x=\"").append(PLOT_RIGHT).append("\" y=\"").append(AXIS_LABEL_Y)
                    .append("\" text-anchor=\"end\">").append(escape(text.axisLabel(points.get(points.size() - 1))))
                    .append("</text>\n");
        }
        if (trend.lastMeasured().isEmpty()) {
            html.append("<text class=\"muted\" x=\"").append((PLOT_LEFT + PLOT_RIGHT) / 2).append("\" y=\"")
                    .append((PLOT_TOP + PLOT_BOTTOM) / 2).append("\" text-anchor=\"middle\">no run recorded a value")
                    .append("</text>\n");
        }
    }

    /** Evenly spaced runs; a single run stands in the middle. */
    private double x(int index) {
        int count = trend.points().size();
        if (count < 2) {
            return (PLOT_LEFT + PLOT_RIGHT) / 2.0;
        }
        return PLOT_LEFT + INSET + (PLOT_RIGHT - PLOT_LEFT - 2.0 * INSET) * index / (count - 1);
    }

    private double y(double value) {
        return PLOT_BOTTOM - (value - low) / (high - low) * (PLOT_BOTTOM - PLOT_TOP);
    }

    /**
     * The value axis: the values with a margin, and the limits near them. Without values it spans the
     * limits, and without either 0 to 1. Never empty.
     */
    private static double[] range(Trend trend) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (TrendPoint point : trend.points()) {
            if (point.value().isPresent()) {
                min = Math.min(min, point.value().getAsDouble());
                max = Math.max(max, point.value().getAsDouble());
            }
        }
        boolean measured = min <= max;
        double spread = measured ? Math.max(max - min, Math.abs(max) * 0.05) : 0;
        for (TrendLimit limit : trend.limits()) {
            double value = limit.value();
            if (!measured || value >= min - LIMIT_REACH * spread && value <= max + LIMIT_REACH * spread) {
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        if (min > max) {
            return new double[] {0, 1};
        }
        double margin = max > min ? (max - min) * 0.08 : max == 0 ? 1 : Math.abs(max) * 0.1;
        double low = min - margin;
        double high = max + margin;
        if (min >= 0 && low < 0) {
            low = 0; // a latency or a count never goes below 0, so neither does its axis
        }
        return new double[] {low, high};
    }

    /**
     * Round values (1, 2 or 5 times a power of ten apart) inside [low, high]: the widest such spacing
     * that still gives {@value #TICKS} of them.
     */
    static List<Double> ticks(double low, double high) {
        double span = high - low;
        if (!(span > 0 && Double.isFinite(span))) {
            return List.of();
        }
        double power = Math.pow(10, Math.ceil(Math.log10(span)));
        double[] factors = {5, 2, 1};
        for (int i = 0; i < 12; i++) {
            double step = factors[i % 3] * power / Math.pow(10, i / 3 + 1);
            List<Double> ticks = new ArrayList<>();
            long first = (long) Math.ceil(low / step - 1e-9);
            for (long k = first; k * step <= high + step * 1e-9; k++) {
                ticks.add(k * step);
            }
            if (ticks.size() >= TICKS) {
                return ticks;
            }
        }
        return List.of(); // not reached: a tenth of the spacing tried first gives dozens
    }

    private static String escape(String text) {
        return HtmlEscaping.escape(text);
    }

    /** One decimal, a dot whatever the default locale. */
    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
