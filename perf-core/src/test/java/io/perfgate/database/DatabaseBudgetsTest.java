package io.perfgate.database;

import io.perfgate.stats.RunResults;
import io.perfgate.diag.OptionSpelling;
import static io.perfgate.database.Statements.T0;
import static io.perfgate.database.Statements.budget;
import static io.perfgate.database.Statements.load;
import static io.perfgate.database.Statements.snapshot;
import static io.perfgate.database.Statements.statement;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.budget.Budget;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.MavenLikeSpelling;
import io.perfgate.postgres.PostgresConnectionSettings;
import io.perfgate.postgres.TestPostgres;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** From snapshot files to line results and the report section, the way the gate calls it. */
class DatabaseBudgetsTest {

    /** The database part of a gate evaluation: the read phase, then each database line judged. */
    private record Evaluated(List<LineResult> lines, Optional<DatabaseSection> section) {
    }

    private static Evaluated evaluate(Budget budget, Path folder, RunResults load, OptionSpelling spelling,
            Diagnostics diagnostics) {
        DatabaseReading reading = DatabaseBudgets.read(budget, folder, spelling, diagnostics);
        LoadCounts counts = LoadCounts.of(load);
        return new Evaluated(budget.databaseLines().stream().map(line -> reading.judge(line, counts)).toList(),
                reading.section(counts));
    }


    /** The N+1 budget: the whole database, and no single statement, may run more than 3 times a request. */
    private static final Budget N_PLUS_ONE_BUDGET = budget("""
            http_req_duration: ["p(95)<500"]
            db.query: ["calls_per_request<=3"]
            db.each_query: ["calls_per_request<=3", "mean<100ms"]
            """);
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    @TempDir
    Path folder;

    private final Diagnostics diagnostics = new Diagnostics();

    private static List<String> sentences(Evaluated outcome) {
        return outcome.lines().stream().map(LineResult::sentence).toList();
    }

