package io.perfgate.gate;

import io.perfgate.history.RecordedStatements;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.StatementPlan;
import io.perfgate.model.StatementShift;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * The database statements whose calls per request or mean time moved against the baseline runs, or whose
 * plan changed: new statements first, then those whose calls per request or mean time changed by the
 * largest factor (the N+1 pattern's 500-fold calls before a mean 1.4 times as long), then by how much
 * they changed the database time per request. A statement counts by its normalized text (the
 * same text run by two roles is one statement). A baseline run that kept all its statements and not
 * this one did not run it; one that kept only some says nothing of it.
 */
final class StatementShifts {

    /** Statements named per line. */
    static final int SHOWN = 3;
    /** A change of calls per request or mean time by at least this share counts as a move. */
    static final double MOVE = 0.2;
    /**
     * A move that changed the database time per request by less than this share of the run's database time
     * per request is left out: a statement too small to matter.
     */
    static final double SHARE_OF_DATABASE_TIME = 0.01;

    /** One statement of one run, its entries taken together, with the plan of the busiest. */
    private record Statement(long queryId, String query, OptionalDouble callsPerRequest, double meanTimeMs,
            Optional<StatementPlan> plan) {
    }

    /** No statements to compare. */
    static final StatementShifts NONE = new StatementShifts(List.of());

    private final List<StatementShift> moved;

    private StatementShifts(List<StatementShift> moved) {
        this.moved = moved;
    }

    /**
     * The moves of this run's statements against the baseline runs that kept statements.
     *
     * @param current     every statement this run's database ran, with calls per request
     * @param baseline    the statements each baseline run kept
     * @param description how the sentences name the baseline, e.g. {@code 5 runs of main}
     */
    static StatementShifts of(List<DatabaseStatementRow> current, List<RecordedStatements> baseline,
            String description) {
        Map<String, Statement> now = byText(current);
        double databaseTimePerRequest = 0;
        for (Statement statement : now.values()) {
            if (statement.callsPerRequest().isEmpty()) {
                return new StatementShifts(List.of()); // without requests counted, there is nothing per request
            }
            databaseTimePerRequest += statement.callsPerRequest().getAsDouble() * statement.meanTimeMs();
        }
        List<Map<String, Statement>> before = baseline.stream().map(run -> byText(run.statements())).toList();
        List<Move> moves = new ArrayList<>();
        for (Map.Entry<String, Statement> entry : now.entrySet()) {
            Statement statement = entry.getValue();
            List<OptionalDouble> calls = new ArrayList<>();
            List<OptionalDouble> means = new ArrayList<>();
            List<StatementPlan> plans = new ArrayList<>();
            for (int run = 0; run < before.size(); run++) {
                Statement then = before.get(run).get(entry.getKey());
                if (then != null) {
                    calls.add(then.callsPerRequest());
                    means.add(OptionalDouble.of(then.meanTimeMs()));
                    then.plan().ifPresent(plans::add);
                } else if (baseline.get(run).complete()) {
                    calls.add(OptionalDouble.of(0));
                }
            }
            Optional<String> planChange = statement.plan().flatMap(plan -> usual(plans).flatMap(plan::changeFrom));
            OptionalDouble baselineCalls = LineExplanations.median(calls);
            if (baselineCalls.isEmpty()) {
                continue; // no baseline run can tell
            }
            OptionalDouble baselineMean = baselineCalls.getAsDouble() == 0 ? OptionalDouble.empty()
                    : LineExplanations.median(means);
            if (baselineMean.isEmpty() && baselineCalls.getAsDouble() > 0) {
                continue; // the runs that ran it did not count its requests
            }
            double callsNow = statement.callsPerRequest().getAsDouble();
            double timeBefore = baselineMean.isPresent() ? baselineCalls.getAsDouble() * baselineMean.getAsDouble() : 0;
            double timeChange = Math.abs(callsNow * statement.meanTimeMs() - timeBefore);
            boolean moved = baselineMean.isEmpty() || changed(callsNow, baselineCalls.getAsDouble())
                    || changed(statement.meanTimeMs(), baselineMean.getAsDouble());
            double floor = SHARE_OF_DATABASE_TIME * databaseTimePerRequest;
            // a changed plan is named when the statement matters, however little its time moved
            boolean named = moved ? timeChange > 0 && timeChange >= floor
                    : planChange.isPresent() && Math.max(timeBefore, callsNow * statement.meanTimeMs()) >= floor;
            if (named) {
                double size = baselineMean.isEmpty() ? Double.POSITIVE_INFINITY
                        : Math.max(ratio(callsNow, baselineCalls.getAsDouble()),
                                ratio(statement.meanTimeMs(), baselineMean.getAsDouble()));
                moves.add(new Move(StatementShift.of(statement.queryId(), statement.query(), callsNow,
                        statement.meanTimeMs(), baselineCalls.getAsDouble(), baselineMean, planChange, description),
                        size, timeChange));
            }
        }
        moves.sort(Comparator.comparingDouble(Move::size).thenComparingDouble(Move::timeChange).reversed());
        return new StatementShifts(moves.stream().map(Move::shift).toList());
    }

    /**
     * A statement that moved: by how much (the larger factor its calls per request or mean time changed
     * by, infinite for a new statement), and by how much that changed the database time per request.
     */
    private record Move(StatementShift shift, double size, double timeChange) {
    }

    /** How many times larger or smaller {@code now} is than {@code before}, as a factor of at least 1. */
    private static double ratio(double now, double before) {
        if (now == before) {
            return 1;
        }
        if (now == 0 || before == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return now > before ? now / before : before / now;
    }

    /** The plan most baseline runs had, the newest run's of those alike; empty when none kept a plan. */
    private static Optional<StatementPlan> usual(List<StatementPlan> plans) {
        Map<String, Long> counts = new LinkedHashMap<>();
        plans.forEach(plan -> counts.merge(plan.shapeHash(), 1L, Long::sum));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue())
                .flatMap(most -> plans.stream().filter(plan -> plan.shapeHash().equals(most.getKey())).findFirst());
    }

    private static boolean changed(double now, double before) {
        return before == 0 ? now > 0 : Math.abs(now / before - 1) >= MOVE;
    }

    /** The statements that moved, in the order above. */
    List<StatementShift> all() {
        return moved;
    }

    /** The first {@value #SHOWN} of the moved statements whose text {@code selects} takes. */
    List<StatementShift> shown(Predicate<String> selects) {
        return moved.stream().filter(shift -> selects.test(shift.query())).limit(SHOWN).toList();
    }

    /**
     * A run's statements by text: calls, times and calls per request of the entries with one text add up;
     * the query id is that of the entry with the most time. An entry whose text PostgreSQL lost counts by its id.
     */
    private static Map<String, Statement> byText(List<DatabaseStatementRow> rows) {
        Map<String, List<DatabaseStatementRow>> grouped = new LinkedHashMap<>();
        for (DatabaseStatementRow row : rows) {
            String text = row.query().isEmpty() ? "(text unknown, queryid " + row.queryId() + ")" : row.query();
            grouped.computeIfAbsent(text, unused -> new ArrayList<>()).add(row);
        }
        Map<String, Statement> statements = new LinkedHashMap<>();
        grouped.forEach((text, entries) -> {
            long calls = entries.stream().mapToLong(DatabaseStatementRow::calls).sum();
            double total = entries.stream().mapToDouble(DatabaseStatementRow::totalTimeMs).sum();
            boolean perRequest = entries.stream().allMatch(entry -> entry.callsPerRequest().isPresent());
            OptionalDouble callsPerRequest = perRequest ? OptionalDouble.of(entries.stream()
                    .mapToDouble(entry -> entry.callsPerRequest().getAsDouble()).sum()) : OptionalDouble.empty();
            DatabaseStatementRow busiest = entries.stream()
                    .max(Comparator.comparingDouble(DatabaseStatementRow::totalTimeMs)).orElseThrow();
            statements.put(text, new Statement(busiest.queryId(), busiest.query(), callsPerRequest, total / calls,
                    busiest.plan()));
        });
        return statements;
    }
}
