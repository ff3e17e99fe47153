package io.perfgate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.getBasedir;
import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.database.CaptureFailure;
import io.perfgate.database.DatabaseProblem;
import io.perfgate.database.SnapshotFile;
import io.perfgate.postgres.PostgresConnectionSettings;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

/** {@code perf:db-before} and {@code perf:db-after} as Maven configures them. */
@MojoTest
class DatabaseSnapshotMojoTest {

    private static final String SECRET = "s3cret-db-password";
    private static final Instant NOW = Instant.parse("2025-06-01T10:00:00Z");

    @TempDir
    Path work;

    private final RecordingLog log = new RecordingLog();

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private <T extends DatabaseSnapshotMojo> T unreachable(T mojo) throws Exception {
        setVariableValueToObject(mojo, "databaseUrl", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/shop");
        setVariableValueToObject(mojo, "databaseUser", "perf");
        setVariableValueToObject(mojo, "databasePassword", SECRET);
        setVariableValueToObject(mojo, "snapshotDirectory", work.resolve("db").toFile());
        mojo.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        mojo.systemEnvironment = Map.of();
        mojo.setLog(log);
        return mojo;
    }

    @Test
    @InjectMojo(goal = "db-before")
    void shouldDefaultToTheBuildFolder(DatabaseBeforeMojo mojo) throws Exception {
        File folder = getVariableValueFromObject(mojo, "snapshotDirectory");

        assertThat(folder.toPath()).isEqualTo(Path.of(getBasedir(), "target", "perf", "db"));
        assertThat(mojo.goal()).isEqualTo("perf:db-before");
        assertThat((boolean) getVariableValueFromObject(mojo, "skip")).isFalse();
        assertThat((boolean) getVariableValueFromObject(mojo, "skipDatabase")).isFalse();
    }

    @Test
    @InjectMojo(goal = "db-after", pom = "classpath:/unit/db-configured.xml")
    void shouldMapEveryParameter(DatabaseAfterMojo mojo) throws Exception {
        mojo.systemEnvironment = Map.of("PERF_DB_USER", "not-this-one", "PERF_DB_PASSWORD", "nor-this");

        PostgresConnectionSettings connection = mojo.connection();

        assertThat(connection.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/shop?sslmode=require");
        assertThat(connection.user()).isEqualTo("perf_reader");
        assertThat(connection.password()).isEqualTo("from-the-pom");
        assertThat(connection.target()).isEqualTo("db.example:5433/shop");
        assertThat(((File) getVariableValueFromObject(mojo, "snapshotDirectory")).toPath())
                .isEqualTo(Path.of(getBasedir(), "target", "load", "db"));
        assertThat(mojo.goal()).isEqualTo("perf:db-after");
    }

    @Test
    @InjectMojo(goal = "db-before")
    void shouldTakeTheCredentialsFromTheEnvironment(DatabaseBeforeMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "databaseUrl", "jdbc:postgresql://db/shop");
        mojo.systemEnvironment = Map.of("PERF_DB_USER", "ci_reader", "PERF_DB_PASSWORD", SECRET);

        PostgresConnectionSettings connection = mojo.connection();

        assertThat(connection.user()).isEqualTo("ci_reader");
        assertThat(connection.password()).isEqualTo(SECRET);
        assertThat(connection.toString()).doesNotContain(SECRET);
    }

    @Test
    @InjectMojo(goal = "db-before")
    void shouldDecryptThePasswordOfASettingsServer(DatabaseBeforeMojo mojo) throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        Path security = Files.writeString(work.resolve("settings-security.xml"), "<settingsSecurity><master>"
                + cipher.encryptAndDecorate("master-pw", "settings.security") + "</master></settingsSecurity>");
        Server server = new Server();
        server.setId("shop-db");
        server.setUsername("perf_reader");
        server.setPassword(cipher.encryptAndDecorate(SECRET, "master-pw"));
        Settings settings = new Settings();
        settings.addServer(server);
        setVariableValueToObject(mojo, "settings", settings);
        setVariableValueToObject(mojo, "databaseUrl", "jdbc:postgresql://db/shop");
        setVariableValueToObject(mojo, "databaseServerId", "shop-db");
        mojo.systemEnvironment = Map.of("PERF_DB_USER", "not-this-one");
        String previous = System.getProperty("settings.security");
        System.setProperty("settings.security", security.toString());
        try {
            PostgresConnectionSettings connection = mojo.connection();

            assertThat(connection.user()).isEqualTo("perf_reader");
            assertThat(connection.password()).isEqualTo(SECRET);
        } finally {
            if (previous == null) {
                System.clearProperty("settings.security");
            } else {
                System.setProperty("settings.security", previous);
            }
        }
    }

