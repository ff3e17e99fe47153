package io.perfgate.report;

import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.Limit;
import io.perfgate.stats.MetricContents;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;

/**
 * Formats the values of one report for people, the same way in every writer: observed values in
 * the unit the budget line was written in, summary values in a unit chosen for them.
 */
final class ReportCells {

    /** Shown where a value is unknown; never a zero. */
    static final String EMPTY = "–";

    static final List<String> SUMMARY_HEADERS =
            List.of("Count", "Rate", "Min", "Avg", "Med", "P90", "P95", "P99", "Max", "Error rate");

    private final Map<String, MetricContents> contentsByMetric = new HashMap<>();

    ReportCells(GateReport report) {
        for (SeriesSummary summary : report.series()) {
            contentsByMetric.putIfAbsent(summary.key().metric(), summary.contents());
        }
    }

    /**
     * What a line's values are: a metric's contents are the same for all its series, so any summary
     * row of the metric tells; without one, the dimension of the written limit does.
     */
    MetricContents contents(BudgetLine line) {
        MetricContents known = contentsByMetric.get(line.series().metric());
        if (known != null) {
            return known;
        }
        return switch (line.threshold().limit().dimension()) {
            case TIME -> MetricContents.TIME;
            case DATA -> MetricContents.DATA;
            case NONE, PERCENT -> MetricContents.DEFAULT;
        };
    }

    /** {@code 612.4 ms}, or {@code empty} when the line has no observed value. */
    String observed(LineResult result, String empty) {
        if (result.observed().isEmpty()) {
            return empty;
        }
        return ValueFormat.value(result.observed().getAsDouble(), contents(result.line()),
                result.line().threshold().limit().unit());
    }

    /** {@code < 300 ms}: the operator and the limit in the unit it was written in. */
    String limit(BudgetLine line) {
        Limit limit = line.threshold().limit();
        return line.threshold().operator().symbol() + " "
                + ValueFormat.value(limit.value(), contents(line), limit.unit());
    }

    /** The values of a summary row in {@link #SUMMARY_HEADERS} order, {@link #EMPTY} where unknown. */
    static List<String> summaryValues(SeriesSummary summary) {
        MetricContents contents = summary.contents();
        return List.of(
                Long.toString(summary.count()),
                format(summary.rate(), rate -> ValueFormat.number(rate) + "/s"),
                format(summary.min(), value -> ValueFormat.value(value, contents, "")),
                format(summary.avg(), value -> ValueFormat.value(value, contents, "")),
                format(summary.med(), value -> ValueFormat.value(value, contents, "")),
                format(summary.p90(), value -> ValueFormat.value(value, contents, "")),
                format(summary.p95(), value -> ValueFormat.value(value, contents, "")),
                format(summary.p99(), value -> ValueFormat.value(value, contents, "")),
                format(summary.max(), value -> ValueFormat.value(value, contents, "")),
                format(summary.errorRate(), ValueFormat::percent));
    }

    private static String format(OptionalDouble value, DoubleFunction<String> formatter) {
        return value.isPresent() ? formatter.apply(value.getAsDouble()) : EMPTY;
    }
}
