package io.perfgate.database;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.model.StatementPlan;
import io.perfgate.postgres.PostgresConnectionSettings;
import io.perfgate.postgres.TestPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plans taken after the load, on the embedded PostgreSQL 17: {@code EXPLAIN (GENERIC_PLAN, FORMAT JSON)}
 * of the normalized texts, in a read-only transaction, nothing executed. The note for servers before 16 is
 * tested here with the version a snapshot of one would hold, without connecting, and on a real PostgreSQL 15 in
 * {@link Postgres15Test}.
 */
class StatementPlansTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;

    private static final String BY_GUEST = "SELECT id, day FROM bookings WHERE guest_id = $1";
    private static final String BOOK = "INSERT INTO bookings (id, guest_id, day) VALUES ($1, $2, $3)";

    /** A bookings table large enough for the planner to prefer its index on guest_id. */
    private static Bookings bookings() throws SQLException {
        Bookings bookings = Bookings.create(TestPostgres.withStatementStatistics(), true);
        bookings.execute("INSERT INTO guests SELECT g, 'guest ' || g FROM generate_series(101, 5000) g");
        bookings.execute("INSERT INTO bookings SELECT b, 1 + b % 5000, b % 5 FROM generate_series(1000, 40000) b");
        bookings.execute("CREATE INDEX bookings_guest ON bookings (guest_id)");
        bookings.execute("ANALYZE bookings");
        return bookings;
    }

    /** The load: reads by guest, and 20 bookings made, with ids from {@code firstId} on. */
    private static void serve(Bookings bookings, int firstId) throws SQLException {
        try (Connection connection = bookings.connect();
                PreparedStatement read = connection.prepareStatement("SELECT id, day FROM bookings WHERE guest_id = ?");
                PreparedStatement book = connection.prepareStatement("INSERT INTO bookings (id, guest_id, day)"
                        + " VALUES (?, ?, ?)")) {
            for (int i = 0; i < 20; i++) {
                read.setInt(1, 1 + i);
                try (ResultSet result = read.executeQuery()) {
                    while (result.next()) {
                        result.getInt(1);
                    }
                }
                book.setInt(1, firstId + i);
                book.setInt(2, 1 + i);
                book.setInt(3, 1);
                book.executeUpdate();
            }
        }
    }

    private static long count(Bookings bookings, String sql) throws SQLException {
        try (Connection connection = bookings.connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static Map<String, StatementPlan> plansByText(StatementSnapshot after) {
        return after.statements().stream().filter(statement -> after.plans().plans().containsKey(statement.key()))
                .collect(Collectors.toMap(StatementStatistics::query,
                        statement -> after.plans().plans().get(statement.key())));
    }

    @Test
    void shouldPlanTheStatementsOfTheLoadAfterItWithoutRunningThem() throws SQLException {
        Bookings bookings = bookings();
        long before = count(bookings, "SELECT count(*) FROM bookings");
        DatabaseSnapshots.takeBefore(bookings.settings(), folder, CLOCK);
        serve(bookings, 100_000);

        StatementSnapshot after = (StatementSnapshot) DatabaseSnapshots.takeAfter(bookings.settings(), folder, CLOCK);

        Map<String, StatementPlan> plans = plansByText(after);
        assertThat(plans).containsOnlyKeys(BY_GUEST, BOOK);
        assertThat(plans.get(BY_GUEST).shape()).isIn("Index Scan: Index Scan on bookings",
                "Bitmap Heap Scan: Bitmap Heap Scan on bookings");
        assertThat(plans.get(BY_GUEST).text()).startsWith("[").contains("\"Index Name\": \"bookings_guest\"")
                .doesNotContain("Actual");
        assertThat(plans.get(BOOK).shape()).isEqualTo("ModifyTable: ModifyTable on bookings");
        assertThat(count(bookings, "SELECT count(*) FROM bookings")).as("the INSERT was planned, not run")
                .isEqualTo(before + 20);
        assertThat(after.plans().note()).isEmpty();
        assertThat(SnapshotFile.read(DatabaseSnapshots.afterFile(folder))).as("kept in the snapshot file")
                .isEqualTo(after);
    }

    @Test
    void shouldSeeThePlanChangeWhenTheIndexIsDropped() throws SQLException {
        Bookings bookings = bookings();
        DatabaseSnapshots.takeBefore(bookings.settings(), folder, CLOCK);
        serve(bookings, 100_000);
        StatementPlan indexed = plansByText((StatementSnapshot) DatabaseSnapshots.takeAfter(bookings.settings(), folder,
                CLOCK)).get(BY_GUEST);
        bookings.execute("DROP INDEX bookings_guest");
        DatabaseSnapshots.takeBefore(bookings.settings(), folder, CLOCK);
        serve(bookings, 200_000);

        StatementPlan scanned = plansByText((StatementSnapshot) DatabaseSnapshots.takeAfter(bookings.settings(), folder,
                CLOCK)).get(BY_GUEST);

        assertThat(scanned.shapeHash()).isNotEqualTo(indexed.shapeHash());
        assertThat(scanned.shape()).isIn("Seq Scan: Seq Scan on bookings", "Gather: Seq Scan on bookings");
        assertThat(scanned.changeFrom(indexed).orElseThrow()).endsWith(" → Seq Scan on bookings")
                .startsWith(indexed.shape().substring(0, indexed.shape().indexOf(':')));
        assertThat(scanned.changeFrom(scanned)).isEmpty();
    }

    @Test
    void shouldLeaveOutWhatExplainDoesNotTakeAndSayWhatCouldNotBePlanned() throws SQLException {
        Bookings bookings = bookings();
        StatementCapture capture = new StatementCapture(bookings.settings());

        StatementPlans plans = capture.plans(List.of(change(1, "BEGIN"), change(2, "SET search_path = public"),
                change(3, "SELECT 1; DROP TABLE bookings"), change(4, "SELECT * FROM gone WHERE id = $1"),
                change(5, BY_GUEST)), "17.5", 170_005);

        assertThat(plans.plans()).containsOnlyKeys(key(5));
        assertThat(plans.note()).hasValueSatisfying(note -> assertThat(note)
                .startsWith("1 of 2 statements could not be planned, e.g. \"SELECT * FROM gone WHERE id = $1\": ")
                .contains("\"gone\" does not exist"));
        assertThat(count(bookings, "SELECT count(*) FROM bookings")).as("nothing after a ; ran").isPositive();
    }

    @Test
    void shouldSayThatAUserWithoutTheRightsToRunAStatementMayNotPlanIt() throws SQLException {
        Bookings bookings = bookings();
        String role = "stats_only_" + System.nanoTime();
        String password = "reader-" + System.nanoTime();
        bookings.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
        PostgresConnectionSettings reader = new PostgresConnectionSettings(bookings.settings().jdbcUrl(), role,
                password, Duration.ofSeconds(5));

        StatementPlans plans = new StatementCapture(reader).plans(List.of(change(5, BY_GUEST), change(6, BOOK)),
                "17.5", 170_005);

        assertThat(plans.plans()).isEmpty();
        assertThat(plans.note()).hasValueSatisfying(note -> assertThat(note)
                .startsWith("2 of 2 statements could not be planned, e.g. \"" + BY_GUEST + "\": ERROR: permission "
                        + "denied for table bookings")
                .endsWith("; user " + role + " may not plan 2 of them: planning needs the rights to run the"
                        + " statement (GRANT pg_read_all_data TO " + role + "; lets it plan reads; writes only the"
                        + " application's user may plan)")
                .doesNotContain(password));
    }

    @Test
    void shouldSayThatPlansNeedPostgres16WithoutConnecting() throws IOException {
        PostgresConnectionSettings nowhere = new PostgresConnectionSettings("jdbc:postgresql://127.0.0.1:"
                + TestPostgres.closedPort() + "/shop", "perf", "secret", Duration.ofSeconds(2));

        StatementPlans plans = new StatementCapture(nowhere).plans(List.of(change(5, BY_GUEST)), "15.8", 150_008);

        assertThat(plans.plans()).isEmpty();
        assertThat(plans.note()).contains("plans need PostgreSQL 16 or newer (EXPLAIN GENERIC_PLAN, which plans a "
                + "statement with $1 parameters); PostgreSQL at 127.0.0.1:" + nowhere.target().split(":")[1]
                + " is 15.8");
    }

    @Test
    void shouldSayWhyNoPlanCouldBeTakenFromAServerThatIsGone() throws IOException {
        PostgresConnectionSettings nowhere = new PostgresConnectionSettings("jdbc:postgresql://127.0.0.1:"
                + TestPostgres.closedPort() + "/shop", "perf", "secret", Duration.ofSeconds(2));

        StatementPlans plans = new StatementCapture(nowhere).plans(List.of(change(5, BY_GUEST)), "17.5", 170_005);

        assertThat(plans.plans()).isEmpty();
        assertThat(plans.note()).hasValueSatisfying(note -> assertThat(note)
                .startsWith("plans could not be taken from PostgreSQL at 127.0.0.1:").doesNotContain("secret"));
    }

    private static StatementKey key(long queryId) {
        return new StatementKey(10, 1, queryId, true);
    }

    private static StatementChange change(long queryId, String query) {
        return new StatementChange(key(queryId), "app", query, 10, 1, 10, 0, 0, StatementChange.Origin.DIFFERENCE);
    }
}
