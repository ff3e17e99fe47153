package io.perfgate.history;

import static io.perfgate.history.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.postgres.PostgresConnectionSettings;
import io.perfgate.postgres.TestPostgres;
import io.perfgate.model.Verdict;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What only the PostgreSQL store has: its schema, its migrations, its credentials. */
class PostgresHistoryStoreTest {

    private static final String SECRET = "s3cret-Pa55word-that-must-never-show";

    @Test
    void shouldCreateTheSchemaOnFirstUseAndRecordItsVersion() throws SQLException {
        PostgresConnectionSettings settings = TestPostgres.server().newDatabase();
        new PostgresHistoryStore(settings).record(run("shop", "main", "1", 0, Verdict.PASS));

        assertThat(query(settings, "SELECT version || ': ' || description FROM perfgate_schema_version ORDER BY 1"))
                .containsExactly("1: Runs, their series snapshots and budget line verdicts, and pinned baselines",
                        "2: Each round's statistics of a build that ran its load several times",
                        "3: What the application's database ran during each run's load, from pg_stat_statements");
        assertThat(query(settings, "SELECT count(*) FROM perfgate_run")).containsExactly("1");
        assertThat(query(settings, "SELECT count(*) FROM perfgate_series")).containsExactly("1");
    }

    @Test
    void shouldFindNothingToDoWhenMigratingAgain() throws SQLException {
        PostgresConnectionSettings settings = TestPostgres.server().newDatabase();
        PostgresHistoryStore store = new PostgresHistoryStore(settings);

        assertThat(store.migrateSchema()).isEqualTo(3);
        store.record(run("shop", "main", "1", 0, Verdict.PASS));
        assertThat(store.migrateSchema()).isEqualTo(3);
        assertThat(new PostgresHistoryStore(settings).migrateSchema()).isEqualTo(3);

        assertThat(query(settings, "SELECT version FROM perfgate_schema_version ORDER BY 1")).containsExactly("1", "2", "3");
        assertThat(query(settings, "SELECT count(*) FROM perfgate_run")).containsExactly("1");
    }

