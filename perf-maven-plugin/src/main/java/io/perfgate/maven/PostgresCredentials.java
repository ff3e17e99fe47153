package io.perfgate.maven;

import java.util.Map;
import java.util.Objects;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The user and password of a PostgreSQL connection, looked up the way Maven users keep secrets: a
 * {@code <server>} of {@code settings.xml} by its id (its password decrypted when encrypted with
 * {@code mvn --encrypt-password}), else the goal's parameters, else environment variables, e.g.
 * {@code PERF_HISTORY_USER} and {@code PERF_HISTORY_PASSWORD}. The password never appears in a message.
 *
 * @param user     the user; the operating system's user name when none is given, as psql does
 * @param password the password, empty for none
 */
record PostgresCredentials(String user, String password) {

    PostgresCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    /**
     * @param serverId   the {@code settings.xml} server to read, or null
     * @param user       the parameter's user, or null
     * @param password   the parameter's password, or null
     * @param envPrefix  the environment variables' prefix, e.g. {@code PERF_HISTORY}
     * @param what       what the credentials are for, in messages, e.g. {@code the history database}
     * @throws MojoExecutionException when the server id is not in settings.xml or cannot be decrypted
     */
    static PostgresCredentials resolve(String serverId, String user, String password, String envPrefix, String what,
            Settings settings, SettingsDecrypter decrypter, Map<String, String> environment)
            throws MojoExecutionException {
        if (serverId != null && !serverId.isBlank()) {
            Server server = settings == null ? null : settings.getServer(serverId);
            if (server == null) {
                throw new MojoExecutionException("settings.xml has no <server> with the id '" + serverId + "' for "
                        + what + "; add one with its <username> and <password>");
            }
            SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : decrypted.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new MojoExecutionException("the password of the <server> '" + serverId + "' in settings.xml"
                            + " cannot be decrypted: " + problem.getMessage());
                }
            }
            Server plain = decrypted.getServer();
            return new PostgresCredentials(orDefault(plain.getUsername(), systemUser()),
                    orDefault(plain.getPassword(), ""));
        }
        String givenUser = firstNonBlank(user, environment.get(envPrefix + "_USER"));
        String givenPassword = firstNonBlank(password, environment.get(envPrefix + "_PASSWORD"));
        return new PostgresCredentials(orDefault(givenUser, systemUser()), orDefault(givenPassword, ""));
    }

    private static String firstNonBlank(String first, String second) {
        return first != null && !first.isBlank() ? first : second;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    private static String systemUser() {
        return System.getProperty("user.name", "");
    }

    @Override
    public String toString() {
        return "PostgresCredentials[user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "****") + "]";
    }
}
