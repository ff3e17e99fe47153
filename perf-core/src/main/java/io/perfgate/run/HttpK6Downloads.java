package io.perfgate.run;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Downloads over HTTP with the JDK's client: redirects followed (GitHub answers release downloads with
 * one), and each URL through the first proxy that serves its protocol and host, as Maven picks
 * proxies from {@code settings.xml}. No wait is unbounded: connecting, the start of the answer, and
 * each stretch of the body without a byte ({@link #STALL_TIMEOUT}) are timed.
 */
public final class HttpK6Downloads implements K6Downloads {

    /** How long connecting may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** How long the server may take to start its answer. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);

    /**
     * How long the body may go without a byte: the client's own timeouts end with the headers, so a
     * server that stops sending midway would otherwise hold the build forever.
     */
    public static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final Duration stallTimeout;

    /** @param proxies the proxies to choose from, in order; empty to connect directly */
    public HttpK6Downloads(List<HttpProxy> proxies) {
        this(proxies, STALL_TIMEOUT);
    }

    /** A shorter stall timeout, for tests. */
    HttpK6Downloads(List<HttpProxy> proxies, Duration stallTimeout) {
        if (stallTimeout.isZero() || stallTimeout.isNegative()) {
            throw new IllegalArgumentException("the stall timeout must be longer than zero: " + stallTimeout);
        }
        this.stallTimeout = stallTimeout;
        List<HttpProxy> copy = List.copyOf(proxies);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT)
                .proxy(new Selector(copy));
        if (copy.stream().anyMatch(proxy -> !proxy.username().isEmpty())) {
            builder.authenticator(new ProxyAuthenticator(copy));
        }
        this.client = builder.build();
    }

    @Override
    public Response open(URI uri) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(RESPONSE_TIMEOUT).GET()
                .header("User-Agent", "perfgate").build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + uri, e);
        }
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new Response(response.statusCode(), length < 0 ? OptionalLong.empty() : OptionalLong.of(length),
                new StallGuardedBody(response.body(), stallTimeout));
    }

    /**
     * A body whose reads fail with {@link StalledDownloadException} once no byte arrived for the stall
     * timeout: a watchdog closes the client's stream, which wakes the blocked read. The watchdog's one
     * daemon thread lives as long as the body is open.
     */
    static final class StallGuardedBody extends FilterInputStream {

        private final Duration timeout;
        private final ScheduledThreadPoolExecutor watchdog;
        private volatile boolean stalled;

        StallGuardedBody(InputStream body, Duration timeout) {
            super(body);
            this.timeout = timeout;
            this.watchdog = new ScheduledThreadPoolExecutor(1, task -> {
                Thread thread = new Thread(task, "perfgate k6 download watchdog");
                thread.setDaemon(true);
                return thread;
            });
            watchdog.setRemoveOnCancelPolicy(true);
            // a body its reader never closes must not keep the thread
            watchdog.setKeepAliveTime(1, TimeUnit.SECONDS);
            watchdog.allowCoreThreadTimeOut(true);
        }

        @Override
        public int read() throws IOException {
            ScheduledFuture<?> alarm = arm();
            int b;
            try {
                b = in.read();
            } catch (IOException e) {
                throw stalled ? stalled(e) : e;
            } finally {
                alarm.cancel(false);
            }
            if (stalled) {
                throw stalled(null);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            ScheduledFuture<?> alarm = arm();
            int n;
            try {
                n = in.read(buffer, offset, length);
            } catch (IOException e) {
                throw stalled ? stalled(e) : e;
            } finally {
                alarm.cancel(false);
            }
            // A stream closed by the watchdog may also answer with the end of the body: it is not the end
            if (stalled) {
                throw stalled(null);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // through read, so that skipping is timed as well
            if (n <= 0) {
                return 0;
            }
            int read = read(new byte[(int) Math.min(n, 8192)], 0, (int) Math.min(n, 8192));
            return Math.max(read, 0);
        }

        private ScheduledFuture<?> arm() throws IOException {
            if (stalled) {
                throw stalled(null);
            }
            return watchdog.schedule(this::stall, timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        private void stall() {
            stalled = true;
            try {
                in.close();
            } catch (IOException e) {
                // The blocked read fails either way, and says why
            }
        }

        private StalledDownloadException stalled(IOException cause) {
            return new StalledDownloadException(timeout, cause);
        }

        @Override
        public void close() throws IOException {
            try {
                in.close();
            } finally {
                watchdog.shutdownNow();
            }
        }
    }

    /** The proxy of a URL, if any. */
    static Optional<HttpProxy> proxyFor(List<HttpProxy> proxies, URI uri) {
        return proxies.stream().filter(proxy -> proxy.serves(uri.getScheme(), uri.getHost())).findFirst();
    }

    private static final class Selector extends ProxySelector {

        private final List<HttpProxy> proxies;

        Selector(List<HttpProxy> proxies) {
            this.proxies = proxies;
        }

        @Override
        public List<Proxy> select(URI uri) {
            return proxyFor(proxies, uri)
                    .map(proxy -> List.of(new Proxy(Proxy.Type.HTTP,
                            InetSocketAddress.createUnresolved(proxy.host(), proxy.port()))))
                    .orElse(List.of(Proxy.NO_PROXY));
        }

        @Override
        public void connectFailed(URI uri, SocketAddress address, IOException failure) {
            // The request fails with the error, which names the URL; there is no other proxy to try.
        }
    }

    /** Answers only a proxy's challenge, and only with the credentials of that proxy. */
    private static final class ProxyAuthenticator extends Authenticator {

        private final List<HttpProxy> proxies;

        ProxyAuthenticator(List<HttpProxy> proxies) {
            this.proxies = proxies;
        }

        @Override
        protected PasswordAuthentication getPasswordAuthentication() {
            if (getRequestorType() != RequestorType.PROXY) {
                return null;
            }
            for (HttpProxy proxy : proxies) {
                if (proxy.host().equalsIgnoreCase(getRequestingHost()) && proxy.port() == getRequestingPort()
                        && !proxy.username().isEmpty()) {
                    return new PasswordAuthentication(proxy.username(), proxy.password().toCharArray());
                }
            }
            return null;
        }
    }
}
