package io.perfgate.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A proxy for downloads, as Maven's {@code settings.xml} describes one: for URLs of one protocol,
 * except for the hosts that {@code nonProxyHosts} names.
 *
 * @param protocol      {@code http} or {@code https}: the protocol of the URLs it serves
 * @param host          the proxy's host
 * @param port          the proxy's port
 * @param username      the proxy's user, or empty for none
 * @param password      the user's password, or empty; never shown
 * @param nonProxyHosts hosts reached directly, separated by {@code |} (or {@code ,}); {@code *} matches
 *                      any part of a name, e.g. {@code localhost|*.example.com}
 */
public record HttpProxy(String protocol, String host, int port, String username, String password,
        String nonProxyHosts) {

    public HttpProxy {
        protocol = Objects.requireNonNull(protocol, "protocol").strip().toLowerCase(Locale.ROOT);
        Objects.requireNonNull(host, "host");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        nonProxyHosts = nonProxyHosts == null ? "" : nonProxyHosts;
        if (host.isBlank()) {
            throw new IllegalArgumentException("a proxy needs a host");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("the port of the proxy " + host + " must be 1 to 65535, was " + port);
        }
    }

    /** Whether the proxy serves a URL of this scheme and host. */
    public boolean serves(String scheme, String targetHost) {
        if (scheme == null || targetHost == null || !protocol.equalsIgnoreCase(scheme)) {
            return false;
        }
        String target = targetHost.toLowerCase(Locale.ROOT);
        return Arrays.stream(nonProxyHosts.split("[|,]"))
                .map(String::strip)
                .filter(pattern -> !pattern.isEmpty())
                .noneMatch(pattern -> matches(pattern.toLowerCase(Locale.ROOT), target));
    }

    private static boolean matches(String pattern, String host) {
        StringBuilder regex = new StringBuilder();
        for (String part : pattern.split("\\*", -1)) {
            if (regex.length() > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(part));
        }
        return host.matches(regex.toString());
    }

    /** The proxy without its password. */
    @Override
    public String toString() {
        return protocol + " proxy " + host + ":" + port + (username.isEmpty() ? "" : " (user " + username + ")");
    }
}
