package io.perfgate.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;

/** Every goal that reads credentials from settings.xml gets Maven's decrypter of its passwords. */
@MojoTest
class SettingsDecrypterInjectionTest {

    private static final String SECRET = "s3cret-password";

    @TempDir
    Path work;

    @Test
    @InjectMojo(goal = "k6")
    void shouldInjectTheDecrypterIntoPerfK6(K6Mojo mojo) throws Exception {
        assertDecrypts(mojo.decrypter);
    }

    @Test
    @InjectMojo(goal = "db-before")
    void shouldInjectTheDecrypterIntoPerfDbBefore(DatabaseBeforeMojo mojo) throws Exception {
        assertDecrypts(mojo.decrypter);
    }

    @Test
    @InjectMojo(goal = "db-after")
    void shouldInjectTheDecrypterIntoPerfDbAfter(DatabaseAfterMojo mojo) throws Exception {
        assertDecrypts(mojo.decrypter);
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldInjectTheDecrypterIntoPerfCheck(CheckMojo mojo) throws Exception {
        assertDecrypts(mojo.decrypter);
    }

    @Test
    @InjectMojo(goal = "pin")
    void shouldInjectTheDecrypterIntoPerfPin(PinMojo mojo) throws Exception {
        assertDecrypts(mojo.decrypter);
    }

    @Test
    @InjectMojo(goal = "unpin")
    void shouldInjectTheDecrypterIntoPerfUnpin(UnpinMojo mojo) throws Exception {
        assertDecrypts(mojo.decrypter);
    }

    private void assertDecrypts(SettingsDecrypter decrypter) throws Exception {
        assertThat(decrypter).isNotNull();
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        Path security = Files.writeString(work.resolve("settings-security.xml"), "<settingsSecurity><master>"
                + cipher.encryptAndDecorate("master-pw", "settings.security") + "</master></settingsSecurity>");
        Server server = new Server();
        server.setId("perf-db");
        server.setPassword(cipher.encryptAndDecorate(SECRET, "master-pw"));
        String previous = System.getProperty("settings.security");
        System.setProperty("settings.security", security.toString());
        try {
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));

            assertThat(result.getProblems()).isEmpty();
            assertThat(result.getServer().getPassword()).isEqualTo(SECRET);
        } finally {
            if (previous == null) {
                System.clearProperty("settings.security");
            } else {
                System.setProperty("settings.security", previous);
            }
        }
    }
}
