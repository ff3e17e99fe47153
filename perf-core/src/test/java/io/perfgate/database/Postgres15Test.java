package io.perfgate.database;

import static io.perfgate.database.Statements.T0;
import static io.perfgate.database.Statements.budget;
import static io.perfgate.database.Statements.load;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.budget.Budget;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.MavenLikeSpelling;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.postgres.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL 15, the newest server without {@code EXPLAIN (GENERIC_PLAN)}, with pg_stat_statements 1.10:
 * the snapshots, the plans note and the database budgets on it, beside the same on the PostgreSQL 17 of the
 * other database tests.
 */
class Postgres15Test {

    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    /** Only lines without a time in their sentence, so the two servers' sentences can be compared word for word. */
    private static final Budget COUNTING_BUDGET = budget("""
            db.query: ["calls_per_request<=3", "calls<=1000"]
            db.each_query: ["calls_per_request<=3", "rows_per_call<=5"]
            db.query{match:"from guests"}: ["calls<=100", "rows_per_call<=1"]
            """);

    @TempDir
    Path folder;

    /** What a load on one server came to: the gate's lines, its database section and its messages. */
    private record Judged(StatementSnapshot after, List<LineResult> lines, DatabaseSection section,
            List<Diagnostic> diagnostics) {

        /** Each statement's counts, by text; the times, which no two runs share, left out. */
        List<String> counts() {
            return section.byTotalTime().stream().sorted(Comparator.comparing(DatabaseStatementRow::query))
                    .map(row -> row.query() + ": " + row.calls() + " calls, " + row.rows() + " rows, "
                            + row.callsPerRequest() + " per request")
                    .toList();
        }
    }

    /** 20 requests of the N+1 version of the bookings page on {@code server}, between the two snapshots. */
    private Judged serveNPlusOneOn(TestPostgres server, Path snapshots) throws SQLException {
        Bookings bookings = Bookings.create(server, true);
        SnapshotAttempt before = DatabaseSnapshots.takeBefore(bookings.settings(), snapshots, CLOCK);
        bookings.serveNPlusOne(20);
        SnapshotAttempt after = DatabaseSnapshots.takeAfter(bookings.settings(), snapshots, CLOCK);
        assertThat(before).as("the snapshot before the load").isInstanceOf(StatementSnapshot.class);
        assertThat(after).as("the snapshot after the load").isInstanceOf(StatementSnapshot.class);

        Diagnostics diagnostics = new Diagnostics();
        DatabaseReading reading = DatabaseBudgets.read(COUNTING_BUDGET, snapshots, MavenLikeSpelling.SPELLING,
                diagnostics);
        LoadCounts counts = LoadCounts.of(load(20, 20));
        List<LineResult> lines = COUNTING_BUDGET.databaseLines().stream().map(line -> reading.judge(line, counts))
                .toList();
        return new Judged((StatementSnapshot) after, lines, reading.section(counts).orElseThrow(),
                diagnostics.all());
    }

    @Test
    void shouldSayThatPlansNeedPostgres16AndJudgeTheLoadAllTheSame() throws SQLException, IOException {
        TestPostgres postgres15 = TestPostgres.postgres15WithStatementStatistics();

        Judged judged = serveNPlusOneOn(postgres15, folder);

        StatementSnapshot after = judged.after();
        assertThat(after.serverVersion()).startsWith("15.");
        assertThat(after.serverVersionNumber()).isBetween(150_000, 159_999);
        assertThat(after.extensionVersion()).isEqualTo("1.10");
        String note = "plans need PostgreSQL 16 or newer (EXPLAIN GENERIC_PLAN, which plans a statement with $1"
                + " parameters); PostgreSQL at 127.0.0.1:" + postgres15.port() + "/"
                + after.database().substring(after.database().indexOf('/') + 1) + " is " + after.serverVersion();
        assertThat(after.plans()).isEqualTo(new StatementPlans(Map.of(), Optional.of(note)));
        assertThat(Files.readString(DatabaseSnapshots.afterFile(folder))).as("after.json")
                .contains("\"plansNote\" : \"" + note + "\"");
        assertThat(SnapshotFile.read(DatabaseSnapshots.afterFile(folder))).isEqualTo(after);
        assertThat(judged.diagnostics()).as("what the gate tells the user")
                .containsExactly(new Diagnostic(Diagnostic.Level.INFO, note));
        assertThat(judged.lines()).extracting(LineResult::verdict).containsExactly(Verdict.FAIL, Verdict.PASS,
                Verdict.FAIL, Verdict.FAIL, Verdict.FAIL, Verdict.PASS);
        assertThat(judged.section().byTotalTime()).hasSize(2)
                .allSatisfy(row -> assertThat(row.plan()).as("plan of " + row.query()).isEmpty());
    }

    @Test
    void shouldCountTheSameWorkloadOnPostgres15AsOn17() throws SQLException, IOException {
        Judged on15 = serveNPlusOneOn(TestPostgres.postgres15WithStatementStatistics(),
                Files.createDirectories(folder.resolve("15")));
        Judged on17 = serveNPlusOneOn(TestPostgres.withStatementStatistics(),
                Files.createDirectories(folder.resolve("17")));

        assertThat(on15.counts()).containsExactly(
                "SELECT id, guest_id FROM bookings WHERE day = $1: 20 calls, 200 rows, OptionalDouble[1.0] per request",
                "SELECT name FROM guests WHERE id = $1: 200 calls, 200 rows, OptionalDouble[10.0] per request");
        assertThat(on15.counts()).isEqualTo(on17.counts());
        assertThat(on15.lines()).extracting(LineResult::sentence).containsExactly(
                "db.query calls_per_request is 11, but the budget is <= 3",
                "db.query calls is 220, within the budget of <= 1000",
                "db.each_query calls_per_request is 10 for \"SELECT name FROM guests WHERE id = $1\" (the worst of 2 "
                        + "statements), but the budget is <= 3",
                "db.each_query rows_per_call is 10 for \"SELECT id, guest_id FROM bookings WHERE day = $1\" (the worst"
                        + " of 2 statements), but the budget is <= 5",
                "db.query{match:\"from guests\"} calls is 200, but the budget is <= 100",
                "db.query{match:\"from guests\"} rows_per_call is 1, within the budget of <= 1")
                .isEqualTo(on17.lines().stream().map(LineResult::sentence).toList());
        assertThat(List.of(on15.section().statementCount(), on15.section().calls(), on15.section().requests()))
                .isEqualTo(List.of(on17.section().statementCount(), on17.section().calls(), on17.section().requests()));
        assertThat(on15.section().byTotalTime()).as("times read from total_exec_time, as on 13 and later")
                .allSatisfy(row -> {
                    assertThat(row.totalTimeMs()).isPositive();
                    assertThat(row.meanTimeMs()).isEqualTo(row.totalTimeMs() / row.calls());
                });
        assertThat(on15.section().requests()).hasValue(20);
        assertThat(on15.section().byTotalTime()).extracting(DatabaseStatementRow::callsPerRequest)
                .doesNotContain(OptionalDouble.empty());
        assertThat(on17.after().plans().plans()).as("17 plans the same statements").hasSize(2);
        assertThat(on15.diagnostics()).extracting(Diagnostic::level).containsExactly(Diagnostic.Level.INFO);
        assertThat(on17.diagnostics()).isEmpty();
    }
}
