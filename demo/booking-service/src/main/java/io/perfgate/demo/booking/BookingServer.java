package io.perfgate.demo.booking;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The API on {@code 127.0.0.1} only, over the JDK's HTTP server. Each response is computed in full, then
 * held back by the {@link Slowdown}, then sent, with a {@code Server-Timing} header that tells the real
 * handling time ({@code app}) from the time it was held back ({@code slowdown}), both as measured. Every request counts as activity
 * for the {@link Lifetime}; {@code POST /admin/stop} with the stop token ends it.
 */
final class BookingServer implements AutoCloseable {

    /** The header that carries the stop token. */
    static final String STOP_TOKEN_HEADER = "X-Stop-Token";
    static final String STOP_PATH = "/admin/stop";

    static {
        // The JDK's server writes headers and body apart; with Nagle's algorithm on, a keep-alive client's
        // delayed ACK then holds every response back some 40 ms. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService threads;

    private BookingServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts serving {@code api} on {@code port} of 127.0.0.1 (0 for any free one).
     *
     * @param threadCount how many requests are handled at once; the pool has as many connections
     * @param stopToken   what a stop request must carry
     */
    static BookingServer start(int port, int threadCount, BookingApi api, Slowdown slowdown, Lifetime lifetime,
            String stopToken) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        } catch (IOException e) {
            throw new UncheckedIOException("the API cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(threadCount, runnable -> {
            Thread thread = new Thread(runnable, "booking-http-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", exchange -> serve(exchange, api, slowdown, lifetime, stopToken));
        server.start();
        return new BookingServer(server, threads);
    }

    private static void serve(HttpExchange exchange, BookingApi api, Slowdown slowdown, Lifetime lifetime,
            String stopToken) throws IOException {
        long start = System.nanoTime();
        lifetime.requestStarted();
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getPath();
            BookingApi.Response response;
            try {
                response = path.equals(STOP_PATH)
                        ? stop(method, exchange.getRequestHeaders().getFirst(STOP_TOKEN_HEADER), stopToken, api,
                                lifetime)
                        : api.handle(method, path, exchange.getRequestURI().getRawQuery(), exchange.getRequestBody());
            } catch (RuntimeException e) {
                System.err.println("booking-service: " + method + " " + path + " failed: " + e);
                response = api.error(500, "the request failed inside the service");
            }
            long handled = System.nanoTime() - start;
            slowdown.stretch(handled);
            long added = System.nanoTime() - start - handled;
            exchange.getResponseHeaders().set("Server-Timing", "app;dur=" + millis(handled)
                    + ", slowdown;dur=" + millis(added));
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } finally {
            lifetime.requestEnded();
        }
    }

    private static BookingApi.Response stop(String method, String given, String stopToken, BookingApi api,
            Lifetime lifetime) {
        if (!method.equals("POST")) {
            return api.error(405, method + " is not allowed here; use POST");
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                stopToken.getBytes(StandardCharsets.UTF_8))) {
            return api.error(403, "a stop request needs the service's stop token in " + STOP_TOKEN_HEADER);
        }
        lifetime.stop("a stop request came");
        return new BookingApi.Response(202, "{\"status\":\"stopping\"}".getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/json; charset=utf-8"));
    }

    /** Milliseconds with three decimals, as Server-Timing takes them. */
    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Stops taking requests; those in progress get a second to finish. */
    @Override
    public void close() {
        server.stop(1);
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.shutdownNow();
        }
    }
}
