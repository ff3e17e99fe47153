package io.perfgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.model.Run;
import hudson.util.Secret;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** The history database's credentials come from the credentials plugin, as the build may see them. */
class HistoryCredentialsTest {

    private final Run<?, ?> run = mock(Run.class);

    @Test
    void findsTheUsernameAndPasswordCredentialAndTracksItsUse() throws Exception {
        StandardUsernamePasswordCredentials credential = mock(StandardUsernamePasswordCredentials.class);
        Secret password = mock(Secret.class);
        when(password.getPlainText()).thenReturn("s3cret");
        when(credential.getUsername()).thenReturn("perf");
        when(credential.getPassword()).thenReturn(password);
        try (MockedStatic<CredentialsProvider> provider = mockStatic(CredentialsProvider.class)) {
            provider.when(() -> CredentialsProvider.findCredentialById(eq("perf-db"),
                    eq(StandardUsernamePasswordCredentials.class), any(Run.class))).thenReturn(credential);

            HistoryAccess access = HistoryCredentials.resolve(" perf-db ", run);

            assertThat(access.user()).isEqualTo("perf");
            assertThat(access.password()).isEqualTo("s3cret");
            assertThat(access.toString()).doesNotContain("s3cret");
            provider.verify(() -> CredentialsProvider.track(run, credential));
        }
    }

    @Test
    void anIdThatNamesNoCredentialStopsTheGate() {
        try (MockedStatic<CredentialsProvider> provider = mockStatic(CredentialsProvider.class)) {
            assertThatThrownBy(() -> HistoryCredentials.resolve("missing", run)).isInstanceOf(AbortException.class)
                    .hasMessageContaining("historyCredentialsId 'missing'");
        }
    }

    @Test
    void noIdMeansNoCredential() throws Exception {
        assertThat(HistoryCredentials.resolve("", run)).isSameAs(HistoryAccess.NONE);
        assertThat(HistoryCredentials.resolve(null, run)).isSameAs(HistoryAccess.NONE);
    }
}
