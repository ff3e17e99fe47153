package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.history.RecordedStatements;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.StatementPlan;
import io.perfgate.model.StatementShift;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class StatementShiftsTest {

    private static final String GUEST = "SELECT name FROM guests WHERE id = $1";
    private static final String BOOKINGS = "SELECT id, guest_id FROM bookings WHERE day = $1";
    private static final String ROOMS = "SELECT id, name FROM rooms ORDER BY name";

    /** A statement of a load of 1000 requests. */
    private static DatabaseStatementRow row(long queryId, String query, long calls, double meanTimeMs) {
        return new DatabaseStatementRow(queryId, "app", query, calls, OptionalDouble.of(calls / 1000.0), meanTimeMs,
                calls * meanTimeMs, calls);
    }

    private static RecordedStatements complete(DatabaseStatementRow... rows) {
        return new RecordedStatements(rows.length, List.of(rows));
    }

    @Test
    void shouldNameTheNPlusOnePatternAndTheStatementItBroughtFirst() {
        List<DatabaseStatementRow> now = List.of(row(1, BOOKINGS, 1000, 0.05), row(2, GUEST, 10_000, 0.02),
                row(3, ROOMS, 400, 0.1));
        List<RecordedStatements> baseline = List.of(
                complete(row(11, BOOKINGS, 1000, 0.05), row(13, ROOMS, 400, 0.1)),
                complete(row(21, BOOKINGS, 1000, 0.052), row(23, ROOMS, 400, 0.11)));

        List<StatementShift> moved = StatementShifts.of(now, baseline, "2 runs of main").all();

        assertThat(moved).singleElement().satisfies(shift -> {
            assertThat(shift.queryId()).isEqualTo(2);
            assertThat(shift.newSinceBaseline()).isTrue();
            assertThat(shift.callsPerRequest()).isEqualTo(10.0);
            assertThat(shift.sentence()).isEqualTo("\"SELECT name FROM guests WHERE id = $1\": new since the baseline "
                    + "of 2 runs of main, 10 calls per request, mean 20 µs");
        });
    }

    @Test
    void shouldRankNewStatementsFirstThenTheLargestFactorOfChange() {
        // as the demo measured the N+1 pattern: the listing's mean up by a third is more database time per
        // request than the guest query's 500-fold calls, but the calls are what changed
        List<DatabaseStatementRow> now = List.of(row(1, ROOMS, 200, 26.2), row(2, GUEST, 100_800, 0.0059),
                row(3, BOOKINGS, 200, 0.38), row(4, "SELECT 1", 1000, 0.01));
        List<RecordedStatements> baseline = List.of(complete(row(11, ROOMS, 200, 18.9), row(12, GUEST, 200, 0.045),
                row(14, "SELECT 1", 1000, 0.01)));

        List<StatementShift> moved = StatementShifts.of(now, baseline, "5 runs of main").all();

        assertThat(moved).extracting(StatementShift::queryId).containsExactly(3L, 2L, 1L);
        assertThat(moved.get(1).sentence()).isEqualTo("\"SELECT name FROM guests WHERE id = $1\": 0.2 → 100.8 calls per"
                + " request, mean 45 → 5.9 µs, against the baseline of 5 runs of main");
        assertThat(moved.get(2).sentence()).isEqualTo("\"SELECT id, name FROM rooms ORDER BY name\": 0.2 → 0.2 calls per"
                + " request, mean 18.9 → 26.2 ms, against the baseline of 5 runs of main");
    }

    @Test
    void shouldLeaveOutMovesTooSmallToMatterAndNoiseBelowAFifth() {
        List<DatabaseStatementRow> now = List.of(row(1, BOOKINGS, 1000, 10.0), row(2, "SELECT 1", 1000, 0.004),
                row(3, ROOMS, 1000, 0.115));
        List<RecordedStatements> baseline = List.of(complete(row(11, BOOKINGS, 1000, 10.0),
                row(12, "SELECT 1", 1000, 0.002), row(13, ROOMS, 1000, 0.1)));

        // SELECT 1 doubled but is 0.02% of the database time; rooms moved 15%, within noise
        assertThat(StatementShifts.of(now, baseline, "1 run of main").all()).isEmpty();
    }

    @Test
    void shouldNotCallAStatementNewWhenTheBaselineKeptOnlySomeOfItsStatements() {
        List<DatabaseStatementRow> now = List.of(row(1, BOOKINGS, 1000, 0.05), row(2, GUEST, 10_000, 0.02));
        RecordedStatements partial = new RecordedStatements(40, List.of(row(11, BOOKINGS, 1000, 0.05)));

        assertThat(StatementShifts.of(now, List.of(partial), "1 run of main").all()).as("no run can tell").isEmpty();
        assertThat(StatementShifts.of(now, List.of(partial, complete(row(21, BOOKINGS, 1000, 0.05))), "2 runs of main")
                .all()).singleElement().satisfies(shift -> assertThat(shift.newSinceBaseline()).isTrue());
    }

    @Test
    void shouldTakeTheEntriesOfOneTextTogether() {
        List<DatabaseStatementRow> now = List.of(row(1, GUEST, 6000, 0.02), row(5, GUEST, 4000, 0.02),
                row(2, BOOKINGS, 1000, 0.05));
        List<RecordedStatements> baseline = List.of(complete(row(11, GUEST, 400, 0.02), row(12, BOOKINGS, 1000, 0.05)));

        List<StatementShift> moved = StatementShifts.of(now, baseline, "1 run of main").all();

        assertThat(moved).singleElement().satisfies(shift -> {
            assertThat(shift.callsPerRequest()).isEqualTo(10.0);
            assertThat(shift.queryId()).as("the busiest entry's").isEqualTo(1);
        });
    }

    @Test
    void shouldShowAtMostThreeOfTheStatementsALineSelects() {
        List<DatabaseStatementRow> now = List.of(row(1, "SELECT a FROM guests", 5000, 0.1),
                row(2, "SELECT b FROM guests", 4000, 0.1), row(3, "SELECT c FROM guests", 3000, 0.1),
                row(4, "SELECT d FROM guests", 2000, 0.1), row(5, BOOKINGS, 9000, 0.1));
        StatementShifts shifts = StatementShifts.of(now, List.of(complete()), "1 run of main");

        assertThat(shifts.all()).extracting(StatementShift::queryId).containsExactly(5L, 1L, 2L, 3L, 4L);
        assertThat(shifts.shown(text -> text.contains("guests"))).extracting(StatementShift::queryId)
                .containsExactly(1L, 2L, 3L);
    }

    private static DatabaseStatementRow planned(DatabaseStatementRow row, String hash, String shape) {
        return new DatabaseStatementRow(row.queryId(), row.user(), row.query(), row.calls(), row.callsPerRequest(),
                row.meanTimeMs(), row.totalTimeMs(), row.rows(), Optional.of(new StatementPlan(hash, shape, "")));
    }

    @Test
    void shouldSayThatThePlanChangedAgainstThePlanMostBaselineRunsHad() {
        String indexed = "Index Scan: Index Scan on bookings";
        List<DatabaseStatementRow> now = List.of(planned(row(1, BOOKINGS, 1000, 0.052), "00000000000000bb",
                "Seq Scan: Seq Scan on bookings"), row(2, ROOMS, 400, 0.1));
        List<RecordedStatements> baseline = List.of(
                complete(planned(row(11, BOOKINGS, 1000, 0.05), "00000000000000aa", indexed), row(12, ROOMS, 400, 0.1)),
                complete(planned(row(21, BOOKINGS, 1000, 0.05), "00000000000000cc", "Bitmap Heap Scan: Bitmap Heap"
                        + " Scan on bookings"), row(22, ROOMS, 400, 0.1)),
                complete(planned(row(31, BOOKINGS, 1000, 0.05), "00000000000000aa", indexed), row(32, ROOMS, 400, 0.1)));

        List<StatementShift> moved = StatementShifts.of(now, baseline, "3 runs of main").all();

        // the mean moved 4%, within noise: the changed plan alone names the statement
        assertThat(moved).singleElement().satisfies(shift -> {
            assertThat(shift.planChange()).contains("Index Scan → Seq Scan on bookings");
            assertThat(shift.sentence()).endsWith("; the plan changed since the baseline (Index Scan → Seq Scan on"
                    + " bookings)");
        });
        assertThat(StatementShifts.of(List.of(planned(row(1, BOOKINGS, 1000, 0.05), "00000000000000aa", indexed)),
                baseline, "3 runs of main").all()).as("the usual plan").isEmpty();
    }

    @Test
    void shouldSayNothingWithoutRequestsToCountCallsBy() {
        DatabaseStatementRow uncounted = new DatabaseStatementRow(1, "app", GUEST, 100, OptionalDouble.empty(), 0.02, 2,
                100);

        assertThat(StatementShifts.of(List.of(uncounted), List.of(complete()), "1 run of main").all()).isEmpty();
    }
}
