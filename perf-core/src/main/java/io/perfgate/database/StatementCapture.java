package io.perfgate.database;

import io.perfgate.model.DatabaseSentence;
import io.perfgate.model.StatementPlan;
import io.perfgate.postgres.PostgresConnectionSettings;
import io.perfgate.postgres.Secrets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;

/**
 * Reads {@code pg_stat_statements} of the database the settings name, over one short connection,
 * without resetting anything. Only the entries of that database are kept, and not the snapshot's own
 * statements. Every value is a parameter; the only names put into SQL text (the extension's schema)
 * are quoted identifiers.
 *
 * <p>Each failure is a {@link DatabaseCaptureException} whose message says how to fix it:
 * the extension not created in the database, the library not preloaded, a user who may not read
 * other users' statements, a database that cannot be reached or refuses the login. No message
 * holds the password.
 */
public final class StatementCapture {

    /** What the view shows instead of the text of another user's statement, without pg_read_all_stats. */
    static final String INSUFFICIENT_PRIVILEGE = "<insufficient privilege>";

    private static final String EXTENSION = "pg_stat_statements";
    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_$]*");
    /** Seconds one snapshot query may take; the view is read in milliseconds even with thousands of entries. */
    private static final int QUERY_TIMEOUT_SECONDS = 60;
    /** The first {@code server_version_num} with {@code EXPLAIN (GENERIC_PLAN)}. */
    public static final int PLANS_SINCE = 160_000;
    /** One statement of a kind EXPLAIN plans, and no second one after a {@code ;}. */
    private static final Pattern EXPLAINABLE = Pattern.compile(
            "(?is)\\s*(select|with|insert|update|delete|merge|values|table)\\b[^;]*");

    private final PostgresConnectionSettings settings;
    private final Secrets secrets;
    private final Driver driver = new Driver();

    public StatementCapture(PostgresConnectionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.secrets = settings.secrets();
    }

    /** {@code PostgreSQL at host:port/database}, for messages. */
    public String location() {
        return "PostgreSQL at " + settings.target();
    }

    /**
     * A snapshot now.
     *
     * @throws DatabaseCaptureException when the statistics cannot be read, saying how to fix it
     */
    public StatementSnapshot capture() {
        try (Connection connection = connect()) {
            return capture(connection);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * The plans of {@code statements} as the server would run them now: {@code EXPLAIN (GENERIC_PLAN, FORMAT
     * JSON)} of each normalized text, {@code $1} parameters and all. Never {@code ANALYZE}, so no statement is
     * executed, and for safety all of it happens in a read-only transaction that is rolled back, one
     * statement at a time with a time limit. Only single statements that EXPLAIN takes are asked for (a text
     * with a {@code ;}, {@code BEGIN} or {@code SET} is not). Never throws: what cannot be planned is said in
     * the note.
     *
     * @param serverVersion       the server's version as a snapshot read it, e.g. {@code 17.5}
     * @param serverVersionNumber its {@code server_version_num}; before {@value #PLANS_SINCE} there is no
     *                            {@code GENERIC_PLAN}, and the note says so without connecting
     */
    public StatementPlans plans(List<StatementChange> statements, String serverVersion, int serverVersionNumber) {
        if (statements.isEmpty()) {
            return StatementPlans.NONE;
        }
        if (serverVersionNumber < PLANS_SINCE) {
            return new StatementPlans(Map.of(), Optional.of("plans need PostgreSQL 16 or newer (EXPLAIN"
                    + " GENERIC_PLAN, which plans a statement with $1 parameters); " + location() + " is "
                    + serverVersion));
        }
        Map<StatementKey, StatementPlan> plans = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        int refused = 0;
        try (Connection connection = connectForPlans(); Statement statement = timed(connection.createStatement())) {
            connection.setAutoCommit(false);
            statement.execute(StatementColumns.MARKER + " SET TRANSACTION READ ONLY");
            try (ResultSet readOnly = statement.executeQuery(StatementColumns.MARKER
                    + " SELECT current_setting('transaction_read_only')")) {
                if (!readOnly.next() || !"on".equals(readOnly.getString(1))) {
                    return new StatementPlans(Map.of(), Optional.of("no plans were taken: " + location()
                            + " did not make the transaction read-only"));
                }
            }
            for (StatementChange change : statements) {
                if (!EXPLAINABLE.matcher(change.query()).matches()) {
                    continue;
                }
                statement.execute(StatementColumns.MARKER + " SAVEPOINT perfgate_plan");
                try (ResultSet plan = statement.executeQuery(StatementColumns.MARKER
                        + " EXPLAIN (GENERIC_PLAN, FORMAT JSON) " + change.query())) {
                    if (plan.next()) {
                        plans.put(change.key(), PlanShapes.of(plan.getString(1)));
                    }
                } catch (SQLException | IllegalArgumentException e) {
                    statement.execute(StatementColumns.MARKER + " ROLLBACK TO SAVEPOINT perfgate_plan");
                    failures.add("\"" + DatabaseSentence.shortQuery(change.query()) + "\": "
                            + secrets.redact(e.getMessage()));
                    if (e instanceof SQLException failure && "42501".equals(failure.getSQLState())) {
                        refused++;
                    }
                }
            }
            connection.rollback();
        } catch (SQLException | DatabaseCaptureException e) {
            return new StatementPlans(plans, Optional.of("plans could not be taken from " + location() + ": "
                    + secrets.redact(e.getMessage())));
        }
        if (failures.isEmpty()) {
            return new StatementPlans(plans, Optional.empty());
        }
        String note = failures.size() + " of " + (plans.size() + failures.size())
                + " statements could not be planned, e.g. " + failures.get(0);
        if (refused > 0) {
            note += "; user " + settings.user() + " may not plan " + refused + " of them: planning needs the rights"
                    + " to run the statement (GRANT pg_read_all_data TO " + role(settings.user()) + "; lets it plan"
                    + " reads; writes only the application's user may plan)";
        }
        return new StatementPlans(plans, Optional.of(note));
    }

    /** What a snapshot records of the server and the session. */
    private record Session(Instant now, String serverVersion, int serverVersionNumber, String database, String user,
            long databaseId) {
    }

    /** The installed pg_stat_statements: its version decides the columns, its schema qualifies the views. */
    private record Extension(String version, String schema) {
    }

    private StatementSnapshot capture(Connection connection) throws SQLException {
        Session session = session(connection);
        Extension extension = extension(connection, session.database());
        StatementColumns columns = StatementColumns.forExtensionVersion(extension.version());
        Optional<Instant> statsReset = Optional.empty();
        OptionalLong deallocations = OptionalLong.empty();
        try {
            if (columns.hasInfo()) {
                try (Statement statement = timed(connection.createStatement());
                        ResultSet result = statement.executeQuery(columns.infoSql(extension.schema()))) {
                    if (result.next()) {
                        statsReset = instant(result, 1);
                        deallocations = OptionalLong.of(result.getLong(2));
                    }
                }
            }
            List<StatementStatistics> statements = statements(connection, columns, extension.schema(),
                    session.databaseId(), session.user());
            return new StatementSnapshot(session.now(), settings.target(), session.serverVersion(),
                    session.serverVersionNumber(), columns.extensionVersion(), statsReset, deallocations, statements);
        } catch (SQLException e) {
            throw readFailure(e, session.user());
        }
    }

    private static Session session(Connection connection) throws SQLException {
        try (Statement statement = timed(connection.createStatement());
                ResultSet result = statement.executeQuery(StatementColumns.MARKER + " SELECT"
                        + " statement_timestamp(), current_setting('server_version'),"
                        + " current_setting('server_version_num')::int, current_database(), current_user,"
                        + " (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())")) {
            result.next();
            return new Session(instant(result, 1).orElseThrow(), result.getString(2), result.getInt(3),
                    result.getString(4), result.getString(5), result.getLong(6));
        }
    }

    /** The extension as installed in this database. */
    private Extension extension(Connection connection, String databaseName) throws SQLException {
        try (PreparedStatement query = timed(connection.prepareStatement(StatementColumns.MARKER
                + " SELECT e.extversion, n.nspname FROM pg_catalog.pg_extension e"
                + " JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = ?"))) {
            query.setString(1, EXTENSION);
            try (ResultSet result = query.executeQuery()) {
                if (result.next()) {
                    return new Extension(result.getString(1), result.getString(2));
                }
            }
        }
        String message = "pg_stat_statements is not installed in database " + databaseName + " (" + location()
                + "): run CREATE EXTENSION pg_stat_statements; in that database as a superuser";
        if (preloaded(connection).filter(loaded -> !loaded).isPresent()) {
            message += ", and add pg_stat_statements to shared_preload_libraries in postgresql.conf "
                    + "(shared_preload_libraries = 'pg_stat_statements') and restart the server";
        }
        throw new DatabaseCaptureException(DatabaseProblem.EXTENSION_MISSING, message);
    }

    /** Whether the library is preloaded, empty when this user may not see the setting. */
    private Optional<Boolean> preloaded(Connection connection) {
        try (PreparedStatement query = timed(connection.prepareStatement(StatementColumns.MARKER
                + " SELECT setting FROM pg_catalog.pg_settings WHERE name = ?"))) {
            query.setString(1, "shared_preload_libraries");
            try (ResultSet result = query.executeQuery()) {
                if (!result.next() || result.getString(1) == null) {
                    return Optional.empty();
                }
                for (String library : result.getString(1).split(",")) {
                    String name = library.strip().replace("\"", "");
                    if (name.equals(EXTENSION) || name.endsWith("/" + EXTENSION)) {
                        return Optional.of(true);
                    }
                }
                return Optional.of(false);
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private List<StatementStatistics> statements(Connection connection, StatementColumns columns, String schema,
            long databaseId, String user) throws SQLException {
        List<StatementStatistics> statements = new ArrayList<>();
        int hidden = 0;
        try (PreparedStatement query = timed(connection.prepareStatement(columns.selectSql(schema)))) {
            query.setLong(1, databaseId);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    String text = result.getString(6);
                    if (INSUFFICIENT_PRIVILEGE.equals(text)) {
                        hidden++;
                        continue;
                    }
                    long queryId = result.getLong(3);
                    if (result.wasNull() || text != null && text.startsWith(StatementColumns.MARKER)) {
                        continue; // no identity to follow across snapshots, or the snapshot's own statements
                    }
                    StatementKey key = new StatementKey(result.getLong(1), result.getLong(2), queryId,
                            result.getBoolean(4));
                    // the text is null when PostgreSQL lost its query text file; the numbers still count
                    statements.add(new StatementStatistics(key, result.getString(5), text == null ? "" : text,
                            result.getLong(7),
                            result.getDouble(8), result.getDouble(9), result.getDouble(10), result.getLong(11),
                            result.getLong(12), result.getLong(13), instant(result, 14)));
                }
            }
        }
        if (hidden > 0) {
            throw new DatabaseCaptureException(DatabaseProblem.NO_PERMISSION, "user " + user + " may not read the "
                    + "statements of other users in " + location() + " (" + hidden + " show as "
                    + INSUFFICIENT_PRIVILEGE + "): run GRANT pg_read_all_stats TO " + role(user) + "; as a superuser,"
                    + " or take the snapshots as the application's user");
        }
        return statements;
    }

    private static <T extends Statement> T timed(T statement) throws SQLException {
        statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
        return statement;
    }

    /**
     * A connection for the plans: the simple query protocol, which leaves the {@code $1} of a normalized text
     * to EXPLAIN instead of asking for parameter values.
     */
    private Connection connectForPlans() {
        return connect("simple");
    }

    private Connection connect() {
        return connect("extended");
    }

    private Connection connect(String queryMode) {
        try {
            Properties properties = settings.connectionProperties();
            properties.setProperty("preferQueryMode", queryMode);
            // the application name goes with the login, not as a SET that pg_stat_statements would count
            properties.setProperty("assumeMinServerVersion", "9.4");
            Connection connection = driver.connect(settings.jdbcUrl(), properties);
            if (connection == null) {
                throw new DatabaseCaptureException(DatabaseProblem.UNREACHABLE,
                        location() + ": the JDBC URL is not one for PostgreSQL");
            }
            return connection;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** A failure to connect or to run the first queries. */
    private DatabaseCaptureException failure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String driverMessage = sentence(secrets.redact(e.getMessage()));
        if (state.startsWith("28")) {
            return new DatabaseCaptureException(DatabaseProblem.LOGIN_REFUSED, location() + " refused the login of"
                    + " user " + settings.user() + ": " + driverMessage + " Check the user and password given to"
                    + " perfgate", secrets.scrubbed(e));
        }
        if (state.startsWith("08") || state.startsWith("57P") || state.equals("3D000") || state.isEmpty()) {
            return new DatabaseCaptureException(DatabaseProblem.UNREACHABLE, location() + " is unreachable: "
                    + driverMessage + " Check the host, port and database name of the JDBC URL and that the server"
                    + " is running", secrets.scrubbed(e));
        }
        return new DatabaseCaptureException(DatabaseProblem.QUERY_FAILED, "reading pg_stat_statements from "
                + location() + " failed: " + driverMessage, secrets.scrubbed(e));
    }

    /** The driver's message as a sentence of its own, ending in one full stop whether or not it had one. */
    private static String sentence(String message) {
        String text = message == null ? "" : message.strip();
        return text.endsWith(".") ? text : text + ".";
    }

    /** A failure reading the view itself, where PostgreSQL says what is missing. */
    private DatabaseCaptureException readFailure(SQLException e, String user) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String driverMessage = secrets.redact(e.getMessage());
        if (state.equals("55000") && driverMessage != null && driverMessage.contains("shared_preload_libraries")) {
            return new DatabaseCaptureException(DatabaseProblem.NOT_PRELOADED, "pg_stat_statements is installed in "
                    + location() + " but the server did not load it, so it collects nothing: add "
                    + "shared_preload_libraries = 'pg_stat_statements' to postgresql.conf and restart the server",
                    secrets.scrubbed(e));
        }
        if (state.equals("42501")) {
            return new DatabaseCaptureException(DatabaseProblem.NO_PERMISSION, "user " + user + " may not read "
                    + "pg_stat_statements in " + location() + ": " + driverMessage + ". Run GRANT pg_read_all_stats"
                    + " TO " + role(user) + "; as a superuser (and GRANT SELECT ON pg_stat_statements TO "
                    + role(user) + "; if that was revoked)", secrets.scrubbed(e));
        }
        return failure(e);
    }

    private static Optional<Instant> instant(ResultSet result, int column) throws SQLException {
        OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
        return time == null ? Optional.empty() : Optional.of(time.toInstant());
    }

    /** A role name as the GRANT to copy needs it: quoted unless it is a plain lower-case name. */
    private static String role(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : StatementColumns.quoteIdentifier(name);
    }
}
