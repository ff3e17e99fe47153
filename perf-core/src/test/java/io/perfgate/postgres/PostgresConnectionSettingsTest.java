package io.perfgate.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PostgresConnectionSettingsTest {

    private static final String SECRET = "s3cret-Pa55word";

    @Test
    void shouldNameTheDatabaseWithoutCredentials() {
        PostgresConnectionSettings settings = PostgresConnectionSettings.of(
                "jdbc:postgresql://db1:5433,db2/perf?sslmode=require&password=" + SECRET, "perfgate", SECRET);

        assertThat(settings.target()).isEqualTo("db1:5433,db2:5432/perf");
        assertThat(settings.toString()).isEqualTo("PostgresConnectionSettings[jdbcUrl=jdbc:postgresql://db1:5433,db2/"
                + "perf?..., user=perfgate, password=****, connectTimeout=PT10S]");
        assertThat(PostgresConnectionSettings.of("jdbc:postgresql://db/perf", "u", "").toString())
                .contains("password=(none)");
    }

    @Test
    void shouldScrubThePasswordAndOneWrittenIntoTheUrl() {
        PostgresConnectionSettings settings = PostgresConnectionSettings.of(
                "jdbc:postgresql://db/perf?password=url-" + SECRET, "perfgate", SECRET);

        assertThat(settings.secrets().redact("a " + SECRET + " b url-" + SECRET)).isEqualTo("a **** b ****");
    }

    @Test
    void shouldPassCredentialsTimeoutAndNameToTheDriver() {
        Properties properties = new PostgresConnectionSettings("jdbc:postgresql://db/perf", "perfgate", SECRET,
                Duration.ofMillis(2500)).connectionProperties();

        assertThat(properties).containsEntry("user", "perfgate").containsEntry("password", SECRET)
                .containsEntry("connectTimeout", "3").containsEntry("loginTimeout", "3")
                .containsEntry("ApplicationName", "perfgate");
        assertThat(PostgresConnectionSettings.of("jdbc:postgresql://db/perf", "u", "").connectionProperties())
                .doesNotContainKey("password");
    }

    @Test
    void shouldRefuseWhatIsNotAPostgresUrlWithoutEchoingItsParameters() {
        assertThatThrownBy(() -> PostgresConnectionSettings.of("jdbc:mysql://db/perf?password=" + SECRET, "u", SECRET))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'jdbc:mysql://db/perf?...' is not a PostgreSQL JDBC URL;"
                        + " expected jdbc:postgresql://host:port/database");
        assertThatThrownBy(() -> new PostgresConnectionSettings("jdbc:postgresql://db/perf", "u", "", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("connect timeout must be positive, not PT0S");
    }
}
