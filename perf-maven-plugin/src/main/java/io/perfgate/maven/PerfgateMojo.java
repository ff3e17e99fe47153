package io.perfgate.maven;

import io.perfgate.gate.GateConfigurationException;
import io.perfgate.gate.GateEnvironment;
import io.perfgate.gate.SecretLookup;
import java.time.Clock;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/** What every perfgate goal shares: the build's environment, its secrets, and how Maven spells options. */
abstract class PerfgateMojo extends AbstractMojo {

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Inject
    SettingsDecrypter decrypter;

    /** The environment the run's identity and credentials are read from; replaced in tests. */
    Map<String, String> systemEnvironment = System.getenv();

    /** Dates runs, reports and snapshots; replaced in tests. */
    Clock clock = Clock.systemUTC();

    /** Credentials from settings.xml servers, else the given parameters, else the environment. */
    SecretLookup secrets(String user, String password) {
        return new MavenSecrets(settings, decrypter, user, password);
    }

    /** The gate's environment with the secrets of one database. */
    GateEnvironment environment(SecretLookup secrets) {
        return new GateEnvironment(systemEnvironment, secrets, clock, MavenSpelling.INSTANCE);
    }

    /** A configuration problem as a build error, naming the option as Maven users write it. */
    static MojoExecutionException configurationError(GateConfigurationException e) {
        String prefix = e.option().map(option -> MavenSpelling.INSTANCE.spell(option) + ": ").orElse("");
        return new MojoExecutionException(prefix + e.getMessage(), e);
    }
}
