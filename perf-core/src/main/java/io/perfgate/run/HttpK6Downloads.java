package io.perfgate.run;

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

/**
 * Downloads over HTTP with the JDK's client: redirects followed (GitHub answers release downloads with
 * one), and each URL through the first proxy that serves its protocol and host, as Maven picks
 * proxies from {@code settings.xml}.
 */
public final class HttpK6Downloads implements K6Downloads {

    /** How long connecting may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    /** How long the server may take to start its answer. */
    public static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(2);

    private final HttpClient client;

    /** @param proxies the proxies to choose from, in order; empty to connect directly */
    public HttpK6Downloads(List<HttpProxy> proxies) {
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
                response.body());
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
