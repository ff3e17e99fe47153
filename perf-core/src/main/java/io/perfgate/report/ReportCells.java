package io.perfgate.report;

import io.perfgate.stats.MetricContents;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;

/**
 * Formats the values of one report for people, the same way in every writer: observed values and
 * limits as the line's sentence prints them, summary values in a unit chosen for them.
 */
final class ReportCells {

    /** Shown where a value is unknown; never a zero. */
    static final String EMPTY = "–";

    static final List<String> SUMMARY_HEADERS =
            List.of("Count", "Rate", "Min", "Avg", "Med", "P90", "P95", "P99", "Max", "Error rate");

    /** {@code 612.4 ms} as the line's sentence prints it, or {@code empty} when it has no observed value. */
    static String observed(LineResult result, String empty) {
        return result.observedText().isEmpty() ? empty : result.observedText();
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
