package io.perfgate.history;

import io.perfgate.diag.BadInputException;
import io.perfgate.postgres.PostgresConnectionSettings;
import io.perfgate.postgres.Secrets;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.StatementPlan;
import io.perfgate.model.Verdict;
import io.perfgate.stats.CompressedHistogram;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * The history in PostgreSQL, for teams whose builds run on many agents. The schema is created and
 * brought up to date on first use (see {@link SchemaMigrations}); the tables live in the connection's
 * current schema, {@code public} unless the URL says {@code currentSchema=...}.
 *
 * <p>Schema: {@code perfgate_run} (one row per run, {@code UNIQUE (project, run_id)}, labels as
 * jsonb, the flag as two columns, the number of rounds of a build of repeated runs),
 * {@code perfgate_series} (a row per series summary, the histogram as bytea), {@code perfgate_series_round}
 * (a row per round and series of a build of repeated runs, the statistics only), {@code perfgate_line}
 * (a row per budget line verdict), {@code perfgate_statement} (a row per database statement a run kept; the
 * run's {@code statement_count} says how many ran), {@code perfgate_pin} (the pinned run per project and
 * branch) and {@code perfgate_schema_version}.
 *
 * <p>Each call opens its own connection, so one store serves any number of threads; a run is
 * written in one transaction with {@code INSERT ... ON CONFLICT DO NOTHING}, so concurrent or
 * retried records of one run store it once. Every statement is parameterised and bounded by
 * {@link #STATEMENT_TIMEOUT}. A database that cannot take the run now (not reachable, the connection lost,
 * shutting down, out of resources, a statement past the timeout) raises {@link HistoryUnavailableException};
 * one that refuses the settings (the login, a missing database or schema, a missing privilege, a server
 * that only reads) raises {@link HistoryConfigurationException}, naming what to check. {@link #baseline}
 * answers either as an unavailable baseline. No message carries the password.
 */
public final class PostgresHistoryStore implements HistoryStore {

    private static final String RUN_COLUMNS = "r.id, r.project, r.run_id, r.branch, r.commit_id, r.build_url,"
            + " r.started_at, r.verdict, r.labels::text AS labels, r.flag_reason, r.round_count";
    private static final String NEWEST_FIRST = " ORDER BY r.started_at DESC, r.run_id COLLATE \"C\" DESC";

    /**
     * How long one statement may take, a wait for a lock included, before the server counts as unable to
     * take the run now (which then waits in the spool). A run is written in milliseconds; this is for a
     * server that is stuck or locked.
     */
    public static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(60);
    /** Past the statement timeout, how long the driver waits for a server that answers nothing at all. */
    private static final Duration NETWORK_MARGIN = Duration.ofSeconds(30);
    /** query_canceled: the statement timeout, or someone cancelled the statement. */
    private static final String QUERY_CANCELED = "57014";

    private final PostgresConnectionSettings settings;
    private final Secrets secrets;
    private final SchemaMigrations migrations;
    private final Duration statementTimeout;
    private final Driver driver = new Driver();
    private final Object migrationLock = new Object();
    private volatile boolean migrated;
    /** Set once the server refused the login, which the same settings will not change. */
    private volatile HistoryConfigurationException refused;

    public PostgresHistoryStore(PostgresConnectionSettings settings) {
        this(settings, SchemaMigrations.bundled(), STATEMENT_TIMEOUT);
    }

    PostgresHistoryStore(PostgresConnectionSettings settings, SchemaMigrations.Scripts scripts,
            Duration statementTimeout) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.secrets = settings.secrets();
        this.migrations = new SchemaMigrations(scripts);
        this.statementTimeout = Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (statementTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the statement timeout must be at least a second, not "
                    + statementTimeout);
        }
    }

    @Override
    public String location() {
        return "PostgreSQL at " + settings.target();
    }

    /**
     * Brings the schema up to date now rather than on first use; safe to call any number of times and
     * from several processes at once.
     *
     * @return the schema version in place
     */
    public int migrateSchema() {
        try (Connection connection = connect()) {
            synchronized (migrationLock) {
                int version = migrations.migrate(connection, statementTimeout);
                migrated = true;
                return version;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public RecordOutcome record(RunRecord run) {
        Objects.requireNonNull(run, "run");
        return inTransaction(false, connection -> {
            Long id;
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO perfgate_run
                        (project, run_id, branch, commit_id, build_url, started_at, verdict, labels, round_count)
                    VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)
                    ON CONFLICT (project, run_id) DO NOTHING
                    RETURNING id""")) {
                insert.setString(1, run.project());
                insert.setString(2, run.runId());
                insert.setString(3, run.branch());
                insert.setString(4, run.commit().orElse(null));
                insert.setString(5, run.buildUrl().orElse(null));
                insert.setObject(6, OffsetDateTime.ofInstant(run.startedAt(), ZoneOffset.UTC));
                insert.setString(7, run.verdict().name());
                insert.setString(8, RunJson.stringMapText(run.labels()));
                insert.setInt(9, run.rounds().size());
                try (ResultSet result = insert.executeQuery()) {
                    id = result.next() ? result.getLong(1) : null;
                }
            }
            if (id == null) {
                return RecordOutcome.ALREADY_STORED;
            }
            insertSeries(connection, id, run.series());
            insertRounds(connection, id, run);
            insertLines(connection, id, run.lines());
            insertStatements(connection, id, run);
            return RecordOutcome.STORED;
        });
    }

    private static void insertSeries(Connection connection, long id, List<SeriesSummary> series) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO perfgate_series (run_ref, position, series, metric, tags, contents, sample_count, rate,
                    min_value, avg_value, med_value, p90_value, p95_value, p99_value, max_value, error_rate, histogram,
                    metric_type)
                VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int position = 0;
            for (SeriesSummary summary : series) {
                insert.setLong(1, id);
                insert.setInt(2, position++);
                insert.setString(3, summary.key().toString());
                insert.setString(4, summary.key().metric());
                insert.setString(5, RunJson.stringMapText(summary.key().filter()));
                insert.setString(6, summary.contents().k6Name());
                insert.setString(18, summary.type().k6Name());
                insert.setLong(7, summary.count());
                setNumber(insert, 8, summary.rate());
                setNumber(insert, 9, summary.min());
                setNumber(insert, 10, summary.avg());
                setNumber(insert, 11, summary.med());
                setNumber(insert, 12, summary.p90());
                setNumber(insert, 13, summary.p95());
                setNumber(insert, 14, summary.p99());
                setNumber(insert, 15, summary.max());
                setNumber(insert, 16, summary.errorRate());
                if (summary.histogram().isPresent()) {
                    insert.setBytes(17, summary.histogram().get().bytes());
                } else {
                    insert.setNull(17, Types.BINARY);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Each round's statistics, keyed by the position of the pooled series they belong to. */
    private static void insertRounds(Connection connection, long id, RunRecord run) throws SQLException {
        if (run.rounds().isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO perfgate_series_round (run_ref, position, round, sample_count, rate, min_value, avg_value,
                    med_value, p90_value, p95_value, p99_value, max_value, error_rate)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (int position = 0; position < run.series().size(); position++) {
                List<Optional<SeriesSummary>> rounds = run.rounds(run.series().get(position).key());
                for (int round = 1; round <= rounds.size(); round++) {
                    Optional<SeriesSummary> measured = rounds.get(round - 1);
                    if (measured.isEmpty()) {
                        continue;
                    }
                    SeriesSummary summary = measured.get();
                    insert.setLong(1, id);
                    insert.setInt(2, position);
                    insert.setInt(3, round);
                    insert.setLong(4, summary.count());
                    setNumber(insert, 5, summary.rate());
                    setNumber(insert, 6, summary.min());
                    setNumber(insert, 7, summary.avg());
                    setNumber(insert, 8, summary.med());
                    setNumber(insert, 9, summary.p90());
                    setNumber(insert, 10, summary.p95());
                    setNumber(insert, 11, summary.p99());
                    setNumber(insert, 12, summary.max());
                    setNumber(insert, 13, summary.errorRate());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /** The statements the run kept, and how many ran in all; nothing for a run without them. */
    private static void insertStatements(Connection connection, long id, RunRecord run) throws SQLException {
        if (run.statements().isEmpty()) {
            return;
        }
        RecordedStatements recorded = run.statements().get();
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE perfgate_run SET statement_count = ? WHERE id = ?")) {
            update.setInt(1, recorded.statementCount());
            update.setLong(2, id);
            update.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO perfgate_statement (run_ref, position, query_id, user_name, query, calls, calls_per_request,
                    mean_time, total_time, row_count, plan_hash, plan_shape)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int position = 0;
            for (DatabaseStatementRow statement : recorded.statements()) {
                insert.setLong(1, id);
                insert.setInt(2, position++);
                insert.setLong(3, statement.queryId());
                insert.setString(4, statement.user());
                insert.setString(5, statement.query());
                insert.setLong(6, statement.calls());
                setNumber(insert, 7, statement.callsPerRequest());
                insert.setDouble(8, statement.meanTimeMs());
                insert.setDouble(9, statement.totalTimeMs());
                insert.setLong(10, statement.rows());
                insert.setString(11, statement.plan().map(StatementPlan::shapeHash).orElse(null));
                insert.setString(12, statement.plan().map(StatementPlan::shape).orElse(null));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertLines(Connection connection, long id, List<LineVerdict> lines) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO perfgate_line (run_ref, position, series, metric, tags, expression, observed, verdict)
                VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)""")) {
            int position = 0;
            for (LineVerdict line : lines) {
                insert.setLong(1, id);
                insert.setInt(2, position++);
                insert.setString(3, line.series().toString());
                insert.setString(4, line.series().metric());
                insert.setString(5, RunJson.stringMapText(line.series().filter()));
                insert.setString(6, line.expression());
                setNumber(insert, 7, line.observed());
                insert.setString(8, line.verdict().name());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public Baseline baseline(BaselineQuery query) {
        Objects.requireNonNull(query, "query");
        String excluded = query.excludedRunId().orElse(null);
        try {
            return inTransaction(true, connection -> {
                try (PreparedStatement pinned = connection.prepareStatement("SELECT " + RUN_COLUMNS
                        + " FROM perfgate_pin p JOIN perfgate_run r ON r.project = p.project AND r.run_id = p.run_id"
                        + " WHERE p.project = ? AND p.branch = ? AND r.flag_reason IS NULL"
                        + " AND r.run_id IS DISTINCT FROM CAST(? AS text)")) {
                    pinned.setString(1, query.project());
                    pinned.setString(2, query.branch());
                    pinned.setString(3, excluded);
                    List<StoredRun> runs = read(connection, pinned, false);
                    if (!runs.isEmpty()) {
                        return Baseline.pinned(runs.get(0).run());
                    }
                }
                try (PreparedStatement recent = connection.prepareStatement("SELECT " + RUN_COLUMNS
                        + " FROM perfgate_run r WHERE r.project = ? AND r.branch = ?"
                        + " AND r.verdict IN ('PASS', 'WARN') AND r.flag_reason IS NULL"
                        + " AND r.run_id IS DISTINCT FROM CAST(? AS text)" + NEWEST_FIRST + " LIMIT ?")) {
                    recent.setString(1, query.project());
                    recent.setString(2, query.branch());
                    recent.setString(3, excluded);
                    recent.setInt(4, query.size());
                    return Baseline.recent(read(connection, recent, false).stream().map(StoredRun::run).toList());
                }
            });
        } catch (HistoryException e) {
            return Baseline.unavailable(e.getMessage());
        }
    }

    @Override
    public List<RecordedRun> runs(String projectName, String branchName, int limit) {
        String project = StoredText.required(projectName, "project");
        String branch = StoredText.required(branchName, "branch");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
        return inTransaction(true, connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT " + RUN_COLUMNS
                    + ", p.run_id IS NOT NULL AS pinned FROM perfgate_run r LEFT JOIN perfgate_pin p"
                    + " ON p.project = r.project AND p.branch = r.branch AND p.run_id = r.run_id"
                    + " WHERE r.project = ? AND r.branch = ?" + NEWEST_FIRST + " LIMIT ?")) {
                select.setString(1, project);
                select.setString(2, branch);
                select.setInt(3, limit);
                return read(connection, select, true).stream()
                        .map(stored -> new RecordedRun(stored.run(), stored.flagReason(), stored.pinned()))
                        .toList();
            }
        });
    }

    @Override
    public void pin(String projectName, String branchName, String pinnedRunId) {
        String project = StoredText.required(projectName, "project");
        String branch = StoredText.required(branchName, "branch");
        String runId = StoredText.required(pinnedRunId, "runId");
        inTransaction(false, connection -> {
            Optional<String> runBranch = branchOf(connection, project, runId);
            if (runBranch.isEmpty() || !runBranch.get().equals(branch)) {
                throw new UnknownRunException("project " + project + " has no run " + runId + " on branch " + branch
                        + runBranch.map(other -> " (it is a run of branch " + other + ")").orElse("") + " in "
                        + location());
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO perfgate_pin (project, branch, run_id) VALUES (?, ?, ?)
                    ON CONFLICT (project, branch) DO UPDATE SET run_id = EXCLUDED.run_id, pinned_at = now()""")) {
                upsert.setString(1, project);
                upsert.setString(2, branch);
                upsert.setString(3, runId);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean unpin(String projectName, String branchName) {
        String project = StoredText.required(projectName, "project");
        String branch = StoredText.required(branchName, "branch");
        return inTransaction(false, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM perfgate_pin WHERE project = ? AND branch = ?")) {
                delete.setString(1, project);
                delete.setString(2, branch);
                return delete.executeUpdate() > 0;
            }
        });
    }

    @Override
    public void flag(String projectName, String flaggedRunId, String flagReason) {
        String project = StoredText.required(projectName, "project");
        String runId = StoredText.required(flaggedRunId, "runId");
        String reason = StoredText.required(flagReason, "reason");
        inTransaction(false, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE perfgate_run SET flag_reason = ?, flagged_at = now() WHERE project = ? AND run_id = ?")) {
                update.setString(1, reason);
                update.setString(2, project);
                update.setString(3, runId);
                if (update.executeUpdate() == 0) {
                    throw unknown(project, runId);
                }
            }
            return null;
        });
    }

    @Override
    public boolean unflag(String projectName, String flaggedRunId) {
        String project = StoredText.required(projectName, "project");
        String runId = StoredText.required(flaggedRunId, "runId");
        return inTransaction(false, connection -> {
            if (branchOf(connection, project, runId).isEmpty()) {
                throw unknown(project, runId);
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE perfgate_run"
                    + " SET flag_reason = NULL, flagged_at = NULL"
                    + " WHERE project = ? AND run_id = ? AND flag_reason IS NOT NULL")) {
                update.setString(1, project);
                update.setString(2, runId);
                return update.executeUpdate() > 0;
            }
        });
    }

    private UnknownRunException unknown(String project, String runId) {
        return new UnknownRunException("project " + project + " has no run " + runId + " in " + location());
    }

    private static Optional<String> branchOf(Connection connection, String project, String runId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT branch FROM perfgate_run WHERE project = ? AND run_id = ?")) {
            select.setString(1, project);
            select.setString(2, runId);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? Optional.of(result.getString(1)) : Optional.empty();
            }
        }
    }

    /** A run as read from the database, before its series and lines are attached. */
    private record StoredRun(RunRecord run, Optional<String> flagReason, boolean pinned) {
    }

    /** Runs the query (rows of {@link #RUN_COLUMNS}) and reads each run whole, in the query's order. */
    private List<StoredRun> read(Connection connection, PreparedStatement select, boolean withPinned)
            throws SQLException {
        Map<Long, RunRecord.Builder> builders = new LinkedHashMap<>();
        Map<Long, Optional<String>> flags = new LinkedHashMap<>();
        Map<Long, Boolean> pins = new LinkedHashMap<>();
        Map<Long, List<List<SeriesSummary>>> rounds = new LinkedHashMap<>();
        try (ResultSet result = select.executeQuery()) {
            while (result.next()) {
                long id = result.getLong("id");
                String source = "labels of run " + result.getString("run_id");
                builders.put(id, RunRecord.builder()
                        .project(result.getString("project"))
                        .runId(result.getString("run_id"))
                        .branch(result.getString("branch"))
                        .commit(result.getString("commit_id"))
                        .buildUrl(result.getString("build_url"))
                        .startedAt(result.getObject("started_at", OffsetDateTime.class).toInstant())
                        .verdict(Verdict.valueOf(result.getString("verdict")))
                        .labels(RunJson.stringMapFromText(result.getString("labels"), source)));
                flags.put(id, Optional.ofNullable(result.getString("flag_reason")));
                pins.put(id, withPinned && result.getBoolean("pinned"));
                List<List<SeriesSummary>> runRounds = new ArrayList<>();
                for (int round = 0; round < result.getInt("round_count"); round++) {
                    runRounds.add(new ArrayList<>());
                }
                rounds.put(id, runRounds);
            }
        }
        if (builders.isEmpty()) {
            return List.of();
        }
        Long[] ids = builders.keySet().toArray(Long[]::new);
        Map<Long, List<SeriesSummary>> pooled = new LinkedHashMap<>();
        try (PreparedStatement series = connection.prepareStatement("SELECT * FROM perfgate_series"
                + " WHERE run_ref = ANY (?) ORDER BY run_ref, position")) {
            series.setArray(1, connection.createArrayOf("bigint", ids));
            try (ResultSet result = series.executeQuery()) {
                while (result.next()) {
                    long id = result.getLong("run_ref");
                    SeriesSummary summary = summary(result);
                    builders.get(id).series(summary);
                    pooled.computeIfAbsent(id, unused -> new ArrayList<>()).add(summary);
                }
            }
        }
        if (rounds.values().stream().anyMatch(runRounds -> !runRounds.isEmpty())) {
            readRounds(connection, ids, pooled, rounds);
            rounds.forEach((id, runRounds) -> runRounds.forEach(builders.get(id)::round));
        }
        try (PreparedStatement lines = connection.prepareStatement("SELECT * FROM perfgate_line"
                + " WHERE run_ref = ANY (?) ORDER BY run_ref, position")) {
            lines.setArray(1, connection.createArrayOf("bigint", ids));
            try (ResultSet result = lines.executeQuery()) {
                while (result.next()) {
                    builders.get(result.getLong("run_ref")).line(new LineVerdict(key(result),
                            result.getString("expression"), number(result, "observed"),
                            Verdict.valueOf(result.getString("verdict"))));
                }
            }
        }
        readStatements(connection, ids, builders);
        List<StoredRun> runs = new ArrayList<>();
        builders.forEach((id, builder) -> runs.add(new StoredRun(builder.build(), flags.get(id), pins.get(id))));
        return runs;
    }

    /** The statements of the runs that kept them, in the order they were recorded. */
    private static void readStatements(Connection connection, Long[] ids, Map<Long, RunRecord.Builder> builders)
            throws SQLException {
        Map<Long, Integer> counts = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, statement_count FROM perfgate_run"
                + " WHERE id = ANY (?) AND statement_count IS NOT NULL")) {
            select.setArray(1, connection.createArrayOf("bigint", ids));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    counts.put(result.getLong(1), result.getInt(2));
                }
            }
        }
        if (counts.isEmpty()) {
            return;
        }
        Map<Long, List<DatabaseStatementRow>> statements = new LinkedHashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM perfgate_statement"
                + " WHERE run_ref = ANY (?) ORDER BY run_ref, position")) {
            select.setArray(1, connection.createArrayOf("bigint", counts.keySet().toArray(Long[]::new)));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    String planHash = result.getString("plan_hash");
                    Optional<StatementPlan> plan = planHash == null ? Optional.empty()
                            : Optional.of(new StatementPlan(planHash, result.getString("plan_shape"), ""));
                    statements.computeIfAbsent(result.getLong("run_ref"), unused -> new ArrayList<>()).add(
                            new DatabaseStatementRow(result.getLong("query_id"), result.getString("user_name"),
                                    result.getString("query"), result.getLong("calls"),
                                    number(result, "calls_per_request"), result.getDouble("mean_time"),
                                    result.getDouble("total_time"), result.getLong("row_count"), plan));
                }
            }
        }
        counts.forEach((id, count) -> builders.get(id).statements(new RecordedStatements(count,
                statements.getOrDefault(id, List.of()))));
    }

    /** Adds each round row to its run's round, with the key, type and contents of its pooled series. */
    private static void readRounds(Connection connection, Long[] ids, Map<Long, List<SeriesSummary>> pooled,
            Map<Long, List<List<SeriesSummary>>> rounds) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT * FROM perfgate_series_round"
                + " WHERE run_ref = ANY (?) ORDER BY run_ref, round, position")) {
            select.setArray(1, connection.createArrayOf("bigint", ids));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    long id = result.getLong("run_ref");
                    int round = result.getInt("round");
                    List<List<SeriesSummary>> runRounds = rounds.get(id);
                    if (round > runRounds.size()) {
                        throw new IllegalArgumentException("round " + round + " of a run of " + runRounds.size()
                                + " rounds");
                    }
                    SeriesSummary of = pooled.get(id).get(result.getInt("position"));
                    runRounds.get(round - 1).add(new SeriesSummary(of.key(), of.type(), of.contents(),
                            result.getLong("sample_count"), number(result, "rate"), number(result, "min_value"),
                            number(result, "avg_value"), number(result, "med_value"), number(result, "p90_value"),
                            number(result, "p95_value"), number(result, "p99_value"), number(result, "max_value"),
                            number(result, "error_rate"), Optional.empty()));
                }
            }
        }
    }

    private static SeriesSummary summary(ResultSet result) throws SQLException {
        byte[] histogram = result.getBytes("histogram");
        return new SeriesSummary(key(result), MetricType.fromK6Name(result.getString("metric_type")),
                MetricContents.fromK6Name(result.getString("contents")),
                result.getLong("sample_count"), number(result, "rate"), number(result, "min_value"),
                number(result, "avg_value"), number(result, "med_value"), number(result, "p90_value"),
                number(result, "p95_value"), number(result, "p99_value"), number(result, "max_value"),
                number(result, "error_rate"),
                histogram == null ? Optional.empty() : Optional.of(CompressedHistogram.of(histogram)));
    }

    private static SeriesKey key(ResultSet result) throws SQLException {
        return new SeriesKey(result.getString("metric"),
                RunJson.stringMapFromText(result.getString("tags"), "tags of " + result.getString("series")));
    }

    private static OptionalDouble number(ResultSet result, String column) throws SQLException {
        double value = result.getDouble(column);
        return result.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static void setNumber(PreparedStatement statement, int index, OptionalDouble value) throws SQLException {
        if (value.isPresent()) {
            statement.setDouble(index, value.getAsDouble());
        } else {
            statement.setNull(index, Types.DOUBLE);
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** One connection, one transaction: commits what {@code work} did, or rolls all of it back. */
    private <T> T inTransaction(boolean readOnly, Work<T> work) {
        try (Connection connection = connect()) {
            if (!migrated) {
                synchronized (migrationLock) {
                    if (!migrated) {
                        migrations.migrate(connection, statementTimeout);
                        migrated = true;
                    }
                }
            }
            connection.setAutoCommit(false);
            if (readOnly) {
                connection.setReadOnly(true);
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            try {
                SchemaMigrations.limitStatements(connection, statementTimeout);
                T result = readable(work, connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Runs {@code work}; stored data that no longer makes a valid run is a store failure, not bad input. */
    private <T> T readable(Work<T> work, Connection connection) throws SQLException {
        try {
            return work.run(connection);
        } catch (IllegalArgumentException | BadInputException e) {
            throw new HistoryException(location() + " holds data this perfgate cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * A new connection. A server that refused the login once is not asked again by this store: the same
     * settings get the same answer, and every attempt counts against the user where the server limits them.
     */
    private Connection connect() {
        HistoryConfigurationException earlier = refused;
        if (earlier != null) {
            throw new HistoryConfigurationException(earlier.getMessage(), earlier.getCause());
        }
        try {
            Properties properties = settings.connectionProperties();
            // the last bound, for a server that stops answering at all: a statement is cancelled well before
            properties.setProperty("socketTimeout", Long.toString(statementTimeout.plus(NETWORK_MARGIN).toSeconds()));
            Connection connection = driver.connect(settings.jdbcUrl(), properties);
            if (connection == null) {
                throw new HistoryException(location() + ": the JDBC URL is not one for PostgreSQL");
            }
            return connection;
        } catch (SQLException e) {
            Optional<String> fix = configurationFix(state(e));
            if (fix.isPresent()) {
                HistoryConfigurationException refusal = configuration(e, fix.get());
                refused = refusal;
                throw refusal;
            }
            throw unreachable(location() + " is unreachable: ", e);
        }
    }

    /**
     * What a failure means for the run: a server that cannot take it now (no connection, the connection
     * lost, shutting down, out of resources, a statement that took longer than the statement timeout) is
     * unavailable and the run is spooled; settings the server refuses are a configuration error; anything
     * else is a failure of this call.
     */
    private HistoryException failure(SQLException e) {
        String state = state(e);
        if (state.equals(QUERY_CANCELED)) {
            return unreachable(location() + " did not finish a statement within " + statementTimeout.toSeconds()
                    + " s: ", e);
        }
        if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")) {
            return unreachable(location() + " is unreachable: ", e);
        }
        Optional<String> fix = configurationFix(state);
        if (fix.isPresent()) {
            return configuration(e, fix.get());
        }
        return new HistoryException(location() + " failed: " + secrets.redact(e.getMessage()), secrets.scrubbed(e));
    }

    /** What to check for an SQLState that says the settings are wrong, not the server away. */
    private Optional<String> configurationFix(String state) {
        String user = settings.user();
        if (state.startsWith("28")) {
            return Optional.of("check the user (" + user + ") and the password given for the history database");
        }
        return Optional.ofNullable(switch (state) {
            case "3D000" -> "check the database name of the JDBC URL";
            case "3F000" -> "check that the schema the JDBC URL names (currentSchema) exists";
            case "42501" -> "let user " + user + " create, read and write the perfgate_ tables in the history's"
                    + " schema (e.g. GRANT USAGE, CREATE ON SCHEMA public TO " + user + "), or connect as their owner";
            case "25006" -> "the server only reads (a standby?): point the JDBC URL at the primary server";
            default -> null;
        });
    }

    private HistoryConfigurationException configuration(SQLException e, String fix) {
        return new HistoryConfigurationException(location() + " refused user " + settings.user() + ": "
                + sentence(secrets.redact(e.getMessage())) + " This is a configuration error, not an outage, so no"
                + " run is spooled for it: " + fix, secrets.scrubbed(e));
    }

    private HistoryUnavailableException unreachable(String what, SQLException e) {
        return new HistoryUnavailableException(what + secrets.redact(e.getMessage()), secrets.scrubbed(e));
    }

    private static String state(SQLException e) {
        return e.getSQLState() == null ? "" : e.getSQLState();
    }

    /** The driver's message as a sentence of its own, ending in one full stop whether or not it had one. */
    private static String sentence(String message) {
        String text = message == null ? "" : message.strip();
        return text.endsWith(".") ? text : text + ".";
    }
}
