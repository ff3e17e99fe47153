package io.perfgate.database;

import static io.perfgate.database.Statements.change;
import static io.perfgate.database.Statements.changes;
import static io.perfgate.database.Statements.lines;
import static io.perfgate.database.Statements.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.budget.DatabaseLine;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseEvaluatorTest {

    /** 20 requests that each listed bookings once and then looked up each booking's guest. */
    private static final StatementChanges N_PLUS_ONE = changes(
            change(1, "SELECT id, guest_id FROM bookings WHERE day = $1", 20, 8.0, 200),
            change(2, "SELECT name FROM guests WHERE id = $1", 200, 40.0, 200));

    private static LineResult only(String thresholds, StatementChanges changes, LoadCounts counts) {
        List<DatabaseLine> lines = lines(thresholds);
        assertThat(lines).hasSize(1);
        return DatabaseEvaluator.evaluate(lines.get(0), changes, counts);
    }

    @Test
    void shouldCatchNPlusOneAsCallsPerRequest() {
        LineResult result = only("db.query: [\"calls_per_request<=3\"]", N_PLUS_ONE, LoadCounts.of(load(20, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.observed()).hasValue(11.0);
        assertThat(result.sentence()).isEqualTo("db.query calls_per_request is 11, but the budget is <= 3");
        assertThat(result.observedText()).isEqualTo("11");
        assertThat(result.limitText()).isEqualTo("<= 3");
    }

    @Test
    void shouldTakeMatchingStatementsTogether() {
        LineResult result = only("db.query{match:\"from bookings\"}: [\"calls_per_request<=3\"]", N_PLUS_ONE,
                LoadCounts.of(load(20, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.sentence())
                .isEqualTo("db.query{match:\"from bookings\"} calls_per_request is 1, within the budget of <= 3");
    }

    @Test
    void shouldNameTheWorstStatementOfAnEachQueryLine() {
        LineResult result = only("db.each_query: [\"calls_per_request<=3\"]", N_PLUS_ONE, LoadCounts.of(load(20, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.sentence()).isEqualTo("db.each_query calls_per_request is 10 for \"SELECT name FROM guests "
                + "WHERE id = $1\" (the worst of 2 statements), but the budget is <= 3");
    }

    @Test
    void shouldPrintTimesInTheLimitsUnit() {
        StatementChanges slow = changes(change(1, "SELECT report()", 4, 5000.0, 4),
                change(2, "SELECT 1", 1000, 100.0, 1000));

        assertThat(only("db.each_query: [\"mean<1s\"]", slow, LoadCounts.of(load(20, 0))).sentence())
                .isEqualTo("db.each_query mean is 1.25 s for \"SELECT report()\" (the worst of 2 statements), "
                        + "but the budget is < 1 s");
        assertThat(only("db.query: [\"mean<100\"]", slow, LoadCounts.of(load(20, 0))).sentence())
                .isEqualTo("db.query mean is 5.08 ms, within the budget of < 100 ms");
        assertThat(only("db.query: [\"total<=6s\"]", slow, LoadCounts.of(load(20, 0))).sentence())
                .isEqualTo("db.query total is 5.1 s, within the budget of <= 6 s");
    }

    @Test
    void shouldMeasureCallsRowsAndCallsPerIteration() {
        LoadCounts counts = LoadCounts.of(load(20, 10));

        assertThat(only("db.query: [\"calls<200\"]", N_PLUS_ONE, counts).sentence())
                .isEqualTo("db.query calls is 220, but the budget is < 200");
        assertThat(only("db.query{match:bookings}: [\"rows_per_call<=10\"]", N_PLUS_ONE, counts).sentence())
                .isEqualTo("db.query{match:\"bookings\"} rows_per_call is 10, within the budget of <= 10");
        assertThat(only("db.query: [\"calls_per_iteration<=22\"]", N_PLUS_ONE, counts).sentence())
                .isEqualTo("db.query calls_per_iteration is 22, within the budget of <= 22");
    }

    @Test
    void shouldPickTheLowestStatementAgainstALowerLimit() {
        LineResult result = only("db.each_query: [\"rows_per_call>=5\"]", N_PLUS_ONE, LoadCounts.of(load(20, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.sentence()).startsWith("db.each_query rows_per_call is 1 for \"SELECT name FROM guests");
    }

    @Test
    void shouldWarnForAWarnLine() {
        LineResult result = only("db.query:\n  - threshold: \"calls_per_request<=3\"\n    severity: warn", N_PLUS_ONE,
                LoadCounts.of(load(20, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.WARN);
        assertThat(result.sentence()).isEqualTo("db.query calls_per_request is 11, but the budget is <= 3");
    }

    @Test
    void shouldNotPrintTheLimitForAValueJustAboveIt() {
        StatementChanges changes = changes(change(1, "SELECT 1", 30001, 1.0, 1));

        assertThat(only("db.query: [\"calls_per_request<=3\"]", changes, LoadCounts.of(load(10_000, 0))).sentence())
                .isEqualTo("db.query calls_per_request is 3.0001, but the budget is <= 3");
    }

    @Test
    void shouldFailClosedWhenNoStatementMatches() {
        LineResult result = only("db.query{match:\"from bokings\"}: [\"calls_per_request<=3\"]", N_PLUS_ONE,
                LoadCounts.of(load(20, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.observed()).isEmpty();
        assertThat(result.sentence()).isEqualTo("db.query{match:\"from bokings\"} calls_per_request could not be "
                + "evaluated: match \"from bokings\" selected none of the 2 statements the database ran between the "
                + "snapshots (perf-budget.yaml line 2, column 36)");
    }

    @Test
    void shouldFailClosedWhenTheDatabaseRanNothing() {
        LineResult result = only("db.each_query: [\"mean<100ms\"]", changes(), LoadCounts.of(load(20, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.sentence()).startsWith("db.each_query mean could not be evaluated: the database "
                + "db.example:5432/shop ran no statement between the snapshots;");
    }

    @Test
    void shouldFailClosedWithoutRequestsToDivideBy() {
        LineResult result = only("db.query: [\"calls_per_request<=3\"]", N_PLUS_ONE, LoadCounts.of(load(0, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.sentence()).startsWith("db.query calls_per_request could not be evaluated: the load results"
                + " count no HTTP requests (").contains(", so calls per request cannot be told (perf-budget.yaml");
    }

    @Test
    void shouldFailClosedWithoutIterationsAndSuggestRequests() {
        LineResult result = only("db.query: [\"calls_per_iteration<=3\"]", N_PLUS_ONE, LoadCounts.of(load(20, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.sentence()).contains("the load results count no iterations (no metric iterations in the "
                + "results").contains("use calls_per_request");
    }

    @Test
    void shouldGiveEveryLineTheSameReasonWhenThereIsNothingToJudge() {
        DatabaseReading failed = DatabaseReading.unusable("the snapshot failed");
        List<LineResult> results = lines("db.query: [\"calls_per_request<=3\", \"mean<10ms\"]").stream()
                .map(line -> failed.judge(line, LoadCounts.of(load(1, 0)))).toList();

        assertThat(results).extracting(LineResult::verdict).containsExactly(Verdict.ERROR, Verdict.ERROR);
        assertThat(results).extracting(LineResult::sentence).containsExactly(
                "db.query calls_per_request could not be evaluated: the snapshot failed (perf-budget.yaml line 2, "
                        + "column 14)",
                "db.query mean could not be evaluated: the snapshot failed (perf-budget.yaml line 2, column 38)");
        assertThat(results).extracting(LineResult::limitText).containsExactly("<= 3", "< 10 ms");
    }

    @Test
    void shouldStopABacktrackingMatchWithinItsBudgetAndSayWhichLine() {
        // Unbounded, java.util.regex spent 42 s on this one statement.
        StatementChanges long_ = changes(change(1, "a".repeat(40_000) + "!", 5, 1.0, 5));
        long started = System.nanoTime();

        LineResult result = only("db.query{match:\"(a+)+$\"}: [\"calls<=3\"]", long_, LoadCounts.of(load(20, 0)));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.sentence()).isEqualTo("db.query{match:\"(a+)+$\"} calls could not be evaluated: match "
                + "\"(a+)+$\" looked at more than 100,000,000 characters in 1 statement (the last one 40001 characters "
                + "long) and was stopped: it backtracks, as nested repetitions such as (a+)+ do; write it so that each "
                + "character can match in one way only (perf-budget.yaml line 2, column 30)");
    }

    @Test
    void shouldShareTheBudgetAmongTheStatementsOfALine() {
        // Each statement costs millions of steps, well under the budget alone; together they are over it.
        List<StatementChange> statements = new ArrayList<>();
        for (int id = 1; id <= 400; id++) {
            statements.add(change(id, "a".repeat(2_000) + "!", 1, 1.0, 1));
        }
        StatementChanges many = new StatementChanges(Statements.DATABASE, Statements.T0, Statements.T0.plusSeconds(1),
                statements, List.of());

        LineResult result = only("db.each_query{match:\"(a+)+$\"}: [\"calls<=3\"]", many,
                LoadCounts.of(load(20, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.sentence()).containsPattern("looked at more than 100,000,000 characters in [1-9][0-9]+ "
                + "statements \\(the last one 2001 characters long\\)");
    }

    @Test
    void shouldStopAMatchThatRecursesOrBacktracksOverALongStatement() {
        // Unbounded, this took 55 s (or overflowed the stack, depending on the thread's stack size).
        StatementChanges long_ = changes(change(1, "select x ".repeat(4_500), 5, 1.0, 5));

        LineResult result = only("db.query{match:\"(\\\\w+\\\\s?)+;\"}: [\"calls<=3\"]", long_,
                LoadCounts.of(load(20, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.sentence()).startsWith("db.query{match:\"(\\\\w+\\\\s?)+;\"} calls could not be "
                + "evaluated: match \"(\\\\w+\\\\s?)+;\" ").contains(" and was stopped: ")
                .endsWith("(perf-budget.yaml line 2, column 36)");
    }

    @Test
    void shouldSearchMuchStatementTextWithAPlainMatchWithinTheBudget() {
        // 20 million characters: far more than a pg_stat_statements view holds, far less than the budget.
        List<StatementChange> statements = new ArrayList<>();
        for (int id = 1; id <= 500; id++) {
            statements.add(change(id, "SELECT name FROM guests WHERE id = $1 ".repeat(1_000) + " -- " + id, 1, 1.0, 1));
        }
        statements.add(change(501, "SELECT id FROM bookings WHERE day = $1", 7, 1.0, 7));
        StatementChanges many = new StatementChanges(Statements.DATABASE, Statements.T0, Statements.T0.plusSeconds(1),
                statements, List.of());

        LineResult result = only("db.query{match:\"from bookings\"}: [\"calls<=7\"]", many,
                LoadCounts.of(load(20, 0)));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.observed()).hasValue(7.0);
    }
}