    @Test
    @InjectMojo(goal = "db-before")
    void shouldNameAServerIdThatSettingsDoNotHave(DatabaseBeforeMojo mojo) throws Exception {
        setVariableValueToObject(mojo, "settings", new Settings());
        setVariableValueToObject(mojo, "databaseUrl", "jdbc:postgresql://db/shop");
        setVariableValueToObject(mojo, "databaseServerId", "shop-db");

        assertThatThrownBy(mojo::connection).isInstanceOf(MojoExecutionException.class)
                .hasMessage("settings.xml has no <server> with the id 'shop-db' for the application's database; add "
                        + "one with its <username> and <password>");
    }

    @Test
    @InjectMojo(goal = "db-after")
    void shouldRequireTheDatabaseUrl(DatabaseAfterMojo mojo) {
        assertThatThrownBy(mojo::execute).isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf:db-after needs the application's database: set perf.db.url to "
                        + "jdbc:postgresql://host:port/database, or skip the goal with perf.db.skip");
    }

    @Test
    @InjectMojo(goal = "db-before")
    @MojoParameter(name = "databaseUrl", value = "jdbc:mysql://db/shop?password=" + SECRET)
    void shouldRefuseAUrlThatIsNotPostgres(DatabaseBeforeMojo mojo) {
        mojo.systemEnvironment = Map.of();

        assertThatThrownBy(mojo::connection).isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf:db-before is misconfigured: perf.db.url 'jdbc:mysql://db/shop?...' is not a "
                        + "PostgreSQL JDBC URL; expected jdbc:postgresql://host:port/database");
    }

    @Test
    @InjectMojo(goal = "db-before")
    void shouldWriteTheFailureAndGoOnWhenTheDatabaseIsUnreachable(DatabaseBeforeMojo mojo) throws Exception {
        unreachable(mojo).execute();

        assertThat(SnapshotFile.read(work.resolve("db/before.json"))).isInstanceOfSatisfying(CaptureFailure.class,
                failure -> {
                    assertThat(failure.problem()).isEqualTo(DatabaseProblem.UNREACHABLE);
                    assertThat(failure.takenAt()).isEqualTo(NOW);
                });
        assertThat(log.at("ERROR")).hasSize(2).first().asString().startsWith("perf:db-before: PostgreSQL at "
                + "127.0.0.1:").contains("/shop is unreachable: ");
        assertThat(log.at("ERROR").get(1))
                .isEqualTo("The database lines of the budget cannot be evaluated; the load results still are");
        assertThat(String.join("\n", log.lines())).doesNotContain(SECRET);
        assertThat(Files.readString(work.resolve("db/before.json"))).doesNotContain(SECRET);
    }

    @Test
    @InjectMojo(goal = "db-after")
    void shouldWriteTheAfterSnapshotBesideTheOneBefore(DatabaseAfterMojo mojo) throws Exception {
        unreachable(mojo).execute();

        assertThat(work.resolve("db/after.json")).isRegularFile();
        assertThat(work.resolve("db/before.json")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "db-before")
    @MojoParameter(name = "skipDatabase", value = "true")
    void shouldSkipWithPerfDbSkip(DatabaseBeforeMojo mojo) throws Exception {
        unreachable(mojo).execute();

        assertThat(log.lines()).containsExactly("[INFO] Skipping perf:db-before (perf.skip or perf.db.skip is set)");
        assertThat(work.resolve("db")).doesNotExist();
    }

    @Test
    @InjectMojo(goal = "db-after")
    @MojoParameter(name = "skip", value = "true")
    void shouldSkipWithPerfSkip(DatabaseAfterMojo mojo) throws Exception {
        unreachable(mojo).execute();

        assertThat(log.lines()).containsExactly("[INFO] Skipping perf:db-after (perf.skip or perf.db.skip is set)");
    }
}
