package io.perfgate.model;

import io.perfgate.diag.Diagnostic;
import io.perfgate.ingest.ResultSource;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
 * @param database   what the database ran during the load, from {@code pg_stat_statements}; empty
 *                   without a usable pair of snapshots
 */
public record GateReport(Instant createdAt, String budgetFile, List<ResultSource> sources,
        List<LineResult> lines, List<SeriesSummary> series, List<Diagnostic> messages, Verdict verdict,
        List<Trend> trends, Optional<DatabaseSection> database) {

    /** Version of the {@code perf-report.json} schema; raise it on any incompatible change. */
    public static final int SCHEMA_VERSION = 2;

    public GateReport {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(budgetFile, "budgetFile");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(database, "database");
        sources = List.copyOf(sources);
        lines = List.copyOf(lines);
        series = List.copyOf(series);
        messages = List.copyOf(messages);
        trends = List.copyOf(trends);
    }

    /** A report without a database section. */
    public GateReport(Instant createdAt, String budgetFile, List<ResultSource> sources, List<LineResult> lines,
            List<SeriesSummary> series, List<Diagnostic> messages, Verdict verdict, List<Trend> trends) {
        this(createdAt, budgetFile, sources, lines, series, messages, verdict, trends, Optional.empty());
    }

    /** A report without trends or a database section, for an evaluation without history or snapshots. */
    public GateReport(Instant createdAt, String budgetFile, List<ResultSource> sources, List<LineResult> lines,
            List<SeriesSummary> series, List<Diagnostic> messages, Verdict verdict) {
        this(createdAt, budgetFile, sources, lines, series, messages, verdict, List.of(), Optional.empty());
    }

    /** This report with {@code trends}, e.g. once the run has been recorded in the history. */
    public GateReport withTrends(List<Trend> trends) {
        return new GateReport(createdAt, budgetFile, sources, lines, series, messages, verdict, trends, database);
    }

    /** This report with {@code database} as its database section. */
    public GateReport withDatabase(Optional<DatabaseSection> database) {
        return new GateReport(createdAt, budgetFile, sources, lines, series, messages, verdict, trends, database);
    }

    public long count(Verdict wanted) {
        return lines.stream().filter(line -> line.verdict() == wanted).count();
    }
}
