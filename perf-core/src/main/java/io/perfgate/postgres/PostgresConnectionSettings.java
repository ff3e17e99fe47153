package io.perfgate.postgres;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * How to reach a PostgreSQL database: the run history's, or the one a load test exercises. The
 * password is never printed: {@link #toString()} masks it, {@link #target()} names only hosts, ports
 * and database, and every message built from a driver's error goes through {@link #secrets()}.
 *
 * @param jdbcUrl        {@code jdbc:postgresql://host:port/database}, with any pgJDBC parameters
 *                       (e.g. {@code ?sslmode=verify-full}, or {@code ?currentSchema=perf} to keep the
 *                       tables out of {@code public})
 * @param user           the database user
 * @param password       the user's password; empty for none
 * @param connectTimeout how long to wait for a connection before the database counts as unreachable
 */
public record PostgresConnectionSettings(String jdbcUrl, String user, String password, Duration connectTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    public PostgresConnectionSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (Driver.parseURL(jdbcUrl, new Properties()) == null) {
            throw new IllegalArgumentException("'" + withoutParameters(jdbcUrl) + "' is not a PostgreSQL JDBC URL;"
                    + " expected jdbc:postgresql://host:port/database");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, not " + connectTimeout);
        }
    }

    public static PostgresConnectionSettings of(String jdbcUrl, String user, String password) {
        return new PostgresConnectionSettings(jdbcUrl, user, password, DEFAULT_CONNECT_TIMEOUT);
    }

    /** {@code host:port/database} (hosts joined by commas), safe for any message. */
    public String target() {
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        String[] hosts = parsed.getProperty("PGHOST", "localhost").split(",");
        String[] ports = parsed.getProperty("PGPORT", "5432").split(",");
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            addresses.add(hosts[i] + ":" + (i < ports.length ? ports[i] : ports[ports.length - 1]));
        }
        return String.join(",", addresses) + "/" + parsed.getProperty("PGDBNAME", "");
    }

    /** The connection properties: the credentials, a connect timeout and the application name. */
    public Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        if (!password.isEmpty()) {
            properties.setProperty("password", password);
        }
        long seconds = Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
        properties.setProperty("connectTimeout", Long.toString(seconds));
        properties.setProperty("loginTimeout", Long.toString(seconds));
        properties.setProperty("ApplicationName", "perfgate");
        return properties;
    }

    /** Every secret a message could carry: the password, and one written into the URL's parameters. */
    public Secrets secrets() {
        List<String> secrets = new ArrayList<>();
        secrets.add(password);
        Properties parsed = Driver.parseURL(jdbcUrl, new Properties());
        if (parsed != null && parsed.getProperty("password") != null) {
            secrets.add(parsed.getProperty("password"));
        }
        return new Secrets(secrets);
    }

    private static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...";
    }

    @Override
    public String toString() {
        return "PostgresConnectionSettings[jdbcUrl=" + withoutParameters(jdbcUrl) + ", user=" + user
                + ", password=" + (password.isEmpty() ? "(none)" : "****") + ", connectTimeout=" + connectTimeout + "]";
    }
}
