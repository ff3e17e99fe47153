package io.perfgate.maven;

import io.perfgate.gate.DatabaseCredentials;
import io.perfgate.gate.GateConfigurationException;
import io.perfgate.gate.SecretLookup;
import java.util.Optional;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Database credentials the way Maven users keep secrets: a {@code <server>} of {@code settings.xml} by
 * its id (its password decrypted when encrypted with {@code mvn --encrypt-password}), else the goal's
 * user and password parameters. What neither gives comes from the environment (core's
 * {@link DatabaseCredentials#resolve}). The password never appears in a message.
 */
final class MavenSecrets implements SecretLookup {

    private final Settings settings;
    private final SettingsDecrypter decrypter;
    private final String user;
    private final String password;

    /**
     * @param user     the goal's user parameter, or null
     * @param password the goal's password parameter, or null
     */
    MavenSecrets(Settings settings, SettingsDecrypter decrypter, String user, String password) {
        this.settings = settings;
        this.decrypter = decrypter;
        this.user = user;
        this.password = password;
    }

    @Override
    public Optional<DatabaseCredentials> find(Optional<String> serverId, String purpose) {
        if (serverId.isPresent()) {
            return Optional.of(fromServer(serverId.get(), purpose));
        }
        if (blank(user) && blank(password)) {
            return Optional.empty();
        }
        return Optional.of(new DatabaseCredentials(blank(user) ? "" : user, blank(password) ? "" : password));
    }

    private DatabaseCredentials fromServer(String serverId, String purpose) {
        Server server = settings == null ? null : settings.getServer(serverId);
        if (server == null) {
            throw new GateConfigurationException(null, "settings.xml has no <server> with the id '" + serverId
                    + "' for " + purpose + "; add one with its <username> and <password>");
        }
        SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        for (SettingsProblem problem : decrypted.getProblems()) {
            if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                throw new GateConfigurationException(null, "the password of the <server> '" + serverId
                        + "' in settings.xml cannot be decrypted: " + problem.getMessage());
            }
        }
        Server plain = decrypted.getServer();
        return new DatabaseCredentials(blank(plain.getUsername()) ? "" : plain.getUsername(),
                blank(plain.getPassword()) ? "" : plain.getPassword());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
