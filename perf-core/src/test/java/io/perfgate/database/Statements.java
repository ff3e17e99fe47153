package io.perfgate.database;

import io.perfgate.budget.Budget;
import io.perfgate.budget.BudgetParser;
import io.perfgate.budget.DatabaseLine;
import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.RunDuration;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Tags;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Builders for the database tests: snapshots, changes, budgets and load results. */
final class Statements {

    static final String DATABASE = "db.example:5432/shop";
    static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

    private Statements() {
    }

    static StatementStatistics statement(long queryId, String query, long calls, double totalTimeMs, long rows) {
        return new StatementStatistics(new StatementKey(10, 16384, queryId, true), "shop", query, calls, totalTimeMs,
                calls == 0 ? 0 : totalTimeMs / calls, totalTimeMs, rows, calls * 4, calls / 10, Optional.empty());
    }

    static StatementSnapshot snapshot(Instant at, StatementStatistics... statements) {
        return new StatementSnapshot(at, DATABASE, "17.5", 170005, "1.11", Optional.of(T0.minusSeconds(86_400)),
                OptionalLong.of(0), List.of(statements));
    }

    static StatementChange change(long queryId, String query, long calls, double totalTimeMs, long rows) {
        return new StatementChange(new StatementKey(10, 16384, queryId, true), "shop", query, calls, totalTimeMs, rows,
                0, 0, StatementChange.Origin.DIFFERENCE);
    }

    static StatementChanges changes(StatementChange... changes) {
        return new StatementChanges(DATABASE, T0, T0.plusSeconds(60), List.of(changes), List.of());
    }

    /** The database lines of a budget written as YAML {@code thresholds} entries. */
    static List<DatabaseLine> lines(String thresholds) {
        return budget(thresholds).databaseLines();
    }

    static Budget budget(String thresholds) {
        return BudgetParser.parse(new StringReader("thresholds:\n" + thresholds.indent(2)), "perf-budget.yaml");
    }

    /** Load results with {@code requests} HTTP requests and, when positive, {@code iterations} iterations. */
    static RunResults load(int requests, int iterations) {
        ResultsCollector collector = new ResultsCollector(Set.of(SeriesKey.of("http_reqs")), new Diagnostics());
        collector.declareMetric("http_reqs", MetricType.COUNTER, MetricContents.DEFAULT);
        for (int i = 0; i < requests; i++) {
            collector.sample("http_reqs", Tags.empty(), 1, i * 1_000_000L);
        }
        if (iterations > 0) {
            collector.declareMetric("iterations", MetricType.COUNTER, MetricContents.DEFAULT);
            for (int i = 0; i < iterations; i++) {
                collector.sample("iterations", Tags.empty(), 1, i * 1_000_000L);
            }
        }
        collector.addRunDuration(RunDuration.stated(60));
        return collector.results();
    }
}
