package io.perfgate.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void shouldMaskEverySecretInAText() {
        Secrets secrets = new Secrets(Arrays.asList("hunter2", "", null, "url-pw"));

        assertThat(secrets.redact("login hunter2 failed, url-pw, hunter2")).isEqualTo("login **** failed, ****, ****");
        assertThat(secrets.redact(null)).isNull();
    }

    @Test
    void shouldCopyACauseChainWithoutSecretsButWithItsStackTraces() {
        SQLException root = new SQLException("root saw hunter2");
        IllegalStateException top = new IllegalStateException("top saw hunter2", root);

        Throwable scrubbed = new Secrets(List.of("hunter2")).scrubbed(top);

        assertThat(scrubbed.getMessage()).isEqualTo("java.lang.IllegalStateException: top saw ****");
        assertThat(scrubbed.toString()).isEqualTo(scrubbed.getMessage());
        assertThat(scrubbed.getStackTrace()).isEqualTo(top.getStackTrace());
        assertThat(scrubbed.getCause().getMessage()).isEqualTo("java.sql.SQLException: root saw ****");
        assertThat(scrubbed.getCause().getCause()).isNull();
    }
}