    @Test
    void shouldCatchTheNPlusOneWorkloadOfARealDatabase() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), true);

        DatabaseSnapshots.takeBefore(bookings.settings(), folder, CLOCK);
        bookings.serveNPlusOne(20);
        DatabaseSnapshots.takeAfter(bookings.settings(), folder, CLOCK);
        Evaluated outcome = evaluate(N_PLUS_ONE_BUDGET, folder,
                load(20, 20), MavenLikeSpelling.SPELLING, diagnostics);

        assertThat(outcome.lines()).extracting(LineResult::verdict)
                .containsExactly(Verdict.FAIL, Verdict.FAIL, Verdict.PASS);
        assertThat(sentences(outcome)).containsExactly(
                "db.query calls_per_request is 11, but the budget is <= 3",
                "db.each_query calls_per_request is 10 for \"SELECT name FROM guests WHERE id = $1\" (the worst of 2 "
                        + "statements), but the budget is <= 3",
                outcome.lines().get(2).sentence());
        assertThat(outcome.lines().get(2).sentence()).startsWith("db.each_query mean is ")
                .endsWith(" (the worst of 2 statements), within the budget of < 100 ms");
        DatabaseSection section = outcome.section().orElseThrow();
        assertThat(section.statementCount()).isEqualTo(2);
        assertThat(section.calls()).isEqualTo(220);
        assertThat(section.requests()).hasValue(20);
        assertThat(section.byTotalTime()).extracting(DatabaseStatementRow::query).contains(
                "SELECT name FROM guests WHERE id = $1", "SELECT id, guest_id FROM bookings WHERE day = $1");
        assertThat(section.byTotalTime()).filteredOn(row -> row.query().contains("guests")).singleElement()
                .satisfies(row -> {
                    assertThat(row.calls()).isEqualTo(200);
                    assertThat(row.callsPerRequest()).hasValue(10.0);
                    assertThat(row.rows()).isEqualTo(200);
                    assertThat(row.meanTimeMs()).isEqualTo(row.totalTimeMs() / 200);
                });
        assertThat(diagnostics.all()).isEmpty();
    }

    @Test
    void shouldPassTheJoinedVersionOfTheSameWorkload() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), true);

        DatabaseSnapshots.takeBefore(bookings.settings(), folder, CLOCK);
        bookings.serveJoined(20);
        DatabaseSnapshots.takeAfter(bookings.settings(), folder, CLOCK);
        Evaluated outcome = evaluate(N_PLUS_ONE_BUDGET, folder,
                load(20, 20), MavenLikeSpelling.SPELLING, diagnostics);

        assertThat(outcome.lines()).extracting(LineResult::verdict)
                .containsExactly(Verdict.PASS, Verdict.PASS, Verdict.PASS);
        assertThat(sentences(outcome).get(0)).isEqualTo("db.query calls_per_request is 1, within the budget of <= 3");
        assertThat(outcome.section().orElseThrow().byMeanTime()).singleElement()
                .satisfies(row -> assertThat(row.callsPerRequest()).hasValue(1.0));
    }

    @Test
    void shouldFailTheDatabaseLinesClosedWithTheFixWhenTheExtensionIsMissing() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), false);

        SnapshotAttempt before = DatabaseSnapshots.takeBefore(bookings.settings(), folder, CLOCK);
        bookings.serveJoined(3);
        DatabaseSnapshots.takeAfter(bookings.settings(), folder, CLOCK);
        Evaluated outcome = evaluate(N_PLUS_ONE_BUDGET, folder, load(3, 3), MavenLikeSpelling.SPELLING, diagnostics);

        assertThat(before).isInstanceOfSatisfying(CaptureFailure.class, failure -> {
            assertThat(failure.problem()).isEqualTo(DatabaseProblem.EXTENSION_MISSING);
            assertThat(failure.takenAt()).isEqualTo(T0);
        });
        assertThat(outcome.lines()).hasSize(3).extracting(LineResult::verdict).containsOnly(Verdict.ERROR);
        assertThat(sentences(outcome).get(0)).isEqualTo("db.query calls_per_request could not be evaluated: the "
                + "database snapshot before the load could not be taken: pg_stat_statements is not installed in "
                + "database " + bookings.databaseName() + " (PostgreSQL at " + bookings.settings().target() + "): run "
                + "CREATE EXTENSION pg_stat_statements; in that database as a superuser (perf-budget.yaml line 3, "
                + "column 14)");
        assertThat(outcome.section()).isEmpty();
    }

    @Test
    void shouldFailTheDatabaseLinesClosedWithTheFixWhenTheLoginIsRefused() throws SQLException, IOException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), true);
        String wrong = "not-the-password-that-must-never-show";
        PostgresConnectionSettings refused = new PostgresConnectionSettings(bookings.settings().jdbcUrl(),
                TestPostgres.SUPERUSER, wrong, Duration.ofSeconds(5));

        SnapshotAttempt before = DatabaseSnapshots.takeBefore(refused, folder, CLOCK);
        bookings.serveJoined(3);
        DatabaseSnapshots.takeAfter(refused, folder, CLOCK);
        Evaluated outcome = evaluate(N_PLUS_ONE_BUDGET, folder, load(3, 3), MavenLikeSpelling.SPELLING, diagnostics);

        assertThat(before).isInstanceOfSatisfying(CaptureFailure.class,
                failure -> assertThat(failure.problem()).isEqualTo(DatabaseProblem.LOGIN_REFUSED));
        assertThat(outcome.lines()).hasSize(3).extracting(LineResult::verdict).containsOnly(Verdict.ERROR);
        assertThat(sentences(outcome).get(0)).startsWith("db.query calls_per_request could not be evaluated: the"
                + " database snapshot before the load could not be taken: PostgreSQL at " + bookings.settings().target()
                + " refused the login of user postgres: ").contains("password authentication failed for user")
                .endsWith("Check the user and password given to perfgate (perf-budget.yaml line 3, column 14)");
        assertThat(Files.readString(DatabaseSnapshots.beforeFile(folder))).contains("LOGIN_REFUSED")
                .doesNotContain(wrong);
        assertThat(outcome.section()).isEmpty();
    }

    @Test
    void shouldWriteTheFailureOfAnUnreachableDatabaseWithoutItsPassword() throws IOException {
        String secret = "s3cret-that-must-never-show";
        int port = TestPostgres.closedPort();
        PostgresConnectionSettings settings = new PostgresConnectionSettings("jdbc:postgresql://127.0.0.1:" + port
                + "/shop", "perfgate", secret, Duration.ofSeconds(2));

        SnapshotAttempt after = DatabaseSnapshots.takeAfter(settings, folder, CLOCK);

        assertThat(after).isInstanceOfSatisfying(CaptureFailure.class,
                failure -> assertThat(failure.problem()).isEqualTo(DatabaseProblem.UNREACHABLE));
        assertThat(Files.readString(DatabaseSnapshots.afterFile(folder))).contains("127.0.0.1:" + port + "/shop")
                .contains("UNREACHABLE").doesNotContain(secret);
    }

    @Test
    void shouldRemoveAnAfterSnapshotOfAnEarlierBuildWhenTakingTheOneBefore() throws IOException {
        SnapshotFile.write(DatabaseSnapshots.afterFile(folder), snapshot(T0));
        int port = TestPostgres.closedPort();

        DatabaseSnapshots.takeBefore(PostgresConnectionSettings.of("jdbc:postgresql://127.0.0.1:" + port + "/shop",
                "perfgate", ""), folder, CLOCK);

        assertThat(DatabaseSnapshots.afterFile(folder)).doesNotExist();
        assertThat(DatabaseSnapshots.beforeFile(folder)).isRegularFile();
    }

    @Test
    void shouldReportNothingWithoutSnapshotsOrDatabaseLines() {
        Evaluated outcome = evaluate(budget("http_reqs: [\"count>0\"]"), folder, load(1, 1),
                MavenLikeSpelling.SPELLING, diagnostics);

        assertThat(outcome).isEqualTo(new Evaluated(List.of(), Optional.empty()));
        assertThat(diagnostics.all()).isEmpty();
    }

    @Test
    void shouldFailClosedWithoutSnapshots() {
        Evaluated outcome = evaluate(N_PLUS_ONE_BUDGET, folder, load(1, 1), MavenLikeSpelling.SPELLING, diagnostics);

        assertThat(outcome.lines()).extracting(LineResult::verdict).containsOnly(Verdict.ERROR);
        assertThat(sentences(outcome).get(0)).isEqualTo("db.query calls_per_request could not be evaluated: there are"
                + " no database snapshots in " + folder + ": set perf.db.url for perf:k6, or run perf:db-before"
                + " before the load and perf:db-after after it (perf-budget.yaml line 3, column 14)");
    }

    @Test
    void shouldSayWhichSnapshotIsMissing() {
        SnapshotFile.write(DatabaseSnapshots.beforeFile(folder), snapshot(T0));

        Evaluated outcome = evaluate(N_PLUS_ONE_BUDGET, folder, load(1, 1), MavenLikeSpelling.SPELLING, diagnostics);

        assertThat(sentences(outcome).get(0)).contains(": " + DatabaseSnapshots.afterFile(folder)
                + " is missing: perf:db-after did not run after the load (");
    }

    @Test
    void shouldFailClosedOnAnUnreadableSnapshotNamingWhere() throws IOException {
        SnapshotFile.write(DatabaseSnapshots.beforeFile(folder), snapshot(T0));
        Files.writeString(DatabaseSnapshots.afterFile(folder), "{\"format\": 1, \"takenAt\": 5}");

        Evaluated outcome = evaluate(N_PLUS_ONE_BUDGET, folder, load(1, 1), MavenLikeSpelling.SPELLING, diagnostics);

        assertThat(sentences(outcome).get(0)).contains(": " + DatabaseSnapshots.afterFile(folder)
                + " line 1, column 26: takenAt must be a string (");
    }

    @Test
    void shouldWarnAboutUnusableSnapshotsWhenNoLineNeedsThem() {
        SnapshotFile.write(DatabaseSnapshots.beforeFile(folder), snapshot(T0));
        SnapshotFile.write(DatabaseSnapshots.afterFile(folder), new CaptureFailure(T0, Statements.DATABASE,
                DatabaseProblem.NOT_PRELOADED, "add shared_preload_libraries = 'pg_stat_statements'"));

        Evaluated outcome = evaluate(budget("http_reqs: [\"count>0\"]"), folder, load(1, 1),
                MavenLikeSpelling.SPELLING, diagnostics);

        assertThat(outcome).isEqualTo(new Evaluated(List.of(), Optional.empty()));
        assertThat(diagnostics.all()).containsExactly(new Diagnostic(Diagnostic.Level.WARNING, "The database section is"
                + " left out: the database snapshot after the load could not be taken: add shared_preload_libraries "
                + "= 'pg_stat_statements'"));
    }

    @Test
    void shouldFailClosedOnSnapshotsOfDifferentDatabases() {
        SnapshotFile.write(DatabaseSnapshots.beforeFile(folder), snapshot(T0));
        SnapshotFile.write(DatabaseSnapshots.afterFile(folder), new StatementSnapshot(T0, "other:5432/shop", "17.5",
                170005, "1.11", Optional.empty(), OptionalLong.empty(), List.of()));

        Evaluated outcome = evaluate(N_PLUS_ONE_BUDGET, folder, load(1, 1), MavenLikeSpelling.SPELLING, diagnostics);

        assertThat(sentences(outcome).get(0)).contains("could not be evaluated: the snapshots are of different "
                + "databases: the one before the load of db.example:5432/shop, the one after of other:5432/shop (");
    }

    @Test
    void shouldBuildTheSectionWithTheTopTenStatementsEachWayAndTheNotes() {
        List<StatementStatistics> many = new ArrayList<>();
        // statement i: i calls of i ms each, so by total (i*i) and by mean (i) the order is the same but for ties
        LongStream.rangeClosed(1, 15).forEach(i -> many.add(statement(i, "SELECT " + i, i, i * i, i)));
        many.add(statement(99, "SELECT slow_but_rare()", 1, 100, 1));
        SnapshotFile.write(DatabaseSnapshots.beforeFile(folder), snapshot(T0));
        SnapshotFile.write(DatabaseSnapshots.afterFile(folder), new StatementSnapshot(T0.plusSeconds(60),
                Statements.DATABASE, "17.5", 170005, "1.11", Optional.of(T0.plusSeconds(1)), OptionalLong.of(0), many));

        Evaluated outcome = evaluate(budget("http_reqs: [\"count>0\"]"), folder, load(10, 0),
                MavenLikeSpelling.SPELLING, diagnostics);

        DatabaseSection section = outcome.section().orElseThrow();
        assertThat(section.statementCount()).isEqualTo(16);
        assertThat(section.calls()).isEqualTo(121);
        assertThat(section.byTotalTime()).extracting(DatabaseStatementRow::query).containsExactly("SELECT 15",
                "SELECT 14", "SELECT 13", "SELECT 12", "SELECT 11", "SELECT 10", "SELECT slow_but_rare()", "SELECT 9",
                "SELECT 8", "SELECT 7");
        assertThat(section.byMeanTime()).extracting(DatabaseStatementRow::query).startsWith("SELECT slow_but_rare()",
                "SELECT 15").hasSize(DatabaseSection.TOP);
        assertThat(section.byTotalTime().get(0).callsPerRequest()).hasValue(1.5);
        assertThat(section.notes()).singleElement().asString().startsWith("pg_stat_statements was reset between");
        assertThat(diagnostics.all()).extracting(Diagnostic::text).containsExactlyElementsOf(section.notes());
    }
}
