package io.perfgate.gate;

import java.util.Optional;

/**
 * Finds the user and password of a database by the reference a user configured: a {@code settings.xml}
 * server id in Maven, a credentials id in Jenkins. The adapter owns the secret store; core only asks.
 */
@FunctionalInterface
public interface SecretLookup {

    /** Finds nothing: only the environment variables give credentials. */
    SecretLookup NONE = (reference, purpose) -> Optional.empty();

    /**
     * @param reference what the user configured, e.g. a server or credentials id; empty when none was
     * @param purpose   what the credentials are for, in messages, e.g. {@code the history database}
     * @return the credentials, or empty to fall back to the environment
     * @throws GateConfigurationException when the reference names credentials that do not exist or cannot
     *                                    be read
     */
    Optional<DatabaseCredentials> find(Optional<String> reference, String purpose);
}
