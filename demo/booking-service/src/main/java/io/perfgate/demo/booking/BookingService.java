package io.perfgate.demo.booking;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/**
 * The booking service: its own PostgreSQL, the connection pool, the API, and the lifetime that stops it.
 * Run as a program ({@link #main}) it prints where it listens, serves until its {@link Lifetime} ends it
 * (idle, maximum lifetime, its parent's end or a stop request), then stops the server and PostgreSQL
 * and exits. A shutdown hook does the same when the process is terminated.
 */
public final class BookingService implements AutoCloseable {

    /** HTTP threads, and as many database connections. */
    static final int THREADS = 8;
    /** How often the lifetime's limits are checked. */
    private static final Duration LIFETIME_CHECK = Duration.ofMillis(250);

    private final ServiceSettings settings;
    private final DemoDatabase database;
    private final ConnectionPool pool;
    private final BookingServer server;
    private final Lifetime lifetime;
    private final String stopToken;
    private String startup = "";
    private boolean closed;

    private BookingService(ServiceSettings settings, DemoDatabase database, ConnectionPool pool,
            BookingServer server, Lifetime lifetime, String stopToken) {
        this.settings = settings;
        this.database = database;
        this.pool = pool;
        this.server = server;
        this.lifetime = lifetime;
        this.stopToken = stopToken;
    }

    /**
     * Starts PostgreSQL, prepares the database and serves the API.
     *
     * @throws IllegalStateException when something could not start; what did start is stopped again
     */
    public static BookingService start(ServiceSettings settings) {
        long pid = ProcessHandle.current().pid();
        String intendedUrl = settings.httpPort() == 0 ? "" : "http://127.0.0.1:" + settings.httpPort();
        settings.stateFile().ifPresent(file -> ServiceState.starting(pid, intendedUrl).write(file));
        DemoDatabase database = null;
        ConnectionPool pool = null;
        Lifetime lifetime = null;
        BookingServer server = null;
        try {
            long begin = System.nanoTime();
            database = DemoDatabase.start(settings.databasePort(), settings.readerPassword());
            if (settings.dropIndex()) {
                database.dropGuestIndex();
            }
            long databaseReady = System.nanoTime();
            pool = new ConnectionPool(database::connectAsApplication, THREADS);
            BookingApi api = new BookingApi(new BookingStore(pool, settings.nPlusOne()));
            lifetime = Lifetime.start(settings.idleTimeout(), settings.maxLifetime(), LIFETIME_CHECK);
            if (settings.watchParent()) {
                Optional<ProcessHandle> parent = ProcessHandle.current().parent();
                if (parent.isPresent()) {
                    lifetime.stopWhenEnded(parent.get(), "the process that started the service");
                }
            }
            String stopToken = UUID.randomUUID().toString();
            server = BookingServer.start(settings.httpPort(), THREADS, api,
                    Slowdown.of(settings.slowdown()), lifetime, stopToken);
            BookingService service = new BookingService(settings, database, pool, server, lifetime, stopToken);
            long serving = System.nanoTime();
            warmUp(service.url(), settings.warmUpRounds());
            service.startup = String.format(Locale.ROOT, "PostgreSQL started and filled in %.1f s, warmed up with %d"
                    + " requests in %.1f s", (databaseReady - begin) / 1e9, 4 * settings.warmUpRounds(),
                    (System.nanoTime() - serving) / 1e9);
            settings.stateFile().ifPresent(file -> ServiceState.ready(pid, service.url().toString(), stopToken)
                    .write(file));
            return service;
        } catch (SQLException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            if (lifetime != null) {
                lifetime.close();
            }
            if (pool != null) {
                pool.close();
            }
            if (database != null) {
                database.close();
            }
            // the state file stays: its process id, now ended, tells ServiceControl at once
            throw new IllegalStateException("the booking service could not start: " + e.getMessage(), e);
        }
    }

    /**
     * Sends the read endpoints some requests before the service says it is ready, so that the load
     * measures compiled code rather than the JVM's first seconds, and each run starts alike. These
     * statements run before perfgate's first database snapshot and so are not counted.
     */
    private static void warmUp(URI url, int rounds) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            for (int round = 0; round < rounds; round++) {
                for (String path : List.of("/rooms", "/rooms/" + (1 + round % BookingSchema.ROOMS) + "/bookings",
                        "/bookings?guest=" + (1 + round % BookingSchema.GUESTS), "/bookings/" + (1 + round))) {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(url.resolve(path))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("warming up, GET " + path + " answered " + response.statusCode());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("warming up, the API did not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while warming up", e);
        }
    }

    /** {@code http://127.0.0.1:port}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    int databasePort() {
        return database.port();
    }

    String jdbcUrl() {
        return database.jdbcUrl();
    }

    String stopToken() {
        return stopToken;
    }

    DemoDatabase database() {
        return database;
    }

    Lifetime lifetime() {
        return lifetime;
    }

    /** Blocks until the lifetime ends, and tells why. */
    String awaitStop() throws InterruptedException {
        try {
            return lifetime.stopped().toCompletableFuture().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the lifetime failed", e.getCause());
        }
    }

    /** Stops taking requests, closes the connections, stops PostgreSQL and deletes the state file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        lifetime.stop("the service was closed");
        lifetime.close();
        server.close();
        pool.close();
        database.close();
        settings.stateFile().ifPresent(file -> ServiceState.delete(file, ProcessHandle.current().pid()));
    }

    /**
     * Runs the service until its lifetime ends. Exit code 0 after a stop, 1 when it could not start, 2
     * for a bad setting.
     */
    public static void main(String[] args) throws InterruptedException {
        ServiceSettings.logFile(systemProperties(), System.getenv()).ifPresent(BookingService::printTo);
        ServiceSettings settings;
        try {
            settings = ServiceSettings.from(systemProperties(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("booking-service: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println("booking-service: starting PostgreSQL and the API (" + settings + ")");
        BookingService service;
        try {
            service = start(settings);
        } catch (IllegalStateException e) {
            System.err.println("booking-service: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "booking-service-stop"));
        System.out.println("booking-service: " + service.startup);
        System.out.println("booking-service: ready at " + service.url() + ", PostgreSQL at " + service.jdbcUrl()
                + "; N+1 queries " + (settings.nPlusOne() ? "on" : "off") + ", guest index "
                + (settings.dropIndex() ? "dropped" : "in place") + ", slowdown x" + settings.slowdown());
        String reason = service.awaitStop();
        System.out.println("booking-service: stopping, as " + reason);
        service.close();
        System.out.println("booking-service: stopped");
        System.exit(0);
    }

    /**
     * Sends standard output and error to {@code file}: the build that starts the service in the background
     * may end before it does, and the file keeps what the service said, also why it stopped.
     */
    private static void printTo(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            PrintStream log = new PrintStream(new FileOutputStream(file.toFile()), true, StandardCharsets.UTF_8);
            System.setOut(log);
            System.setErr(log);
        } catch (IOException e) {
            System.err.println("booking-service: cannot write the log file " + file + ": " + e.getMessage()
                    + "; printing to standard output instead");
        }
    }

    private static Map<String, String> systemProperties() {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(name -> properties.put(name, System.getProperty(name)));
        return properties;
    }

    /** For messages: the settings and the state file, if any. */
    @Override
    public String toString() {
        return "BookingService[" + url() + ", " + settings + ", state file "
                + settings.stateFile().map(Path::toString).orElse("none") + "]";
    }
}
