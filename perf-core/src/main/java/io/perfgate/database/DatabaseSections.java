package io.perfgate.database;

import io.perfgate.budget.DatabaseLine;
import io.perfgate.budget.DatabaseSelector;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.StatementPlan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Builds the report's database section from what the statements did during the load run. */
public final class DatabaseSections {

    private static final Comparator<StatementChange> HIGHEST_MEAN_FIRST = Comparator
            .comparingDouble(StatementChange::meanTimeMs).reversed()
            .thenComparing(Comparator.comparingLong(StatementChange::calls).reversed())
            .thenComparingLong(change -> change.key().queryId());

    /** Statements a run keeps in the history for the time they took. */
    public static final int KEPT_BY_TIME = 20;
    /** Most statements a run keeps in the history. */
    public static final int KEPT = 100;

    private DatabaseSections() {
    }

    /** The top statements by total and by mean time, with calls per request where the results count requests. */
    public static DatabaseSection of(StatementChanges changes, LoadCounts counts) {
        long calls = 0;
        double total = 0;
        for (StatementChange change : changes.statements()) {
            calls += change.calls();
            total += change.totalTimeMs();
        }
        // the changes come longest total time first
        List<DatabaseStatementRow> byTotal = changes.statements().stream().limit(DatabaseSection.TOP)
                .map(change -> row(change, counts, changes.plans())).toList();
        List<DatabaseStatementRow> byMean = changes.statements().stream().sorted(HIGHEST_MEAN_FIRST)
                .limit(DatabaseSection.TOP).map(change -> row(change, counts, changes.plans())).toList();
        OptionalLong requests = counts.requests().isPresent()
                ? OptionalLong.of(Math.round(counts.requests().getAsDouble())) : OptionalLong.empty();
        return new DatabaseSection(changes.database(), changes.from(), changes.to(), changes.statements().size(), calls,
                total, requests, byTotal, byMean, changes.notes());
    }

    /**
     * Every statement that ran, with calls per request where the results count requests and its plan's
     * shape where one was taken, by total time.
     */
    public static List<DatabaseStatementRow> rows(StatementChanges changes, LoadCounts counts) {
        return changes.statements().stream().map(change -> shapeOnly(row(change, counts, changes.plans()))).toList();
    }

    /**
     * The statements a run keeps in the history: the {@value #KEPT_BY_TIME} that took most time and those a
     * database line selects by its {@code match}, by total time, at most {@value #KEPT} in all. Lines without a
     * {@code match} select every statement; the ones that matter to them are among those that took most time.
     */
    public static List<DatabaseStatementRow> kept(StatementChanges changes, LoadCounts counts, List<DatabaseLine> lines) {
        List<DatabaseSelector> matching = lines.stream().map(DatabaseLine::selector)
                .filter(selector -> selector.match().isPresent()).toList();
        List<DatabaseStatementRow> kept = new ArrayList<>();
        // the changes come longest total time first
        for (StatementChange change : changes.statements()) {
            boolean selected = matching.stream().anyMatch(selector -> selector.selects(change.query()));
            if (kept.size() < KEPT && (kept.size() < KEPT_BY_TIME || selected)) {
                kept.add(shapeOnly(row(change, counts, changes.plans())));
            }
        }
        return kept;
    }

    private static DatabaseStatementRow row(StatementChange change, LoadCounts counts, StatementPlans plans) {
        OptionalDouble perRequest = counts.requests().isPresent()
                ? OptionalDouble.of(change.calls() / counts.requests().getAsDouble()) : OptionalDouble.empty();
        return new DatabaseStatementRow(change.key().queryId(), change.user(), change.query(), change.calls(),
                perRequest, change.meanTimeMs(), change.totalTimeMs(), change.rows(),
                Optional.ofNullable(plans.plans().get(change.key())));
    }

    /** The history keeps a plan's shape; its text stays in the snapshot and the report. */
    private static DatabaseStatementRow shapeOnly(DatabaseStatementRow row) {
        return row.plan().isEmpty() ? row : new DatabaseStatementRow(row.queryId(), row.user(), row.query(),
                row.calls(), row.callsPerRequest(), row.meanTimeMs(), row.totalTimeMs(), row.rows(),
                row.plan().map(StatementPlan::shapeOnly));
    }
}
