package io.perfgate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.postgres.PostgresConnectionSettings;
import java.util.Map;
import java.util.Properties;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.execution.MavenSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code perf.db.*} properties users set with {@code -D}: each reaches the parameter it names. */
@MojoTest
class DatabasePropertiesTest {

    @Inject
    private MavenSession session;

    @BeforeEach
    void setUserProperties() {
        Properties properties = session.getUserProperties();
        properties.setProperty("perf.db.url", "jdbc:postgresql://staging-db:5432/shop");
        properties.setProperty("perf.db.serverId", "staging-db");
        properties.setProperty("perf.db.user", "cli_user");
        properties.setProperty("perf.db.password", "cli-password");
        properties.setProperty("perf.db.skip", "true");
        properties.setProperty("perf.skip", "true");
    }

    @Test
    @InjectMojo(goal = "db-before")
    void shouldConfigurePerfDbBefore(DatabaseBeforeMojo mojo) throws Exception {
        assertConfigured(mojo);
    }

    @Test
    @InjectMojo(goal = "db-after")
    void shouldConfigurePerfDbAfter(DatabaseAfterMojo mojo) throws Exception {
        assertConfigured(mojo);
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldConfigureTheSnapshotsOfPerfK6(K6Mojo mojo) throws Exception {
        assertConfigured(mojo);
    }

    private static void assertConfigured(DatabaseMojo mojo) throws Exception {
        assertThat((String) getVariableValueFromObject(mojo, "databaseServerId")).isEqualTo("staging-db");
        assertThat((boolean) getVariableValueFromObject(mojo, "skip")).isTrue();
        assertThat(mojo.skipDatabase).isTrue();
        // without the server id, the user and password properties are the credentials
        mojo.databaseServerId = null;
        mojo.systemEnvironment = Map.of();
        PostgresConnectionSettings connection = mojo.connection();
        assertThat(connection.jdbcUrl()).isEqualTo("jdbc:postgresql://staging-db:5432/shop");
        assertThat(connection.user()).isEqualTo("cli_user");
        assertThat(connection.password()).isEqualTo("cli-password");
    }
}
