package io.perfgate.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;

/**
 * The PostgreSQL history's user and password, from a "Username with password" credential of the
 * credentials plugin, looked up as the build may see it. Nothing here logs the password.
 */
final class HistoryCredentials {

    private HistoryCredentials() {
    }

    /**
     * @param credentialsId the credential's id; blank for none (the database's own defaults apply)
     * @throws AbortException when the id names no username/password credential this build may use
     */
    static HistoryAccess resolve(String credentialsId, Run<?, ?> run) throws AbortException {
        if (credentialsId == null || credentialsId.isBlank()) {
            return HistoryAccess.NONE;
        }
        StandardUsernamePasswordCredentials credentials = CredentialsProvider.findCredentialById(credentialsId.strip(),
                StandardUsernamePasswordCredentials.class, run);
        if (credentials == null) {
            throw new AbortException("historyCredentialsId '" + credentialsId.strip() + "' names no \"Username with "
                    + "password\" credential that this build can use");
        }
        CredentialsProvider.track(run, credentials);
        return new HistoryAccess(credentials.getUsername(), credentials.getPassword().getPlainText());
    }
}
