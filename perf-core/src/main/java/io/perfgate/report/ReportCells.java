package io.perfgate.report;

import io.perfgate.model.DatabaseSection;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.ValueFormat;
import io.perfgate.stats.MetricContents;
import java.time.Duration;
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

    /** The columns of a statement row of the database section, after the statement. */
    static final List<String> DATABASE_HEADERS = List.of("Calls", "Calls per request", "Mean", "Total", "Rows");

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

    /** The values of a statement row in {@link #DATABASE_HEADERS} order, {@link #EMPTY} where unknown. */
    static List<String> databaseValues(DatabaseStatementRow row) {
        return List.of(
                Long.toString(row.calls()),
                format(row.callsPerRequest(), ValueFormat::number),
                ValueFormat.value(row.meanTimeMs(), MetricContents.TIME, ""),
                ValueFormat.value(row.totalTimeMs(), MetricContents.TIME, ""),
                Long.toString(row.rows()));
    }

    /** {@code from 2025-06-02T09:25:00Z to 2025-06-02T09:29:30Z (270 s)}. */
    static String databaseWindow(DatabaseSection section) {
        long millis = Duration.between(section.from(), section.to()).toMillis();
        return "from " + section.from() + " to " + section.to() + " ("
                + ValueFormat.value(millis, MetricContents.TIME, "") + ")";
    }

    /**
     * {@code 14 statements, 25452 calls, 3.218 s in all; 1212 HTTP requests, 21 calls per request}, or
     * {@code ...; the results count no HTTP requests}.
     */
    static String databaseTotals(DatabaseSection section) {
        String totals = plural(section.statementCount(), "statement", "statements") + ", "
                + plural(section.calls(), "call", "calls") + ", "
                + ValueFormat.value(section.totalTimeMs(), MetricContents.TIME, "") + " in all; ";
        if (section.requests().isEmpty()) {
            return totals + "the results count no HTTP requests";
        }
        long requests = section.requests().getAsLong();
        return totals + plural(requests, "HTTP request", "HTTP requests") + ", "
                + ValueFormat.number((double) section.calls() / requests) + " calls per request";
    }

    private static String plural(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
