package io.perfgate.database;

import static io.perfgate.database.Bookings.BOOKINGS_PER_DAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.postgres.PostgresConnectionSettings;
import io.perfgate.postgres.TestPostgres;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Snapshots of a real PostgreSQL server with pg_stat_statements preloaded, and each way they fail. */
class StatementCaptureTest {

    private static final String SECRET = "s3cret-Pa55word-that-must-never-show";
    private static final AtomicInteger ROLES = new AtomicInteger();

    private static Map<String, StatementChange> byQuery(StatementChanges changes) {
        return changes.statements().stream().collect(Collectors.toMap(StatementChange::query, Function.identity()));
    }

    private static String normalized(String sql) {
        // pg_stat_statements keeps the text as sent, with the driver's parameters as $1
        return sql.replace("?", "$1");
    }

    @Test
    void shouldMeasureWhatTheLoadRunDidBetweenTwoSnapshots() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), true);
        bookings.serveNPlusOne(5); // before the run: must not count
        StatementCapture capture = new StatementCapture(bookings.settings());

        StatementSnapshot before = capture.capture();
        bookings.serveNPlusOne(20);
        StatementSnapshot after = capture.capture();
        StatementChanges changes = StatementDiff.between(before, after);

        Map<String, StatementChange> byQuery = byQuery(changes);
        assertThat(byQuery).containsOnlyKeys(normalized(Bookings.LIST_BOOKINGS), normalized(Bookings.GUEST));
        StatementChange list = byQuery.get(normalized(Bookings.LIST_BOOKINGS));
        StatementChange guest = byQuery.get(normalized(Bookings.GUEST));
        assertThat(list.calls()).isEqualTo(20);
        assertThat(list.rows()).isEqualTo(20 * BOOKINGS_PER_DAY);
        assertThat(guest.calls()).isEqualTo(20 * BOOKINGS_PER_DAY);
        assertThat(guest.rows()).isEqualTo(20 * BOOKINGS_PER_DAY);
        assertThat(guest.totalTimeMs()).isPositive();
        assertThat(guest.sharedBlocksHit() + guest.sharedBlocksRead()).isPositive();
        assertThat(changes.statements()).extracting(StatementChange::origin)
                .containsOnly(StatementChange.Origin.DIFFERENCE);
        assertThat(changes.notes()).isEmpty();
        assertThat(guest.user()).isEqualTo(TestPostgres.SUPERUSER);
    }

    @Test
    void shouldDescribeTheServerAndLeaveItsOwnStatementsOut() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), true);
        StatementCapture capture = new StatementCapture(bookings.settings());

        StatementSnapshot first = capture.capture();
        StatementSnapshot second = capture.capture();

        assertThat(second.database()).isEqualTo(bookings.settings().target());
        assertThat(second.serverVersionNumber()).isBetween(130000, 189999);
        assertThat(second.serverVersion()).startsWith(Integer.toString(second.serverVersionNumber() / 10000));
        assertThat(second.extensionVersion()).isNotBlank();
        assertThat(second.takenAt()).isAfter(first.takenAt());
        if (second.serverVersionNumber() >= 140000) {
            assertThat(second.statsReset()).isPresent();
            assertThat(second.deallocations()).isPresent();
        }
        if (second.serverVersionNumber() >= 170000) {
            assertThat(second.statements()).allSatisfy(statement -> assertThat(statement.statsSince()).isPresent());
        }
        assertThat(second.statements()).extracting(StatementStatistics::query)
                .noneMatch(query -> query.contains("pg_catalog.pg_extension") || query.contains(".pg_stat_statements s")
                        || query.contains("application_name"));
        assertThat(StatementDiff.between(first, second).statements()).as("nothing ran in between").isEmpty();
    }

    @Test
    void shouldKeepOnlyTheStatementsOfItsOwnDatabase() throws SQLException {
        TestPostgres server = TestPostgres.withStatementStatistics();
        Bookings mine = Bookings.create(server, true);
        Bookings other = Bookings.create(server, true);
        StatementCapture capture = new StatementCapture(mine.settings());

        StatementSnapshot before = capture.capture();
        other.serveNPlusOne(7); // the same statements, in another database
        mine.serveNPlusOne(1);
        StatementChanges changes = StatementDiff.between(before, capture.capture());

        assertThat(byQuery(changes)).containsOnlyKeys(normalized(Bookings.LIST_BOOKINGS), normalized(Bookings.GUEST));
        assertThat(byQuery(changes).get(normalized(Bookings.GUEST)).calls()).isEqualTo(BOOKINGS_PER_DAY);
        assertThat(byQuery(changes).get(normalized(Bookings.LIST_BOOKINGS)).calls()).isEqualTo(1);
    }

    @Test
    void shouldCountStatementsSeenOnlyInTheSecondSnapshot() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), true);
        StatementCapture capture = new StatementCapture(bookings.settings());

        StatementSnapshot before = capture.capture();
        bookings.serveJoined(12);
        StatementChanges changes = StatementDiff.between(before, capture.capture());

        assertThat(changes.statements()).singleElement().satisfies(change -> {
            assertThat(change.query()).isEqualTo(normalized(Bookings.BOOKINGS_WITH_GUESTS));
            assertThat(change.calls()).isEqualTo(12);
            assertThat(change.origin()).isEqualTo(StatementChange.Origin.NEW);
        });
    }

    @Test
    void shouldUseTheNumbersSinceAResetOfAllStatistics() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), true);
        bookings.serveNPlusOne(30);
        StatementCapture capture = new StatementCapture(bookings.settings());

        StatementSnapshot before = capture.capture();
        bookings.serveNPlusOne(5);
        bookings.execute("SELECT pg_stat_statements_reset()");
        bookings.serveNPlusOne(20);
        StatementChanges changes = StatementDiff.between(before, capture.capture());

        StatementChange guest = byQuery(changes).get(normalized(Bookings.GUEST));
        assertThat(guest.calls()).isEqualTo(20 * BOOKINGS_PER_DAY);
        assertThat(guest.origin()).isEqualTo(StatementChange.Origin.SINCE_RESET);
        assertThat(changes.notes()).singleElement().asString()
                .startsWith("pg_stat_statements was reset between the snapshots (at ");
    }

    @Test
    void shouldUseTheNumbersSinceOneStatementWasReset() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), true);
        bookings.serveNPlusOne(30);
        StatementCapture capture = new StatementCapture(bookings.settings());

        StatementSnapshot before = capture.capture();
        long guestQuery = before.statements().stream().filter(s -> s.query().equals(normalized(Bookings.GUEST)))
                .findFirst().orElseThrow().key().queryId();
        bookings.serveNPlusOne(10);
        bookings.execute("SELECT pg_stat_statements_reset(0, 0, " + guestQuery + ")");
        bookings.serveNPlusOne(10);
        StatementChanges changes = StatementDiff.between(before, capture.capture());

        Map<String, StatementChange> byQuery = byQuery(changes);
        assertThat(byQuery.get(normalized(Bookings.GUEST)).calls()).isEqualTo(10 * BOOKINGS_PER_DAY);
        assertThat(byQuery.get(normalized(Bookings.GUEST)).origin()).isEqualTo(StatementChange.Origin.SINCE_RESET);
        assertThat(byQuery.get(normalized(Bookings.LIST_BOOKINGS)).calls()).isEqualTo(20);
        assertThat(byQuery.get(normalized(Bookings.LIST_BOOKINGS)).origin())
                .isEqualTo(StatementChange.Origin.DIFFERENCE);
        assertThat(changes.notes()).singleElement().asString().startsWith("1 statement was reset or evicted");
    }

    /** Older extension versions install on today's server, so the old column names are read for real. */
    @ParameterizedTest(name = "pg_stat_statements {0}")
    @ValueSource(strings = {"1.4", "1.7", "1.8", "1.9", "1.10"})
    void shouldReadTheColumnsOfOlderExtensionVersions(String version) throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), false);
        bookings.execute("CREATE EXTENSION pg_stat_statements VERSION '" + version + "'");
        StatementCapture capture = new StatementCapture(bookings.settings());

        StatementSnapshot before = capture.capture();
        bookings.serveNPlusOne(3);
        StatementSnapshot after = capture.capture();

        assertThat(after.extensionVersion()).isEqualTo(version);
        assertThat(after.statsReset().isPresent()).isEqualTo(StatementColumns.forExtensionVersion(version).hasInfo());
        Map<String, StatementChange> byQuery = byQuery(StatementDiff.between(before, after));
        assertThat(byQuery.get(normalized(Bookings.GUEST)).calls()).isEqualTo(3 * BOOKINGS_PER_DAY);
        assertThat(byQuery.get(normalized(Bookings.GUEST)).totalTimeMs()).isPositive();
    }

    @Test
    void shouldSayHowToCreateAMissingExtension() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), false);

        assertThatThrownBy(() -> new StatementCapture(bookings.settings()).capture())
                .isInstanceOfSatisfying(DatabaseCaptureException.class,
                        e -> assertThat(e.problem()).isEqualTo(DatabaseProblem.EXTENSION_MISSING))
                .hasMessage("pg_stat_statements is not installed in database " + bookings.databaseName()
                        + " (PostgreSQL at " + bookings.settings().target() + "): run CREATE EXTENSION "
                        + "pg_stat_statements; in that database as a superuser");
    }

    @Test
    void shouldSayBothFixesWhenTheExtensionIsMissingAndNotPreloaded() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.server(), false);

        assertThatThrownBy(() -> new StatementCapture(bookings.settings()).capture())
                .isInstanceOfSatisfying(DatabaseCaptureException.class,
                        e -> assertThat(e.problem()).isEqualTo(DatabaseProblem.EXTENSION_MISSING))
                .hasMessageContaining("run CREATE EXTENSION pg_stat_statements; in that database")
                .hasMessageEndingWith(", and add pg_stat_statements to shared_preload_libraries in postgresql.conf "
                        + "(shared_preload_libraries = 'pg_stat_statements') and restart the server");
    }

    @Test
    void shouldSayHowToPreloadTheLibrary() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.server(), true);

        assertThatThrownBy(() -> new StatementCapture(bookings.settings()).capture())
                .isInstanceOfSatisfying(DatabaseCaptureException.class,
                        e -> assertThat(e.problem()).isEqualTo(DatabaseProblem.NOT_PRELOADED))
                .hasMessage("pg_stat_statements is installed in PostgreSQL at " + bookings.settings().target()
                        + " but the server did not load it, so it collects nothing: add shared_preload_libraries = "
                        + "'pg_stat_statements' to postgresql.conf and restart the server");
    }

    @Test
    void shouldSayHowToLetAUserReadOtherUsersStatements() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), true);
        String role = "reader_" + ROLES.incrementAndGet();
        bookings.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + SECRET + "'");
        bookings.serveNPlusOne(2);
        PostgresConnectionSettings reader = new PostgresConnectionSettings(bookings.settings().jdbcUrl(), role, SECRET,
                Duration.ofSeconds(5));

        assertThatThrownBy(() -> new StatementCapture(reader).capture())
                .isInstanceOfSatisfying(DatabaseCaptureException.class,
                        e -> assertThat(e.problem()).isEqualTo(DatabaseProblem.NO_PERMISSION))
                .hasMessageStartingWith("user " + role + " may not read the statements of other users in PostgreSQL at "
                        + bookings.settings().target() + " (")
                .hasMessageEndingWith(" show as <insufficient privilege>): run GRANT pg_read_all_stats TO " + role
                        + "; as a superuser, or take the snapshots as the application's user");

        bookings.execute("GRANT pg_read_all_stats TO " + role);

        assertThat(new StatementCapture(reader).capture().statements()).extracting(StatementStatistics::query)
                .contains(normalized(Bookings.GUEST));
    }

    @Test
    void shouldNameTheUnreachableDatabaseWithoutThePassword() throws IOException {
        int port = TestPostgres.closedPort();
        PostgresConnectionSettings settings = new PostgresConnectionSettings("jdbc:postgresql://127.0.0.1:" + port
                + "/shop?password=" + SECRET, "perfgate", SECRET, Duration.ofSeconds(2));

        assertThatThrownBy(() -> new StatementCapture(settings).capture())
                .isInstanceOfSatisfying(DatabaseCaptureException.class,
                        e -> assertThat(e.problem()).isEqualTo(DatabaseProblem.UNREACHABLE))
                .hasMessageStartingWith("PostgreSQL at 127.0.0.1:" + port + "/shop is unreachable: Connection to "
                        + "127.0.0.1:" + port + " refused")
                .hasMessageEndingWith("Check the host, port and database name of the JDBC URL and that the server is"
                        + " running")
                .satisfies(StatementCaptureTest::holdsNoSecret);
    }

    @Test
    void shouldSayWhenTheDatabaseDoesNotExist() {
        PostgresConnectionSettings settings = TestPostgres.withStatementStatistics().settings("no_such_database");

        assertThatThrownBy(() -> new StatementCapture(settings).capture())
                .isInstanceOfSatisfying(DatabaseCaptureException.class,
                        e -> assertThat(e.problem()).isEqualTo(DatabaseProblem.UNREACHABLE))
                .hasMessageContaining("is unreachable: ")
                .hasMessageContaining("\"no_such_database\" does not exist");
    }

    @Test
    void shouldSayWhenTheLoginIsRefusedWithoutThePassword() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), true);
        PostgresConnectionSettings wrong = new PostgresConnectionSettings(bookings.settings().jdbcUrl(),
                TestPostgres.SUPERUSER, SECRET, Duration.ofSeconds(5));

        assertThatThrownBy(() -> new StatementCapture(wrong).capture())
                .isInstanceOfSatisfying(DatabaseCaptureException.class,
                        e -> assertThat(e.problem()).isEqualTo(DatabaseProblem.LOGIN_REFUSED))
                .hasMessageStartingWith("PostgreSQL at " + bookings.settings().target() + " refused the login of user "
                        + "postgres: ")
                .hasMessageContaining("password authentication failed for user \"postgres\"")
                .satisfies(StatementCaptureTest::holdsNoSecret);
    }

    private static void holdsNoSecret(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET).contains("at org.postgresql");
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET);
        }
    }
}