    @Test
    void shouldMigrateOnceWhenSeveralBuildsStartAtOnce() throws Exception {
        PostgresConnectionSettings settings = TestPostgres.server().newDatabase();
        int builds = 4;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(builds);
        try {
            List<Future<Integer>> versions = new ArrayList<>();
            for (int i = 0; i < builds; i++) {
                Callable<Integer> build = () -> {
                    start.await();
                    return storeWith(settings, scripts(1, NOTE_ADDED, NOTE_FILLED)).migrateSchema();
                };
                versions.add(pool.submit(build));
            }
            start.countDown();
            for (Future<Integer> version : versions) {
                assertThat(version.get(60, TimeUnit.SECONDS)).isEqualTo(3);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(query(settings, "SELECT version FROM perfgate_schema_version ORDER BY version"))
                .containsExactly("1", "2", "3");
    }

    private static final String NOTE_ADDED = "-- A note per run\nALTER TABLE perfgate_run ADD COLUMN note text;";
    private static final String NOTE_FILLED = "-- Notes for old runs\nUPDATE perfgate_run SET note = 'before notes';"
            + "\nALTER TABLE perfgate_run ALTER COLUMN note SET NOT NULL;";

    @Test
    void shouldApplyNewScriptsInOrderOnTopOfAnOlderSchema() throws SQLException {
        PostgresConnectionSettings settings = TestPostgres.server().newDatabase();
        storeWith(settings, scripts(1)).migrateSchema();
        storeAsSchemaVersion1Did(settings);

        assertThat(storeWith(settings, scripts(2, NOTE_ADDED, NOTE_FILLED)).migrateSchema())
                .isEqualTo(4);

        assertThat(query(settings, "SELECT version || ': ' || description FROM perfgate_schema_version ORDER BY 1"))
                .containsExactly("1: Runs, their series snapshots and budget line verdicts, and pinned baselines",
                        "2: Each round's statistics of a build that ran its load several times",
                        "3: A note per run", "4: Notes for old runs");
        assertThat(query(settings, "SELECT note FROM perfgate_run")).containsExactly("before notes");
    }

    @Test
    void shouldReadRunsStoredBeforeRoundsWereKeptAsRunsWithoutRounds() throws SQLException {
        PostgresConnectionSettings settings = TestPostgres.server().newDatabase();
        storeWith(settings, scripts(1)).migrateSchema();
        storeAsSchemaVersion1Did(settings);
        PostgresHistoryStore store = new PostgresHistoryStore(settings);
        RunRecord stored = run("shop", "main", "1", 0, Verdict.PASS);

        assertThat(store.runs("shop", "main", 10)).extracting(RecordedRun::run).containsExactly(stored);
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5)).runs()).containsExactly(stored);
        assertThat(query(settings, "SELECT round_count FROM perfgate_run")).containsExactly("0");
        assertThat(query(settings, "SELECT coalesce(statement_count::text, 'none') FROM perfgate_run"))
                .as("a run stored before statements were kept has none").containsExactly("none");
    }

    @Test
    void shouldKeepEachStatementOfTheLoadAsARowForPlainSql() throws SQLException {
        PostgresConnectionSettings settings = TestPostgres.server().newDatabase();
        new PostgresHistoryStore(settings).record(Runs.withStatements("shop", "build-7"));

        assertThat(query(settings, "SELECT statement_count FROM perfgate_run")).containsExactly("12");
        assertThat(query(settings, "SELECT position || ':' || query_id || ':' || calls || ':'"
                + " || coalesce(calls_per_request::text, 'null') FROM perfgate_statement ORDER BY position"))
                .containsExactly("0:-6917402351266385121:24240:20", "1:9223372036854775807:3:null");
    }

    @Test
    void shouldMigrateAndKeepRunsOnPostgres15() throws SQLException {
        TestPostgres postgres15 = TestPostgres.postgres15WithStatementStatistics();
        PostgresConnectionSettings settings = postgres15.newDatabase();
        PostgresHistoryStore store = new PostgresHistoryStore(settings);
        RunRecord withStatements = Runs.withStatements("shop", "build-7");
        RunRecord repeated = Runs.repeated("shop", "build-6");
        RunRecord plain = run("shop", withStatements.branch(), "build-5", 0, Verdict.PASS);

        assertThat(store.migrateSchema()).isEqualTo(3);
        assertThat(List.of(store.record(plain), store.record(repeated), store.record(withStatements)))
                .containsOnly(RecordOutcome.STORED);

        assertThat(query(postgres15, settings, "SELECT current_setting('server_version_num')::int / 10000"))
                .containsExactly("15");
        assertThat(query(postgres15, settings, "SELECT version FROM perfgate_schema_version ORDER BY 1"))
                .containsExactly("1", "2", "3");
        assertThat(store.runs("shop", withStatements.branch(), 10)).extracting(RecordedRun::run)
                .containsExactly(withStatements, repeated, plain);
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", withStatements.branch(), 5)).runs())
                .containsExactly(withStatements, repeated, plain);
    }

    @Test
    void shouldKeepEachRoundAsARowBesideItsPooledSeries() throws SQLException {
        PostgresConnectionSettings settings = TestPostgres.server().newDatabase();
        new PostgresHistoryStore(settings).record(Runs.repeated("shop", "build-3"));

        assertThat(query(settings, "SELECT round_count FROM perfgate_run")).containsExactly("3");
        assertThat(query(settings, "SELECT position || ':' || round || ':' || p95_value FROM perfgate_series_round"
                + " WHERE position = 0 ORDER BY round")).containsExactly("0:1:340.5", "0:2:362.25", "0:3:351.5");
        assertThat(query(settings, "SELECT string_agg(round::text, ',' ORDER BY round) FROM perfgate_series_round"
                + " WHERE position = 2")).containsExactly("1,3");
    }

    /** {@link Runs#run} of shop, main, "1", as the rows the store wrote before rounds were kept. */
    private static void storeAsSchemaVersion1Did(PostgresConnectionSettings settings) throws SQLException {
        try (Connection connection = TestPostgres.server().connectAsSuperuser(database(settings));
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO perfgate_run (project, run_id, branch, commit_id, build_url, started_at,"
                    + " verdict, labels) VALUES ('shop', '1', 'main', NULL, NULL, '2025-03-01T12:00:00Z', 'PASS', '{}')");
            statement.execute("INSERT INTO perfgate_series (run_ref, position, series, metric, tags, contents,"
                    + " sample_count, rate, min_value, avg_value, med_value, p90_value, p95_value, p99_value, max_value,"
                    + " error_rate, histogram, metric_type) SELECT id, 0, 'http_req_duration{name:checkout}',"
                    + " 'http_req_duration', '{\"name\": \"checkout\"}', 'time', 100, 10, 1, 20, 18, 30, 35, NULL, 90,"
                    + " NULL, NULL, 'trend' FROM perfgate_run");
        }
    }

    @Test
    void shouldLeaveTheSchemaAsItWasWhenAScriptFails() throws SQLException {
        PostgresConnectionSettings settings = TestPostgres.server().newDatabase();
        storeWith(settings, scripts(1)).migrateSchema();
        PostgresHistoryStore broken = storeWith(settings,
                scripts(1, NOTE_ADDED, "-- Broken\nSELECT no_such_function();"));

        assertThatThrownBy(broken::migrateSchema).isInstanceOf(HistoryException.class)
                .hasMessageContaining("PostgreSQL at 127.0.0.1:").hasMessageContaining("no_such_function");

        assertThat(query(settings, "SELECT version FROM perfgate_schema_version")).containsExactly("1");
        assertThat(query(settings, "SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'"))
                .containsExactly("0");
    }

    @Test
    void shouldRefuseADatabaseThatANewerPerfgateMigrated() {
        PostgresConnectionSettings settings = TestPostgres.server().newDatabase();
        storeWith(settings, scripts(1, NOTE_ADDED)).migrateSchema();
        PostgresHistoryStore older = storeWith(settings, scripts(1));

        String expected = "the history database is at schema version 2, newer than this perfgate knows (1):"
                + " use a newer perfgate";
        assertThatThrownBy(() -> older.record(run("shop", "main", "1", 0, Verdict.PASS)))
                .isInstanceOf(HistoryException.class).hasMessage(expected);
        assertThat(older.baseline(BaselineQuery.lastRuns("shop", "main", 3)).unavailableReason()).contains(expected);
    }

    @Test
    void shouldKeepARunIdUniqueInTheDatabaseItself() throws SQLException {
        PostgresConnectionSettings settings = TestPostgres.server().newDatabase();
        new PostgresHistoryStore(settings).record(run("shop", "main", "1", 0, Verdict.PASS));

        try (Connection connection = TestPostgres.server().connectAsSuperuser(database(settings));
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("INSERT INTO perfgate_run (project, run_id, branch, started_at,"
                    + " verdict, labels) VALUES ('shop', '1', 'other', now(), 'PASS', '{}')"))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo("23505"));
        }
    }

    @Test
    void shouldNeverPutThePasswordInAMessageWhenNoServerListens() throws IOException {
        int port = closedPort();
        PostgresHistoryStore store = new PostgresHistoryStore(new PostgresConnectionSettings(
                "jdbc:postgresql://127.0.0.1:" + port + "/perf", "perfgate", SECRET, Duration.ofSeconds(2)));

        assertThatThrownBy(() -> store.record(run("shop", "main", "1", 0, Verdict.PASS)))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessageStartingWith("PostgreSQL at 127.0.0.1:" + port + "/perf is unreachable: Connection to"
                        + " 127.0.0.1:" + port + " refused")
                .satisfies(PostgresHistoryStoreTest::holdsNoSecret);
        Baseline baseline = store.baseline(BaselineQuery.lastRuns("shop", "main", 3));
        assertThat(baseline.available()).isFalse();
        assertThat(baseline.unavailableReason().orElseThrow()).contains("is unreachable").doesNotContain(SECRET);
    }

    @Test
    void shouldCallAWrongPasswordAConfigurationErrorWithoutThePassword() {
        TestPostgres server = TestPostgres.server();
        PostgresHistoryStore store = new PostgresHistoryStore(
                new PostgresConnectionSettings(server.url("postgres"), TestPostgres.SUPERUSER, SECRET,
                        Duration.ofSeconds(5)));

        assertThatThrownBy(() -> store.record(run("shop", "main", "1", 0, Verdict.PASS)))
                .isInstanceOf(HistoryConfigurationException.class)
                .hasMessageStartingWith("PostgreSQL at 127.0.0.1:" + server.port() + "/postgres refused user postgres: ")
                .hasMessageContaining("password authentication failed for user \"postgres\"")
                .hasMessageEndingWith(". This is a configuration error, not an outage, so no run is spooled for it:"
                        + " check the user (postgres) and the password given for the history database")
                .satisfies(PostgresHistoryStoreTest::holdsNoSecret);
        assertThatThrownBy(() -> store.runs("shop", "main", 3)).isInstanceOf(HistoryConfigurationException.class)
                .satisfies(PostgresHistoryStoreTest::holdsNoSecret);
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 3)).unavailableReason().orElseThrow())
                .contains("password authentication failed").doesNotContain(SECRET);
    }

    @Test
    void shouldNeverPutAPasswordWrittenIntoTheUrlInAMessage() {
        TestPostgres server = TestPostgres.server();
        PostgresConnectionSettings settings = new PostgresConnectionSettings(
                server.url("postgres") + "?password=" + SECRET + "&user=postgres", "postgres", "",
                Duration.ofSeconds(5));
        PostgresHistoryStore store = new PostgresHistoryStore(settings);

        assertThat(settings.toString()).doesNotContain(SECRET);
        assertThat(settings.target()).isEqualTo("127.0.0.1:" + server.port() + "/postgres");
        assertThatThrownBy(() -> store.runs("shop", "main", 3)).isInstanceOf(HistoryConfigurationException.class)
                .satisfies(PostgresHistoryStoreTest::holdsNoSecret);
    }

    @Test
    void shouldCallAnUnknownDatabaseAConfigurationError() {
        PostgresConnectionSettings settings = TestPostgres.server().settings("no_such_history");

        assertThatThrownBy(() -> new PostgresHistoryStore(settings).record(run("shop", "main", "1", 0, Verdict.PASS)))
                .isInstanceOf(HistoryConfigurationException.class)
                .hasMessageContaining("database \"no_such_history\" does not exist")
                .hasMessageEndingWith(": check the database name of the JDBC URL");
    }

    @Test
    void shouldCallAUserWhoMayNotCreateTheTablesAConfigurationError() throws SQLException {
        PostgresConnectionSettings owner = TestPostgres.server().newDatabase();
        String password = "pw-" + UUID.randomUUID();
        try (Connection connection = TestPostgres.server().connectAsSuperuser(database(owner));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP ROLE IF EXISTS perf_reader");
            statement.execute("CREATE ROLE perf_reader LOGIN PASSWORD '" + password + "'"); // no parameters here
            statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
        PostgresHistoryStore store = new PostgresHistoryStore(new PostgresConnectionSettings(owner.jdbcUrl(),
                "perf_reader", password, Duration.ofSeconds(5)));

        assertThatThrownBy(() -> store.record(run("shop", "main", "1", 0, Verdict.PASS)))
                .isInstanceOf(HistoryConfigurationException.class)
                .hasMessageStartingWith("PostgreSQL at " + owner.target() + " refused user perf_reader: ")
                .hasMessageContaining("permission denied for schema public")
                .hasMessageEndingWith(": let user perf_reader create, read and write the perfgate_ tables in the"
                        + " history's schema (e.g. GRANT USAGE, CREATE ON SCHEMA public TO perf_reader), or connect as"
                        + " their owner");
    }

    @Test
    void shouldDescribeTheDatabaseWithoutCredentials() {
        PostgresConnectionSettings settings = PostgresConnectionSettings.of(
                "jdbc:postgresql://db1:5433,db2/perf?sslmode=require&password=" + SECRET, "perfgate", SECRET);

        assertThat(settings.target()).isEqualTo("db1:5433,db2:5432/perf");
        assertThat(settings.toString()).isEqualTo(
                "PostgresConnectionSettings[jdbcUrl=jdbc:postgresql://db1:5433,db2/perf?..."
                + ", user=perfgate, password=****, connectTimeout=PT10S]");
        assertThat(new PostgresHistoryStore(settings).location()).isEqualTo("PostgreSQL at db1:5433,db2:5432/perf");
        assertThatThrownBy(() -> PostgresConnectionSettings.of("jdbc:mysql://db/perf?password=" + SECRET, "u", SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'jdbc:mysql://db/perf?...' is not a PostgreSQL JDBC URL;"
                        + " expected jdbc:postgresql://host:port/database");
    }

    private static void holdsNoSecret(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET).contains("at org.postgresql");
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET);
        }
    }

    /** A store whose database is migrated by {@code scripts}. */
    static PostgresHistoryStore storeWith(PostgresConnectionSettings settings, SchemaMigrations.Scripts scripts) {
        return new PostgresHistoryStore(settings, scripts, PostgresHistoryStore.STATEMENT_TIMEOUT);
    }

    /** The bundled V1 and then test-only scripts as V2, V3, ... */
    static SchemaMigrations.Scripts scripts(int bundled, String... more) {
        SchemaMigrations.Scripts real = SchemaMigrations.bundled();
        return version -> {
            if (version <= bundled) {
                return real.script(version);
            }
            if (version - bundled <= more.length) {
                String sql = more[version - bundled - 1];
                return Optional.of(new SchemaMigrations.Migration(version,
                        sql.lines().findFirst().orElseThrow().substring(2).strip(), sql));
            }
            return Optional.empty();
        };
    }

    static List<String> query(PostgresConnectionSettings settings, String sql) throws SQLException {
        return query(TestPostgres.server(), settings, sql);
    }

    static List<String> query(TestPostgres server, PostgresConnectionSettings settings, String sql)
            throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = server.connectAsSuperuser(database(settings));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    static String database(PostgresConnectionSettings settings) {
        return settings.target().substring(settings.target().indexOf('/') + 1);
    }

    static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
