package io.perfgate.run;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A k6 release download site on 127.0.0.1, in k6's layout: {@code /v<version>/<file>}. Serves what the
 * test puts there, counts the requests per path, and can break a download off midway, stall it or send it
 * slowly.
 */
public final class ReleaseServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, Integer> truncatedAt = new ConcurrentHashMap<>();
    private final Map<String, Integer> stalledAt = new ConcurrentHashMap<>();
    private final Map<String, Duration> paced = new ConcurrentHashMap<>();
    /** Released when the server closes: a stalled answer waits for it, at most {@link #MAX_STALL}. */
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);
    private static final Duration MAX_STALL = Duration.ofSeconds(30);
    private static final int PACED_CHUNK = 256;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile Duration delay = Duration.ZERO;
    private volatile java.util.function.BooleanSupplier hold = () -> true;
    private volatile String proxyAuthorization;
    private final AtomicInteger proxied = new AtomicInteger();

    public ReleaseServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** The base URL of the downloads, {@code http://127.0.0.1:<port>/releases}. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/releases");
    }

    /** Serves {@code content} as {@code v<version>/<name>}. */
    public ReleaseServer put(String version, String name, byte[] content) {
        files.put(path(version, name), content);
        return this;
    }

    /** Serves a release: its archives and a checksums file listing them all. */
    public ReleaseServer release(String version, Map<String, byte[]> archives) {
        StringBuilder sums = new StringBuilder();
        archives.forEach((name, content) -> {
            put(version, name, content);
            sums.append(sha256(content)).append("  ").append(name).append('\n');
        });
        return put(version, "k6-v" + version + "-checksums.txt", sums.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Serves a release as k6 publishes it, for every platform k6 builds (tar.gz for Linux, zip for macOS and
     * Windows), each archive holding {@code binary} as its k6.
     */
    public ReleaseServer standInRelease(String version, byte[] binary) {
        return release(version, standInArchives(version, binary));
    }

    /** The archives of {@link #standInRelease}, by file name. */
    public static Map<String, byte[]> standInArchives(String version, byte[] binary) {
        Map<String, byte[]> archives = new java.util.LinkedHashMap<>();
        for (String platform : java.util.List.of("linux-amd64", "linux-arm64")) {
            String folder = "k6-v" + version + "-" + platform;
            archives.put(folder + ".tar.gz", new TestTar().folder(folder + "/").file(folder + "/k6", binary).gzip());
        }
        for (String platform : java.util.List.of("macos-amd64", "macos-arm64", "windows-amd64")) {
            String folder = "k6-v" + version + "-" + platform;
            String name = platform.startsWith("windows") ? "k6.exe" : "k6";
            archives.put(folder + ".zip", zip(Map.of(folder + "/" + name, binary)));
        }
        return archives;
    }

    /** Answers {@code status} for the file instead of serving it. */
    public ReleaseServer status(String version, String name, int status) {
        statuses.put(path(version, name), status);
        return this;
    }

    /** Announces the whole file but sends only its first {@code bytes}, then drops the connection. */
    public ReleaseServer truncate(String version, String name, int bytes) {
        truncatedAt.put(path(version, name), bytes);
        return this;
    }

    /** Announces the whole file, sends its first {@code bytes} and then nothing until the server closes. */
    public ReleaseServer stall(String version, String name, int bytes) {
        stalledAt.put(path(version, name), bytes);
        return this;
    }

    /** Sends the file in pieces of 256 bytes with {@code pause} before each. */
    public ReleaseServer pace(String version, String name, Duration pause) {
        paced.put(path(version, name), pause);
        return this;
    }

    /** Waits this long before answering a request for an archive. */
    public ReleaseServer delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Answers a request for an archive only once {@code condition} holds, or {@code max} has passed. */
    public ReleaseServer holdArchivesUntil(java.util.function.BooleanSupplier condition, Duration max) {
        this.hold = condition;
        this.delay = max;
        return this;
    }

    /** Acts as a proxy that wants these credentials: answers 407 to requests without them. */
    public ReleaseServer requireProxyLogin(String user, String password) {
        proxyAuthorization = "Basic " + java.util.Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Requests that came as to a proxy: with the whole URL in the request line. */
    public int proxiedRequests() {
        return proxied.get();
    }

    public int requests(String version, String name) {
        AtomicInteger count = requests.get(path(version, name));
        return count == null ? 0 : count.get();
    }

    /** The length of a file served. */
    public int contentLength(String version, String name) {
        return files.get(path(version, name)).length;
    }

    public int totalRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private static String path(String version, String name) {
        return "/releases/v" + version + "/" + name;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        try (exchange) {
            if (proxyAuthorization != null
                    && !proxyAuthorization.equals(exchange.getRequestHeaders().getFirst("Proxy-Authorization"))) {
                exchange.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"proxy\"");
                exchange.sendResponseHeaders(407, -1);
                return;
            }
            requests.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
            if (exchange.getRequestURI().isAbsolute()) {
                proxied.incrementAndGet();
            }
            Integer status = statuses.get(path);
            byte[] content = files.get(path);
            if (status != null || content == null) {
                exchange.sendResponseHeaders(status == null ? 404 : status, -1);
                return;
            }
            if (!path.endsWith(".txt") && !delay.isZero()) {
                long deadline = System.nanoTime() + delay.toNanos();
                do {
                    Thread.sleep(Math.min(100, delay.toMillis()));
                } while (!hold.getAsBoolean() && System.nanoTime() < deadline);
            }
            exchange.sendResponseHeaders(200, content.length);
            OutputStream body = exchange.getResponseBody();
            Integer cut = truncatedAt.get(path);
            if (cut != null) {
                body.write(content, 0, cut);
                body.flush();
                // Closing the exchange with bytes missing makes the server drop the connection.
                return;
            }
            Integer stall = stalledAt.get(path);
            if (stall != null) {
                body.write(content, 0, stall);
                body.flush();
                closing.await(MAX_STALL.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                return;
            }
            Duration pause = paced.get(path);
            if (pause != null) {
                for (int sent = 0; sent < content.length; sent += PACED_CHUNK) {
                    Thread.sleep(pause.toMillis());
                    body.write(content, sent, Math.min(PACED_CHUNK, content.length - sent));
                    body.flush();
                }
                return;
            }
            body.write(content);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A zip archive of the given entries, as k6 packs its macOS and Windows builds. */
    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
