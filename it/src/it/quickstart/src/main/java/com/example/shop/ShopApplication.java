package com.example.shop;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The application the Quick start's POM starts, loads and stops: the small API on 127.0.0.1 that the
 * recorded k6 runs were made against (GET /api/fast 1-5 ms, /api/slow 20-80 ms, /api/flaky?fail=P failing
 * with probability P, POST /api/login), plus GET /health and POST /shutdown for the build. It notes each
 * request in target/shop-application.log, and ends by itself after five minutes should no stop come.
 */
public final class ShopApplication {

    private static final Path EVENTS = Path.of("target", "shop-application.log");
    private static final long MAX_LIFE_MINUTES = 5;

    private final HttpServer server;
    private final ExecutorService workers = Executors.newFixedThreadPool(16);

    private ShopApplication(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getProperty("server.port", "8080"));
        Files.createDirectories(EVENTS.getParent());
        Files.deleteIfExists(EVENTS);
        ShopApplication application = new ShopApplication(port);
        application.server.start();
        note("started pid=" + ProcessHandle.current().pid() + " port=" + port);
        Thread limit = new Thread(() -> {
            try {
                TimeUnit.MINUTES.sleep(MAX_LIFE_MINUTES);
                application.stop("stopped after " + MAX_LIFE_MINUTES + " minutes without a stop request");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shop life limit");
        limit.setDaemon(true);
        limit.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            URI uri = exchange.getRequestURI();
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            String route = method + " " + uri.getPath();
            int status = switch (route) {
                case "GET /api/fast" -> answer(exchange, 200, pause(1, 5, "{\"ok\":true,\"endpoint\":\"fast\"}"));
                case "GET /api/slow" -> answer(exchange, 200, pause(20, 80, "{\"ok\":true,\"endpoint\":\"slow\"}"));
                case "GET /api/flaky" -> flaky(exchange, uri);
                case "POST /api/login" -> answer(exchange, 200, pause(1, 5,
                        "{\"ok\":true,\"token\":\"tok-" + ThreadLocalRandom.current().nextInt(1_000_000) + "\"}"));
                case "GET /health" -> answer(exchange, 200, "{\"status\":\"UP\"}");
                case "POST /shutdown" -> answer(exchange, 200, "{\"message\":\"stopping\"}");
                default -> answer(exchange, 404, "{\"ok\":false,\"error\":\"not found\"}");
            };
            note(route + " " + status);
            if (route.equals("POST /shutdown")) {
                // after the answer has gone out
                new Thread(() -> stop("stopped on POST /shutdown"), "shop stop").start();
            }
        }
    }

    private static int flaky(HttpExchange exchange, URI uri) throws IOException {
        double fail = 0.05;
        String query = uri.getQuery();
        if (query != null && query.startsWith("fail=")) {
            fail = Double.parseDouble(query.substring("fail=".length()));
        }
        boolean failing = ThreadLocalRandom.current().nextDouble() < fail;
        return failing
                ? answer(exchange, 500, pause(2, 10, "{\"ok\":false,\"error\":\"random failure\"}"))
                : answer(exchange, 200, pause(2, 10, "{\"ok\":true,\"endpoint\":\"flaky\"}"));
    }

    /** Waits between {@code minMillis} and {@code maxMillis}, as the endpoint's work would take. */
    private static String pause(int minMillis, int maxMillis, String json) {
        try {
            TimeUnit.MICROSECONDS.sleep(ThreadLocalRandom.current().nextLong(minMillis * 1000L, maxMillis * 1000L + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return json;
    }

    private static int answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
        return status;
    }

    private synchronized void stop(String why) {
        // noted first: once the port is closed the build goes on
        note(why);
        server.stop(0);
        workers.shutdownNow();
        System.exit(0);
    }

    private static synchronized void note(String event) {
        try {
            Files.writeString(EVENTS, event + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
