package io.perfgate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.getVariableValueFromObject;
import static org.apache.maven.api.plugin.testing.MojoExtension.setVariableValueToObject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.run.HttpProxy;
import io.perfgate.run.K6Release;
import io.perfgate.run.K6RunRecord;
import io.perfgate.run.ReleaseServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code perf:k6} with {@code k6Version}: k6 installed from a release server on 127.0.0.1 that serves
 * archives in k6's layout, each holding perf-core's stand-in for k6, which replays real k6 v0.48.0 output.
 */
@MojoTest
class K6MojoProvisioningTest {

    @TempDir
    Path work;

    private final RecordingLog log = new RecordingLog();
    private ReleaseServer server;
    private K6Release release;

    @BeforeEach
    void serve() throws Exception {
        server = new ReleaseServer().standInRelease("0.48.0", Files.readAllBytes(StandIn.executable()));
        release = new K6Release("0.48.0", K6Release.Platform.current().orElseThrow());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The mojo with k6Version 0.48.0 from the test's server, replaying {@code run}. */
    private K6Mojo configured(K6Mojo mojo, String run) throws Exception {
        Path script = Files.writeString(work.resolve("checkout.js"), "export default function () {}\n");
        setVariableValueToObject(mojo, "scripts", List.of(script.toFile()));
        setVariableValueToObject(mojo, "k6Version", "v0.48.0");
        setVariableValueToObject(mojo, "k6Cache", work.resolve("cache").toFile());
        setVariableValueToObject(mojo, "k6DownloadUrl", server.base().toString());
        setVariableValueToObject(mojo, "environment", Map.of(StandIn.RUN_VARIABLE, run,
                "K6_STANDIN_FIXTURES", StandIn.home().resolve("fixtures/k6").toString()));
        setVariableValueToObject(mojo, "outputDirectory", work.resolve("perf").toFile());
        setVariableValueToObject(mojo, "workingDirectory", work.toFile());
        mojo.setLog(log);
        return mojo;
    }

    private Path installed() {
        return work.resolve("cache/0.48.0").resolve(release.folderName()).resolve(release.platform().binaryName());
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldDefaultToTheUsersCacheAndK6sReleases(K6Mojo mojo) throws Exception {
        assertThat((String) getVariableValueFromObject(mojo, "k6Version")).isNull();
        assertThat(mojo.cache()).isEqualTo(Path.of(System.getProperty("user.home"), ".perfgate", "k6"));
        assertThat((String) getVariableValueFromObject(mojo, "k6DownloadUrl"))
                .isEqualTo("https://github.com/grafana/k6/releases/download");
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldDownloadTheVersionRunItAndRecordIt(K6Mojo mojo) throws Exception {
        configured(mojo, "a_pass").execute();

        assertThat(log.at("INFO")).contains(
                "Downloading k6 v0.48.0 (" + release.platform().id() + ") from " + release.archiveUri(server.base())
                        + ", " + String.format(java.util.Locale.ROOT, "%.1f kB",
                        server.contentLength("0.48.0", release.archiveName()) / 1_000.0),
                "Installed k6 v0.48.0 (" + release.platform().id() + ") into " + installed(),
                "k6 finished checkout.js");
        assertThat(log.at("INFO")).containsSubsequence(StandIn.recordedLines("a_pass", "stdout.txt"));
        K6RunRecord record = K6RunRecord.read(work.resolve("perf/checkout/k6-run.json"));
        assertThat(record.k6Version()).isEqualTo("0.48.0");
        assertThat(record.command().get(0)).isEqualTo(installed().toString());
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldUseTheCacheOffline(K6Mojo mojo) throws Exception {
        configured(mojo, "a_pass").execute();
        int requests = server.totalRequests();
        RecordingLog again = new RecordingLog();
        mojo.setLog(again);
        offline(mojo);

        mojo.execute();

        assertThat(server.totalRequests()).isEqualTo(requests);
        assertThat(again.at("INFO")).contains("Using k6 v0.48.0 (" + release.platform().id() + ") from " + installed());
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldSayWhatIsMissingOffline(K6Mojo mojo) throws Exception {
        offline(configured(mojo, "a_pass"));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("k6 v0.48.0 is not in the cache (" + installed() + " is missing) and the build "
                        + "runs offline")
                .hasMessageEndingWith("point perf.k6.executable at it.");
        assertThat(server.totalRequests()).isZero();
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldNameAnUnknownVersionWithMavensSpelling(K6Mojo mojo) throws Exception {
        configured(mojo, "a_pass");
        setVariableValueToObject(mojo, "k6Version", "0.99.0");

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessageStartingWith("there is no k6 release v0.99.0: ")
                .hasMessageContaining("Check perf.k6.version against the releases at https://github.com/grafana/k6/releases "
                        + "and perf.k6.downloadUrl (" + server.base() + ")");
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldPreferTheGivenExecutableAndSaySo(K6Mojo mojo) throws Exception {
        configured(mojo, "a_pass");
        setVariableValueToObject(mojo, "k6Executable", StandIn.executable().toString());

        mojo.execute();

        assertThat(server.totalRequests()).isZero();
        assertThat(log.at("WARNING")).containsExactly("perf:k6 runs the k6 at " + StandIn.executable()
                + " (perf.k6.executable); perf.k6.version v0.48.0 is not used");
        assertThat(K6RunRecord.read(work.resolve("perf/checkout/k6-run.json")).k6Version()).isEmpty();
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "k6Version", value = "latest")
    void shouldRefuseAVersionThatIsNone(K6Mojo mojo) throws Exception {
        setVariableValueToObject(mojo, "scripts", List.of(work.resolve("checkout.js").toFile()));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf:k6 is misconfigured: 'latest' is not a k6 version: give one such as 0.48.0 or 1.4.0");
    }

    @Test
    @InjectMojo(goal = "k6")
    @MojoParameter(name = "k6Version", value = "0.48.0")
    @MojoParameter(name = "k6DownloadUrl", value = "ftp://mirror/k6")
    void shouldRefuseADownloadUrlThatIsNotHttp(K6Mojo mojo) throws Exception {
        setVariableValueToObject(mojo, "scripts", List.of(work.resolve("checkout.js").toFile()));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf:k6 is misconfigured: perf.k6.downloadUrl 'ftp://mirror/k6' is not an http or https "
                        + "URL such as https://github.com/grafana/k6/releases/download");
    }

    @Test
    @InjectMojo(goal = "k6")
    void shouldTakeTheActiveProxiesOfSettings(K6Mojo mojo) throws Exception {
        Settings settings = new Settings();
        settings.addProxy(proxy("off", false, "http", "old.corp", "", ""));
        settings.addProxy(proxy("web", true, "http", "proxy.corp", "agent", "s3cret"));
        settings.addProxy(proxy("tls", true, "https", "tls.corp", "", ""));
        setVariableValueToObject(mojo, "settings", settings);

        assertThat(mojo.proxies()).containsExactly(
                new HttpProxy("http", "proxy.corp", 3128, "agent", "s3cret", "localhost|*.corp"),
                new HttpProxy("https", "tls.corp", 3128, "", "", "localhost|*.corp"));
    }

    private static Proxy proxy(String id, boolean active, String protocol, String host, String user, String password) {
        Proxy proxy = new Proxy();
        proxy.setId(id);
        proxy.setActive(active);
        proxy.setProtocol(protocol);
        proxy.setHost(host);
        proxy.setPort(3128);
        proxy.setUsername(user);
        proxy.setPassword(password);
        proxy.setNonProxyHosts("localhost|*.corp");
        return proxy;
    }

    /** As with {@code mvn -o}. */
    private static void offline(K6Mojo mojo) throws Exception {
        Settings settings = new Settings();
        settings.setOffline(true);
        setVariableValueToObject(mojo, "settings", settings);
        setVariableValueToObject(mojo, "session", null);
    }
}
