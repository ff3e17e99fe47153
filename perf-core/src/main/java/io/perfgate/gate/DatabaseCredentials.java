package io.perfgate.gate;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A database user and password. The password never appears in a message or in {@link #toString()}.
 *
 * @param user     the user; the operating system's user name when none is given, as psql does
 * @param password the password, empty for none
 */
public record DatabaseCredentials(String user, String password) {

    public DatabaseCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * Credentials the way every adapter resolves them, field by field: what the secret store gave, else
     * the environment variables {@code <prefix>_USER} and {@code <prefix>_PASSWORD} (e.g.
     * {@code PERF_HISTORY_USER}), else the operating system's user and no password.
     */
    public static DatabaseCredentials resolve(Optional<DatabaseCredentials> found, String environmentPrefix,
            Map<String, String> environment) {
        String user = found.map(DatabaseCredentials::user).filter(text -> !text.isBlank())
                .orElse(environment.get(environmentPrefix + "_USER"));
        String password = found.map(DatabaseCredentials::password).filter(text -> !text.isBlank())
                .orElse(environment.get(environmentPrefix + "_PASSWORD"));
        return new DatabaseCredentials(orDefault(user, systemUser()), orDefault(password, ""));
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String systemUser() {
        return System.getProperty("user.name", "");
    }

    @Override
    public String toString() {
        return "DatabaseCredentials[user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "****") + "]";
    }
}
