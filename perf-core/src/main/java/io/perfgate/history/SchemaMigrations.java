package io.perfgate.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Brings the history schema up to date. The scripts are {@code V1.sql}, {@code V2.sql}, ... beside this
 * class in {@code postgres/}; the first line of each, a {@code --} comment, says what it does. Each
 * database records what it has in {@code perfgate_schema_version}. All pending scripts run in one
 * transaction that first takes a transaction-level advisory lock, so two builds starting at once
 * migrate one after the other (the second finds nothing left to do), and a failing script leaves the
 * schema as it was. A script, once released, is never changed: a change is a new script.
 */
final class SchemaMigrations {

    /** The advisory lock that serialises migrations: "perfgate" in ASCII. */
    static final long LOCK_KEY = 0x7065726667617465L;

    /** One numbered script. */
    record Migration(int version, String description, String sql) {
    }

    /** Where the scripts come from: the bundled resources, or a test's own. */
    interface Scripts {
        Optional<Migration> script(int version);
    }

    private final List<Migration> migrations;

    SchemaMigrations(Scripts scripts) {
        List<Migration> found = new ArrayList<>();
        for (int version = 1; ; version++) {
            Optional<Migration> script = scripts.script(version);
            if (script.isEmpty()) {
                break;
            }
            found.add(script.get());
        }
        this.migrations = List.copyOf(found);
    }

    /** The scripts in {@code io/perfgate/history/postgres/} on the class path. */
    static Scripts bundled() {
        return version -> {
            String name = "postgres/V" + version + ".sql";
            try (InputStream in = SchemaMigrations.class.getResourceAsStream(name)) {
                if (in == null) {
                    return Optional.empty();
                }
                String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return Optional.of(new Migration(version, description(sql, name), sql));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the bundled migration " + name, e);
            }
        };
    }

    private static String description(String sql, String name) {
        String first = sql.lines().findFirst().orElse("").strip();
        if (!first.startsWith("--") || first.substring(2).isBlank()) {
            throw new IllegalStateException("migration " + name + " must start with a '-- what it does' line");
        }
        return first.substring(2).strip();
    }

    /**
     * Bounds every statement of the transaction {@code connection} is in, the wait for a lock included: the
     * server cancels one that takes longer (SQLState 57014). {@code SET LOCAL} ends with the transaction, so
     * a connection pool in transaction mode (PgBouncer) passes nothing on to other clients.
     */
    static void limitStatements(Connection connection, Duration timeout) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL statement_timeout = " + timeout.toMillis()); // a number, not user text
        }
    }

    /** The version the scripts bring a database to. */
    int latestVersion() {
        return migrations.size();
    }

    /**
     * Applies every script the database lacks, in order, in one transaction; commits it.
     *
     * @param statementTimeout how long each statement may take, the wait for another build's migration included
     * @return the schema version now in place
     * @throws HistoryException when the database is at a version newer than these scripts
     */
    int migrate(Connection connection, Duration statementTimeout) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            limitStatements(connection, statementTimeout);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, LOCK_KEY);
                lock.execute();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        CREATE TABLE IF NOT EXISTS perfgate_schema_version (
                            version     integer     PRIMARY KEY,
                            description text        NOT NULL,
                            applied_at  timestamptz NOT NULL DEFAULT now()
                        )""");
            }
            int current;
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(
                            "SELECT coalesce(max(version), 0) FROM perfgate_schema_version")) {
                result.next();
                current = result.getInt(1);
            }
            if (current > latestVersion()) {
                throw new HistoryException("the history database is at schema version " + current
                        + ", newer than this perfgate knows (" + latestVersion() + "): use a newer perfgate");
            }
            for (Migration migration : migrations.subList(current, migrations.size())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(migration.sql());
                }
                try (PreparedStatement applied = connection.prepareStatement(
                        "INSERT INTO perfgate_schema_version (version, description) VALUES (?, ?)")) {
                    applied.setInt(1, migration.version());
                    applied.setString(2, migration.description());
                    applied.executeUpdate();
                }
            }
            connection.commit();
            connection.setAutoCommit(autoCommit);
            return latestVersion();
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
    }
}
