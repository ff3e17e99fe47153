package io.perfgate.report;

import io.perfgate.diag.Diagnostic;
import io.perfgate.ingest.ResultSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one gate evaluation found; every writer renders this and nothing else.
 *
 * @param createdAt  when the evaluation ran
 * @param budgetFile the budget file as shown to the user
 * @param sources    the results files read
 * @param lines      one result per budget line, in the budget's order
 * @param series     the per-series summary
 * @param messages   warnings and notes from reading and evaluating
 * @param verdict    the worst line verdict, or {@link Verdict#ERROR} when any message is an error
 * @param trends     how the budget's statistics went over the recorded runs of the branch, this run
 *                   included; empty when there is no history
 */
public record GateReport(Instant createdAt, String budgetFile, List<ResultSource> sources,
        List<LineResult> lines, List<SeriesSummary> series, List<Diagnostic> messages, Verdict verdict,
        List<Trend> trends) {

    /** Version of the {@code perf-report.json} schema; raise it on any incompatible change. */
    public static final int SCHEMA_VERSION = 2;

    public GateReport {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(budgetFile, "budgetFile");
        Objects.requireNonNull(verdict, "verdict");
        sources = List.copyOf(sources);
        lines = List.copyOf(lines);
        series = List.copyOf(series);
        messages = List.copyOf(messages);
        trends = List.copyOf(trends);
    }

    /** A report without trends, for an evaluation without history. */
    public GateReport(Instant createdAt, String budgetFile, List<ResultSource> sources, List<LineResult> lines,
            List<SeriesSummary> series, List<Diagnostic> messages, Verdict verdict) {
        this(createdAt, budgetFile, sources, lines, series, messages, verdict, List.of());
    }

    /** This report with {@code trends}, e.g. once the run has been recorded in the history. */
    public GateReport withTrends(List<Trend> trends) {
        return new GateReport(createdAt, budgetFile, sources, lines, series, messages, verdict, trends);
    }

    public long count(Verdict wanted) {
        return lines.stream().filter(line -> line.verdict() == wanted).count();
    }
}
