package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.database.DatabaseSnapshots;
import io.perfgate.diag.Diagnostics;
import io.perfgate.history.FileHistoryStore;
import io.perfgate.history.HistoryStore;
import io.perfgate.history.RecordedRun;
import io.perfgate.history.RecordedStatements;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.StatementShift;
import io.perfgate.model.Verdict;
import io.perfgate.postgres.PostgresConnectionSettings;
import io.perfgate.postgres.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The statements behind a broken line, over a real PostgreSQL with {@code pg_stat_statements}: five builds
 * of a booking page that joins guests to bookings, recorded in the history, then a build that reads each
 * booking's guest with a query of its own. The load's results are the recorded k6 run {@code a_pass}
 * (1220 requests), so the calls per request are the calls over 1220.
 */
class DatabaseExplanationsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final int PAGES = 122;
    private static final String BUDGET = """
            thresholds:
              db.query{match:"guests"}: ["calls_per_request<=0.5"]
              http_req_duration: ["p(95)<1000"]
            """;

    @TempDir
    Path project;

    private PostgresConnectionSettings database;
    private HistoryStore store;

    @BeforeEach
    void createTheBookingDatabase() throws SQLException {
        database = TestPostgres.withStatementStatistics().newDatabase();
        store = new FileHistoryStore(project.resolve("history"), new Diagnostics());
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION pg_stat_statements");
            statement.execute("CREATE TABLE guests (id int PRIMARY KEY, name text NOT NULL)");
            statement.execute("CREATE TABLE bookings (id int PRIMARY KEY, guest_id int NOT NULL, day int NOT NULL)");
            statement.execute("INSERT INTO guests SELECT g, 'guest ' || g FROM generate_series(1, 100) g");
            statement.execute("INSERT INTO bookings SELECT b, 1 + b % 100, b % 5 FROM generate_series(1, 50) b");
        }
        new RunFolders(project.resolve("target/perf")).single("shop", "a_pass", 0);
    }

    /** The driver sends its settings at login, not as statements pg_stat_statements would count. */
    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", TestPostgres.SUPERUSER);
        properties.setProperty("password", TestPostgres.PASSWORD);
        properties.setProperty("assumeMinServerVersion", "9.4");
        return DriverManager.getConnection(database.jdbcUrl(), properties);
    }

    /** One build: the snapshots around the pages served, then the gate with the history. */
    private GateReport build(String runId, boolean nPlusOne) throws IOException, SQLException {
        return build(runId, nPlusOne, BUDGET);
    }

    private GateReport build(String runId, boolean nPlusOne, String budget) throws IOException, SQLException {
        Path snapshots = DatabaseSnapshots.folder(project.resolve("target/perf"));
        Files.createDirectories(snapshots);
        DatabaseSnapshots.takeBefore(database, snapshots, CLOCK);
        try (Connection connection = connect();
                PreparedStatement joined = connection.prepareStatement("SELECT b.id, g.name FROM bookings b"
                        + " JOIN guests g ON g.id = b.guest_id WHERE b.day = ?");
                PreparedStatement bookings = connection.prepareStatement("SELECT id, guest_id FROM bookings"
                        + " WHERE day = ?");
                PreparedStatement guest = connection.prepareStatement("SELECT name FROM guests WHERE id = ?")) {
            for (int page = 0; page < PAGES; page++) {
                if (nPlusOne) {
                    bookings.setInt(1, page % 5);
                    try (ResultSet result = bookings.executeQuery()) {
                        while (result.next()) {
                            guest.setInt(1, result.getInt(2));
                            try (ResultSet name = guest.executeQuery()) {
                                name.next();
                            }
                        }
                    }
                } else {
                    joined.setInt(1, page % 5);
                    try (ResultSet result = joined.executeQuery()) {
                        while (result.next()) {
                            result.getString(2);
                        }
                    }
                }
            }
        }
        DatabaseSnapshots.takeAfter(database, snapshots, CLOCK);
        Path budgetFile = Files.writeString(project.resolve("perf-budget.yaml"), budget);
        CheckRequest request = new CheckRequest(budgetFile, project.resolve("target/perf"), List.of(),
                project.resolve("target/perf"), true).withHistory(new HistoryOptions(store, "shop",
                new RunIdentity("main", "main", Optional.empty(), runId, Optional.empty()),
                HistoryOptions.DEFAULT_BASELINE_RUNS, true, Map.of()));
        return PerfGate.evaluate(request, new Diagnostics(), CLOCK);
    }

    @Test
    void shouldNameTheQueryTheNPlusOnePatternBroughtAgainstTheRecordedBaseline() throws Exception {
        for (int build = 1; build <= 5; build++) {
            GateReport baseline = build("build-" + build, false);
            assertThat(baseline.verdict()).as(baseline.lines().toString()).isEqualTo(Verdict.PASS);
        }
        RecordedStatements recorded = store.runs("shop", "main", 1).stream().map(RecordedRun::run).findFirst()
                .orElseThrow().statements().orElseThrow();
        assertThat(recorded.complete()).isTrue();
        assertThat(recorded.statements()).extracting(DatabaseStatementRow::query)
                .contains("SELECT b.id, g.name FROM bookings b JOIN guests g ON g.id = b.guest_id WHERE b.day = $1");

        GateReport report = build("build-6", true);

        LineResult guests = report.lines().get(0);
        assertThat(guests.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(guests.sentence()).isEqualTo("db.query{match:\"guests\"} calls_per_request is 1, but the budget is"
                + " <= 0.5");
        assertThat(guests.explanations()).singleElement().isInstanceOfSatisfying(StatementShift.class, shift -> {
            assertThat(shift.query()).isEqualTo("SELECT name FROM guests WHERE id = $1");
            assertThat(shift.newSinceBaseline()).isTrue();
            assertThat(shift.callsPerRequest()).isEqualTo(1.0);
            assertThat(shift.sentence()).startsWith("\"SELECT name FROM guests WHERE id = $1\": new since the baseline"
                    + " of 5 runs of main, 1 call per request, mean ");
        });
        assertThat(report.lines().get(1).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void shouldSayThatThePlanChangedWhenTheIndexWasDropped() throws Exception {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO bookings SELECT b, 1 + b % 100, b % 5000 FROM generate_series(51, 50000) b");
            statement.execute("CREATE INDEX bookings_day ON bookings (day)");
            statement.execute("ANALYZE bookings");
        }
        // a line every build breaks, as a warning: the builds stay usable as a baseline
        String budget = """
                thresholds:
                  http_req_duration:
                    - threshold: "p(95)<1"
                      severity: warn
                """;
        for (int build = 1; build <= 3; build++) {
            assertThat(build("build-" + build, false, budget).verdict()).isEqualTo(Verdict.WARN);
        }
        assertThat(store.runs("shop", "main", 1).get(0).run().statements().orElseThrow().statements())
                .filteredOn(row -> row.query().contains("JOIN guests")).singleElement()
                .satisfies(row -> assertThat(row.plan()).as("its shape is kept").hasValueSatisfying(plan -> {
                    assertThat(plan.shape()).contains("Scan on bookings").doesNotContain("Seq Scan on bookings");
                    assertThat(plan.text()).as("not its text").isEmpty();
                }));
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX bookings_day");
        }

        GateReport report = build("build-4", false, budget);

        assertThat(report.lines().get(0).explanations()).filteredOn(StatementShift.class::isInstance)
                .map(StatementShift.class::cast).filteredOn(shift -> shift.query().contains("JOIN guests"))
                .singleElement().satisfies(shift -> {
                    // the planner may also switch the join's other side (Index Scan → Seq Scan on guests)
                    assertThat(shift.planChange()).hasValueSatisfying(change -> assertThat(change)
                            .containsPattern("(^|, )(Index Scan|Bitmap Heap Scan|Index Only Scan) → Seq Scan on "
                                    + "bookings(,|$)"));
                    assertThat(shift.sentence()).contains("against the baseline of 3 runs of main; the plan changed "
                            + "since the baseline (" + shift.planChange().orElseThrow() + ")");
                });
        assertThat(report.database().orElseThrow().byTotalTime()).filteredOn(row -> row.query().contains("JOIN"))
                .singleElement().satisfies(row -> assertThat(row.plan().orElseThrow().text())
                        .as("the report holds the plan").contains("\"Node Type\": \"Seq Scan\""));
    }

    @Test
    void shouldNameNoStatementWithoutABaselineThatKeptStatements() throws Exception {
        GateReport report = build("build-1", true);

        assertThat(report.lines().get(0).verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.lines().get(0).explanations()).isEmpty();
    }
}
