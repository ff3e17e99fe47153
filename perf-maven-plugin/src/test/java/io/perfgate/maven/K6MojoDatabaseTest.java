package io.perfgate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.database.CaptureFailure;
import io.perfgate.database.DatabaseProblem;
import io.perfgate.database.SnapshotFile;
import io.perfgate.database.StatementSnapshot;
import io.perfgate.diag.Diagnostics;
import io.perfgate.gate.CheckRequest;
import io.perfgate.gate.GateOutcome;
import io.perfgate.gate.PerfGate;
import io.perfgate.postgres.TestPostgres;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perf:k6} snapshotting {@code pg_stat_statements} around its runs: the stand-in k6 replays a
 * recorded run of 1220 requests while the test plays the application, running statements against a
 * real PostgreSQL (started as perf-core's tests start it) before, during and after the goal.
 */
@MojoTest
class K6MojoDatabaseTest {

    private static final String SECRET = "s3cret-db-password";
    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");
    /** {@code http_reqs} of the recorded run {@code a_pass}. */
    private static final int REQUESTS_PER_RUN = 1220;
    private static final String BOOKINGS_OF_GUEST = "SELECT id, day FROM bookings WHERE guest_id = ?";
    private static final String BUDGET = """
            thresholds:
              http_req_failed: ["rate<1%"]
              db.query{match:"from bookings"}: ["calls_per_request<=1"]
            """;

    @TempDir
    Path work;

    private final RecordingLog log = new RecordingLog();
    private Path checkout;
    private Path search;

    @BeforeEach
    void writeScripts() throws IOException {
        checkout = Files.writeString(work.resolve("checkout.js"), "export default function () {}\n");
        search = Files.writeString(work.resolve("search.js"), "export default function () {}\n");
    }

    /** The mojo on the stand-in replaying {@code a_pass}, with the database at {@code databaseUrl}. */
    private K6Mojo standIn(K6Mojo mojo, String databaseUrl, String user, String password, Path... scripts)
            throws Exception {
        setVariableValueToObject(mojo, "scripts", Stream.of(scripts).map(Path::toFile).toList());
        setVariableValueToObject(mojo, "k6Executable", StandIn.executable().toString());
        setVariableValueToObject(mojo, "environment", Map.of(StandIn.RUN_VARIABLE, "a_pass"));
        setVariableValueToObject(mojo, "outputDirectory", work.resolve("perf").toFile());
        setVariableValueToObject(mojo, "workingDirectory", work.toFile());
        mojo.databaseUrl = databaseUrl;
        mojo.databaseUser = user;
        mojo.databasePassword = password;
        mojo.systemEnvironment = Map.of();
        mojo.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        mojo.setLog(log);
        return mojo;
    }

    private static String closedPortUrl() throws IOException {
        return "jdbc:postgresql://127.0.0.1:" + TestPostgres.closedPort() + "/shop";
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "repeat", value = "2")
    void shouldSnapshotRightBeforeTheFirstRunAndRightAfterTheLastSoTheGateCatchesNPlusOne(K6Mojo mojo)
            throws Exception {
        TestPostgres server = TestPostgres.withStatementStatistics();
        String database = shop(server, true);
        serve(server, database, 500); // before the goal: not part of the load
        // the application at work: two statements per request during each run
        log.onEachLine(line -> {
            if (line.startsWith("[INFO] k6 finished ")) {
                serve(server, database, 2 * REQUESTS_PER_RUN);
            }
        });

        standIn(mojo, server.url(database), TestPostgres.SUPERUSER, TestPostgres.PASSWORD, checkout, search).execute();
        log.onEachLine(line -> { });
        serve(server, database, 700); // after the goal: not part of the load either

        List<String> lines = log.lines();
        int before = indexOf(lines, "[INFO] perf:k6, database snapshot before the load: ");
        int after = indexOf(lines, "[INFO] perf:k6, database snapshot after the load: ");
        assertThat(lines).filteredOn(line -> line.contains("database snapshot")).hasSize(2);
        assertThat(before).as("before the first run").isLessThan(indexOf(lines, "[INFO] Running k6 on checkout.js"));
        assertThat(after).as("after the last run")
                .isGreaterThan(lines.lastIndexOf("[INFO] k6 results of search.js (run 2 of 2) are in "
                        + work.resolve("perf/search/run-2")));
        assertThat(lines.get(before)).endsWith(" in " + work.resolve("perf/db"))
                .contains(" statements of 127.0.0.1:" + server.port() + "/" + database + " (PostgreSQL ");
        assertThat(log.at("ERROR")).isEmpty();
        assertThat(SnapshotFile.read(work.resolve("perf/db/before.json"))).isInstanceOf(StatementSnapshot.class);
        assertThat(SnapshotFile.read(work.resolve("perf/db/after.json"))).isInstanceOf(StatementSnapshot.class);

        GateOutcome outcome = gate();

        LineResult nPlusOne = outcome.report().lines().get(1);
        assertThat(nPlusOne.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(nPlusOne.sentence())
                .isEqualTo("db.query{match:\"from bookings\"} calls_per_request is 2, but the budget is <= 1");
        DatabaseSection section = outcome.report().database().orElseThrow();
        assertThat(section.requests()).hasValue(4L * REQUESTS_PER_RUN);
        assertThat(section.byTotalTime()).filteredOn(row -> row.query().contains("FROM bookings")).singleElement()
                .satisfies(row -> {
                    assertThat(row.query()).isEqualTo("SELECT id, day FROM bookings WHERE guest_id = $1");
                    assertThat(row.calls()).as("4 runs, none of the statements before or after the goal")
                            .isEqualTo(4L * 2 * REQUESTS_PER_RUN);
                    assertThat(row.callsPerRequest()).hasValue(2.0);
                });
        JsonNode json = new ObjectMapper().readTree(work.resolve("report/perf-report.json").toFile());
        assertThat(json.get("database").get("byTotalTime").findValuesAsText("query"))
                .contains("SELECT id, day FROM bookings WHERE guest_id = $1");
        assertThat(Files.readString(work.resolve("report/perf-report.html")))
                .contains("<h2>Database</h2>", "<code>SELECT id, day FROM bookings WHERE guest_id = $1</code>");
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldRunTheLoadAndSayHowToFixADatabaseWithoutTheExtension(K6Mojo mojo) throws Exception {
        TestPostgres server = TestPostgres.withStatementStatistics();
        String database = shop(server, false);

        standIn(mojo, server.url(database), TestPostgres.SUPERUSER, TestPostgres.PASSWORD, checkout).execute();

        assertThat(work.resolve("perf/checkout/run.ndjson")).isRegularFile();
        for (String file : List.of("perf/db/before.json", "perf/db/after.json")) {
            assertThat(SnapshotFile.read(work.resolve(file))).isInstanceOfSatisfying(CaptureFailure.class,
                    failure -> assertThat(failure.problem()).isEqualTo(DatabaseProblem.EXTENSION_MISSING));
        }
        assertThat(log.at("ERROR")).hasSize(4);
        assertThat(log.at("ERROR").get(0)).startsWith("perf:k6, database snapshot before the load: "
                + "pg_stat_statements is not installed in database " + database)
                .contains("run CREATE EXTENSION pg_stat_statements; in that database as a superuser");
        assertThat(log.at("ERROR").get(1))
                .isEqualTo("The database lines of the budget cannot be evaluated; the load results still are");
        assertThat(log.at("ERROR").get(2)).startsWith("perf:k6, database snapshot after the load: ");

        GateOutcome outcome = gate();

        assertThat(outcome.report().lines()).extracting(LineResult::verdict).containsExactly(Verdict.PASS, Verdict.ERROR);
        assertThat(outcome.report().lines().get(1).sentence())
                .contains("could not be evaluated: the database snapshot before the load could not be taken: ")
                .contains("CREATE EXTENSION pg_stat_statements");
        assertThat(outcome.report().database()).isEmpty();
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldRunTheLoadWhenTheDatabaseIsUnreachableAndNeverLogThePassword(K6Mojo mojo) throws Exception {
        standIn(mojo, closedPortUrl(), "perf", SECRET, checkout).execute();

        assertThat(work.resolve("perf/checkout/k6-run.json")).isRegularFile();
        assertThat(SnapshotFile.read(work.resolve("perf/db/after.json"))).isInstanceOfSatisfying(CaptureFailure.class,
                failure -> {
                    assertThat(failure.problem()).isEqualTo(DatabaseProblem.UNREACHABLE);
                    assertThat(failure.takenAt()).isEqualTo(NOW);
                });
        assertThat(log.at("ERROR").get(0)).startsWith("perf:k6, database snapshot before the load: PostgreSQL at "
                + "127.0.0.1:").contains("/shop is unreachable: ");
        assertThat(log.at("INFO")).contains("k6 finished checkout.js");
        assertThat(String.join("\n", log.lines())).doesNotContain(SECRET);
        assertThat(Files.readString(work.resolve("perf/db/before.json"))).doesNotContain(SECRET);
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldTakeNoSnapshotsWithoutADatabaseUrl(K6Mojo mojo) throws Exception {
        standIn(mojo, null, null, null, checkout).execute();

        assertThat(work.resolve("perf/checkout/k6-run.json")).isRegularFile();
        assertThat(work.resolve("perf/db")).doesNotExist();
        assertThat(log.lines()).noneMatch(line -> line.contains("database"));
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "skipDatabase", value = "true")
    void shouldSkipTheSnapshotsWithPerfDbSkip(K6Mojo mojo) throws Exception {
        standIn(mojo, closedPortUrl(), "perf", SECRET, checkout).execute();

        assertThat(work.resolve("perf/checkout/k6-run.json")).isRegularFile();
        assertThat(work.resolve("perf/db")).doesNotExist();
        assertThat(log.lines()).first().isEqualTo("[INFO] perf:k6 takes no database snapshots (perf.db.skip is set)");
        assertThat(log.at("ERROR")).isEmpty();
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldRefuseAScriptWhoseResultsWouldGoWhereTheSnapshotsGo(K6Mojo mojo) throws Exception {
        Path db = Files.writeString(work.resolve("db.js"), "export default function () {}\n");
        standIn(mojo, closedPortUrl(), "perf", SECRET, checkout, db);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf:k6 cannot run " + db + " with database snapshots: its results would go to "
                        + work.resolve("perf/db") + ", where the snapshots are written; rename the script");
        assertThat(work.resolve("perf")).as("nothing ran").doesNotExist();
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldRefuseAMisconfiguredDatabaseBeforeAnyRun(K6Mojo mojo) throws Exception {
        standIn(mojo, "jdbc:mysql://db/shop?password=" + SECRET, "perf", SECRET, checkout);

        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf:k6 is misconfigured: perf.db.url 'jdbc:mysql://db/shop?...' is not a "
                        + "PostgreSQL JDBC URL; expected jdbc:postgresql://host:port/database");
        assertThat(work.resolve("perf")).as("nothing ran").doesNotExist();
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "repeat", value = "2")
    @MojoParameter(name = "baseUrl", value = "http://candidate:8080")
    @MojoParameter(name = "baselineUrl", value = "http://baseline:8080")
    void shouldWarnThatTheSnapshotsSpanTheBaselinesRunsToo(K6Mojo mojo) throws Exception {
        standIn(mojo, closedPortUrl(), "perf", SECRET, checkout).execute();

        assertThat(log.at("WARNING")).contains("perf:k6: the database snapshots span the baseline's runs too; if the "
                + "baseline's deployment uses the database at perf.db.url as well, its statements count against the "
                + "candidate's requests");
        assertThat(log.at("ERROR")).filteredOn(line -> line.startsWith("perf:k6, database snapshot ")).hasSize(2);
    }

    private GateOutcome gate() throws IOException {
        Path budget = Files.writeString(work.resolve("perf-budget.yaml"), BUDGET);
        return PerfGate.check(new CheckRequest(budget, work.resolve("perf"), List.of(), work.resolve("report"), true)
                .withSpelling(MavenSpelling.INSTANCE),
                new Diagnostics());
    }

    private static int indexOf(List<String> lines, String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("no line starts with '" + start + "' in " + lines);
    }

    /** A new database with a bookings table, and pg_stat_statements when {@code withExtension}. */
    private static String shop(TestPostgres server, boolean withExtension) throws SQLException {
        String url = server.newDatabase().jdbcUrl();
        String database = url.substring(url.lastIndexOf('/') + 1);
        try (Connection connection = server.connectAsSuperuser(database);
                Statement statement = connection.createStatement()) {
            if (withExtension) {
                statement.execute("CREATE EXTENSION pg_stat_statements");
            }
            statement.execute("CREATE TABLE bookings (id int PRIMARY KEY, guest_id int NOT NULL, day int NOT NULL)");
            statement.execute("INSERT INTO bookings SELECT b, b % 100, b % 7 FROM generate_series(1, 500) b");
        }
        return database;
    }

    /** Runs the bookings-of-a-guest statement {@code times} times, as the application would. */
    private static void serve(TestPostgres server, String database, int times) {
        try (Connection connection = server.connectAsSuperuser(database);
                PreparedStatement bookings = connection.prepareStatement(BOOKINGS_OF_GUEST)) {
            for (int i = 0; i < times; i++) {
                bookings.setInt(1, i % 100);
                try (ResultSet result = bookings.executeQuery()) {
                    while (result.next()) {
                        result.getInt(1);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the test's workload failed", e);
        }
    }
}
