package io.perfgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.perfgate.diag.MavenLikeSpelling;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Installs k6 releases from a real HTTP server on 127.0.0.1 that serves release archives in k6's layout,
 * built here, each holding the test stand-in for k6 ({@link StandInK6}), which replays real k6 v0.48.0
 * output, as its {@code k6} binary.
 */
class K6ProvisioningTest {

    private static final String VERSION = "0.48.0";
    private static final K6Release.Platform LINUX = new K6Release.Platform("linux", "amd64");
    private static final String ARCHIVE = "k6-v0.48.0-linux-amd64.tar.gz";
    private static final String ENTRY = "k6-v0.48.0-linux-amd64/k6";

    @TempDir
    Path work;

    private Path cache;
    private ReleaseServer server;
    private byte[] standIn;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void serve() throws IOException {
        cache = work.resolve("cache");
        server = new ReleaseServer();
        standIn = Files.readAllBytes(StandInK6.executable());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A release with an archive for each platform k6 builds, each holding the stand-in. */
    private Map<String, byte[]> honestRelease() {
        return ReleaseServer.standInArchives(VERSION, standIn);
    }

    private K6Provisioning provisioning(boolean offline) {
        return new K6Provisioning(cache, server.base(), offline, new HttpK6Downloads(List.of()), log::add,
                MavenLikeSpelling.SPELLING);
    }

    private Path provideLinux(K6Provisioning provisioning, String version) {
        return provisioning.provide(version, Optional.of(LINUX), "Linux amd64");
    }

    private List<Path> cacheFiles() throws IOException {
        if (!Files.exists(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(cache)) {
            return files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().equals(".lock"))
                    .toList();
        }
    }

    @Test
    void shouldDownloadVerifyAndInstallTheBinaryThatThenRunsAndIsRecorded() throws IOException {
        server.release(VERSION, honestRelease());

        Path k6 = provisioning(false).provide("v" + VERSION);

        K6Release release = new K6Release(VERSION, K6Release.Platform.current().orElseThrow());
        assertThat(k6).isEqualTo(cache.resolve(VERSION).resolve(release.folderName())
                .resolve(release.platform().binaryName()));
        assertThat(k6).hasBinaryContent(standIn);
        assertThat(Files.isExecutable(k6)).isTrue();
        assertThat(cacheFiles()).containsExactly(k6);
        assertThat(log).anySatisfy(line -> assertThat(line)
                .startsWith("Downloading k6 v0.48.0 (" + release.platform().id() + ") from " + server.base()));
        assertThat(log).anySatisfy(line -> assertThat(line).startsWith("Downloaded k6 v0.48.0: "));

        Path script = Files.writeString(work.resolve("shop.js"), "export default function () {}\n");
        K6Options options = K6Options.builder(work.resolve("perf")).executable(k6.toString()).workingDirectory(work)
                .k6Version(VERSION)
                .environment(Map.of(StandInK6.RUN_VARIABLE, "a_pass",
                        "K6_STANDIN_FIXTURES", StandInK6.recording("a_pass").getParent().toString()))
                .build();
        List<String> stdout = new ArrayList<>();
        K6RunResult result = new K6Runner(options, stdout::add, line -> { }).run(script).get(0);

        assertThat(stdout).isEqualTo(StandInK6.recordedLines("a_pass", "stdout.txt"));
        K6RunRecord record = K6RunRecord.read(result.directory().resolve(K6RunRecord.FILE_NAME));
        assertThat(record.k6Version()).isEqualTo(VERSION);
        assertThat(record.command().get(0)).isEqualTo(k6.toString());
    }

    @Test
    void shouldInstallFromTheZipOfWindows() {
        server.release(VERSION, honestRelease());

        Path k6 = provisioning(false).provide(VERSION, Optional.of(new K6Release.Platform("windows", "amd64")),
                "Windows 11 amd64");

        assertThat(k6).isEqualTo(cache.resolve("0.48.0/k6-v0.48.0-windows-amd64/k6.exe")).hasBinaryContent(standIn);
    }

    @Test
    void shouldUseTheCacheWithoutAskingTheNetwork() {
        server.release(VERSION, honestRelease());
        Path first = provideLinux(provisioning(false), VERSION);
        int requests = server.totalRequests();
        server.close();
        log.clear();

        Path again = provideLinux(provisioning(false), VERSION);

        assertThat(again).isEqualTo(first);
        assertThat(server.totalRequests()).isEqualTo(requests);
        assertThat(log).containsExactly("Using k6 v0.48.0 (linux-amd64) from " + first);
    }

    @Test
    void shouldUseTheCacheOffline() {
        server.release(VERSION, honestRelease());
        Path installed = provideLinux(provisioning(false), VERSION);
        int requests = server.totalRequests();

        assertThat(provideLinux(provisioning(true), VERSION)).isEqualTo(installed);
        assertThat(server.totalRequests()).isEqualTo(requests);
    }

    @Test
    void shouldSayWhatIsMissingOffline() throws IOException {
        server.release(VERSION, honestRelease());

        assertThatThrownBy(() -> provideLinux(provisioning(true), VERSION))
                .isInstanceOf(K6RunException.class)
                .hasMessage("k6 v0.48.0 is not in the cache (" + cache.resolve("0.48.0").resolve(ENTRY) + " is missing) "
                        + "and the build runs offline, so it cannot be downloaded from " + server.base() + "/v0.48.0/"
                        + ARCHIVE + ". Run the build once online, or install k6 by hand "
                        + "(https://grafana.com/docs/k6/latest/set-up/install-k6/) and point perf.k6.executable at it.");
        assertThat(server.totalRequests()).isZero();
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void shouldRefuseADownloadWhoseChecksumDiffersAndNameBothSums() throws IOException {
        Map<String, byte[]> release = honestRelease();
        server.release(VERSION, release);
        byte[] tampered = new TestTar().file(ENTRY, "#!/bin/sh\necho tampered\n".getBytes(StandardCharsets.UTF_8)).gzip();
        server.put(VERSION, ARCHIVE, tampered);

        assertThatThrownBy(() -> provideLinux(provisioning(false), VERSION))
                .isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("the download of " + server.base() + "/v0.48.0/" + ARCHIVE + " is corrupt: its "
                        + "SHA-256 is " + ReleaseServer.sha256(tampered) + ", but the release's checksums file "
                        + server.base() + "/v0.48.0/k6-v0.48.0-checksums.txt gives "
                        + ReleaseServer.sha256(release.get(ARCHIVE)) + ". Nothing was installed.");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void shouldNeverUseADownloadThatBrokeOff() throws IOException {
        server.release(VERSION, honestRelease());
        server.truncate(VERSION, ARCHIVE, 100);

        assertThatThrownBy(() -> provideLinux(provisioning(false), VERSION))
                .isInstanceOf(K6RunException.class)
                .hasMessageContaining(server.base() + "/v0.48.0/" + ARCHIVE)
                .hasMessageContaining("Nothing was installed")
                .hasMessageContaining("perf.k6.executable");
        assertThat(cacheFiles()).isEmpty();
    }

    /** A provisioning whose downloads give up after {@code stall} without a byte. */
    private K6Provisioning provisioningWithStallTimeout(Duration stall) {
        return new K6Provisioning(cache, server.base(), false, new HttpK6Downloads(List.of(), stall), log::add,
                MavenLikeSpelling.SPELLING);
    }

    @Test
    void shouldGiveUpADownloadWhoseServerStopsSendingAndSayHowFarItGot() throws IOException {
        server.release(VERSION, honestRelease()).stall(VERSION, ARCHIVE, 1000);
        int length = server.contentLength(VERSION, ARCHIVE);
        assertThat(length).isGreaterThan(1000);
        K6Provisioning provisioning = provisioningWithStallTimeout(Duration.ofMillis(500));

        long started = System.nanoTime();
        Throwable thrown = catchThrowable(() -> assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> provideLinux(provisioning, VERSION)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(thrown).isInstanceOf(K6RunException.class)
                .hasMessage("the download of " + server.base() + "/v0.48.0/" + ARCHIVE + " broke off after 1.0 kB of "
                        + K6Provisioning.megabytes(length) + ": no data arrived for 0.5 s. Nothing was installed; run "
                        + "the build again, or install k6 by hand (https://grafana.com/docs/k6/latest/set-up/install-k6/) "
                        + "and point perf.k6.executable at it.");
        assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofSeconds(10));
        assertThat(cacheFiles()).isEmpty();
        assertThat(server.requests(VERSION, ARCHIVE)).isEqualTo(1);
    }

    @Test
    void shouldGiveUpAChecksumsFileWhoseServerStopsSending() {
        server.release(VERSION, honestRelease()).stall(VERSION, "k6-v0.48.0-checksums.txt", 10);

        Throwable thrown = catchThrowable(() -> assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> provideLinux(provisioningWithStallTimeout(Duration.ofMillis(500)), VERSION)));

        assertThat(thrown).isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("k6 v0.48.0 could not be downloaded: " + server.base()
                        + "/v0.48.0/k6-v0.48.0-checksums.txt stopped sending (no data arrived for 0.5 s). Check the "
                        + "network");
        assertThat(server.requests(VERSION, ARCHIVE)).isZero();
    }

    @Test
    void shouldWaitOutADownloadThatIsSlowButKeepsSending() {
        // eight pieces 150 ms apart: longer in all than the stall timeout, never that long without a byte
        server.release(VERSION, honestRelease()).pace(VERSION, ARCHIVE, Duration.ofMillis(150));
        Duration stall = Duration.ofMillis(600);
        assertThat(server.contentLength(VERSION, ARCHIVE)).isGreaterThan(7 * 256);

        long started = System.nanoTime();
        Path k6 = provideLinux(provisioningWithStallTimeout(stall), VERSION);

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(stall);
        assertThat(k6).hasBinaryContent(standIn);
    }

    @Test
    void shouldRefuseATruncatedArchiveEvenWhenItsChecksumMatches() throws IOException {
        byte[] whole = new TestTar().folder("k6-v0.48.0-linux-amd64/").file(ENTRY, standIn).gzip();
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);
        server.release(VERSION, Map.of(ARCHIVE, truncated));

        assertThatThrownBy(() -> provideLinux(provisioning(false), VERSION))
                .isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("the k6 archive " + server.base() + "/v0.48.0/" + ARCHIVE
                        + " cannot be used: it is damaged: ")
                .hasMessageContaining("Nothing was installed. Install k6 by hand");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void shouldRefuseAnArchiveWithAnEntryThatLeavesItsFolder() throws IOException {
        for (TestTar archive : List.of(
                new TestTar().file("../x", standIn).file(ENTRY, standIn),
                new TestTar().file("k6-v0.48.0-linux-amd64/../../x", standIn).file(ENTRY, standIn),
                new TestTar().file("/tmp/x", standIn).file(ENTRY, standIn),
                new TestTar().paxPath("../../x").file("k6-v0.48.0-linux-amd64/harmless", standIn).file(ENTRY, standIn))) {
            server.release(VERSION, Map.of(ARCHIVE, archive.gzip()));

            assertThatThrownBy(() -> provideLinux(provisioning(false), VERSION))
                    .isInstanceOf(K6RunException.class)
                    .hasMessageStartingWith("the k6 archive " + server.base() + "/v0.48.0/" + ARCHIVE + " cannot be used: "
                            + "its entry '")
                    .hasMessageContaining("Nothing was installed");
        }
        assertThat(cacheFiles()).isEmpty();
        assertThat(work.resolve("x")).doesNotExist();
        assertThat(cache.resolve("x")).doesNotExist();
    }

    @Test
    void shouldRefuseLinks() throws IOException {
        for (TestTar archive : List.of(
                new TestTar().symlink(ENTRY, "/bin/sh"),
                new TestTar().symlink("k6-v0.48.0-linux-amd64/lib", "/etc").file(ENTRY, standIn),
                new TestTar().file("k6-v0.48.0-linux-amd64/other", standIn).hardLink(ENTRY, "k6-v0.48.0-linux-amd64/other"))) {
            server.release(VERSION, Map.of(ARCHIVE, archive.gzip()));

            assertThatThrownBy(() -> provideLinux(provisioning(false), VERSION))
                    .isInstanceOf(K6RunException.class)
                    .hasMessageContaining("cannot be used: its entry 'k6-v0.48.0-linux-amd64/")
                    .hasMessageContaining("Nothing was installed");
        }
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void shouldRefuseAnArchiveWithoutTheBinary() throws IOException {
        server.release(VERSION, Map.of(ARCHIVE, new TestTar().file("k6-v0.48.0-linux-amd64/README.md", standIn).gzip()));

        assertThatThrownBy(() -> provideLinux(provisioning(false), VERSION))
                .isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("the archive " + server.base() + "/v0.48.0/" + ARCHIVE + " holds no " + ENTRY
                        + ", so it is not a k6 release archive. Nothing was installed. Check perf.k6.downloadUrl");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void shouldNameAnUnknownVersion() {
        assertThatThrownBy(() -> provideLinux(provisioning(false), "0.99.0"))
                .isInstanceOf(K6RunException.class)
                .hasMessage("there is no k6 release v0.99.0: " + server.base() + "/v0.99.0/k6-v0.99.0-checksums.txt "
                        + "answered HTTP 404 (not found). Check perf.k6.version against the releases at "
                        + "https://github.com/grafana/k6/releases and perf.k6.downloadUrl (" + server.base() + ").");
    }

    @Test
    void shouldSayWhichBuildsAReleaseHasWhenThisPlatformHasNone() {
        server.release(VERSION, honestRelease());

        assertThatThrownBy(() -> provisioning(false).provide(VERSION,
                Optional.of(new K6Release.Platform("windows", "arm64")), "Windows 11 aarch64"))
                .isInstanceOf(K6RunException.class)
                .hasMessage("k6 v0.48.0 has no build for this platform (windows-arm64): its checksums file "
                        + server.base() + "/v0.48.0/k6-v0.48.0-checksums.txt lists no k6-v0.48.0-windows-arm64.zip; it "
                        + "has builds for linux-amd64, linux-arm64, macos-amd64, macos-arm64, windows-amd64. Install k6 "
                        + "by hand (https://grafana.com/docs/k6/latest/set-up/install-k6/) and point perf.k6.executable "
                        + "at it.");
    }

    @Test
    void shouldSayWhenKSixIsNotBuiltForThisPlatformAtAll() {
        assertThatThrownBy(() -> provisioning(false).provide(VERSION, K6Release.Platform.of("FreeBSD", "riscv64"),
                "FreeBSD riscv64"))
                .isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("k6 is not built for this platform (FreeBSD riscv64): k6 publishes builds for "
                        + "linux, macos and windows on amd64 and arm64, so perf.k6.version cannot be used here. Install k6");
        assertThat(server.totalRequests()).isZero();
    }

    @Test
    void shouldNameTheUrlThatRefusedTheDownload() {
        server.release(VERSION, honestRelease());
        server.status(VERSION, ARCHIVE, 403);

        assertThatThrownBy(() -> provideLinux(provisioning(false), VERSION))
                .isInstanceOf(K6RunException.class)
                .hasMessage("k6 v0.48.0 could not be downloaded: " + server.base() + "/v0.48.0/" + ARCHIVE
                        + " answered HTTP 403. Check the network and the proxies in settings.xml, set "
                        + "perf.k6.downloadUrl to a mirror of k6's releases, or install k6 by hand "
                        + "(https://grafana.com/docs/k6/latest/set-up/install-k6/) and point perf.k6.executable at it.");
    }

    @Test
    void shouldNameTheUrlThatCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        URI base = URI.create("http://127.0.0.1:" + closedPort + "/releases");
        K6Provisioning provisioning = new K6Provisioning(cache, base, false, new HttpK6Downloads(List.of()), log::add,
                MavenLikeSpelling.SPELLING);

        assertThatThrownBy(() -> provideLinux(provisioning, VERSION))
                .isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("k6 v0.48.0 could not be downloaded: " + base
                        + "/v0.48.0/k6-v0.48.0-checksums.txt is unreachable (")
                .hasMessageEndingWith("). Check the network and the proxies in settings.xml, set perf.k6.downloadUrl "
                        + "to a mirror of k6's releases, or install k6 by hand "
                        + "(https://grafana.com/docs/k6/latest/set-up/install-k6/) and point perf.k6.executable at it.");
    }

    @Test
    void shouldDownloadOnceWhenBuildsInstallTheSameVersionAtOnce() throws Exception {
        server.release(VERSION, honestRelease()).delay(Duration.ofMillis(300));
        int builds = 4;
        ExecutorService pool = Executors.newFixedThreadPool(builds);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Path>> installed = new ArrayList<>();
            for (int i = 0; i < builds; i++) {
                // one provisioning per build, as each Maven build makes its own
                K6Provisioning provisioning = provisioning(false);
                installed.add(pool.submit(() -> {
                    start.await();
                    return provideLinux(provisioning, VERSION);
                }));
            }
            start.countDown();
            for (Future<Path> path : installed) {
                assertThat(path.get(60, TimeUnit.SECONDS)).hasBinaryContent(standIn);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(server.requests(VERSION, ARCHIVE)).isEqualTo(1);
        assertThat(server.requests(VERSION, "k6-v0.48.0-checksums.txt")).isEqualTo(1);
        assertThat(cacheFiles()).hasSize(1);
    }

    @Test
    void shouldRejectVersionsThatAreNotVersions() {
        for (String version : List.of("latest", "../../etc", "0.48", "0.48.0/../x")) {
            assertThatThrownBy(() -> provideLinux(provisioning(false), version))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is not a k6 version");
        }
        assertThat(server.totalRequests()).isZero();
    }

    @Test
    void shouldReadTheTarGzThatTarWrites() throws Exception {
        Path tar = Stream.of("/usr/bin/tar", "/bin/tar").map(Path::of).filter(Files::isExecutable).findFirst()
                .orElse(null);
        org.junit.jupiter.api.Assumptions.assumeTrue(tar != null, "no tar on this machine");
        // as k6's build-release.sh packs a Linux build: tar -C dist -zcf dist/<name>.tar.gz <name>
        Path dist = Files.createDirectories(work.resolve("dist"));
        Path folder = Files.createDirectories(dist.resolve("k6-v0.48.0-linux-amd64"));
        Files.write(folder.resolve("k6"), standIn);
        Files.writeString(folder.resolve("LICENSE.md"), "licence text\n");
        Process process = new ProcessBuilder(tar.toString(), "-C", dist.toString(), "-zcf",
                dist.resolve(ARCHIVE).toString(), "k6-v0.48.0-linux-amd64").inheritIO().start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        server.release(VERSION, Map.of(ARCHIVE, Files.readAllBytes(dist.resolve(ARCHIVE))));

        assertThat(provideLinux(provisioning(false), VERSION)).hasBinaryContent(standIn);
    }

    @Test
    void shouldDownloadThroughTheProxyOfTheUrlsProtocolWithItsLogin() {
        server.release(VERSION, honestRelease()).requireProxyLogin("agent", "s3cret");
        // a host that does not exist: only the proxy can answer
        URI base = URI.create("http://k6-releases.invalid/releases");
        List<HttpProxy> proxies = List.of(
                new HttpProxy("https", "127.0.0.1", 9, "", "", ""),
                new HttpProxy("http", "127.0.0.1", server.base().getPort(), "agent", "s3cret", "localhost|*.internal"));
        K6Provisioning provisioning = new K6Provisioning(cache, base, false, new HttpK6Downloads(proxies), log::add,
                MavenLikeSpelling.SPELLING);

        assertThat(provideLinux(provisioning, VERSION)).hasBinaryContent(standIn);
        assertThat(server.proxiedRequests()).isEqualTo(2);
    }

    @Test
    void shouldPickProxiesAsMavenDoes() {
        HttpProxy proxy = new HttpProxy("HTTP", "proxy.corp", 3128, "agent", "s3cret", "localhost|*.corp.example|10.0.*");
        assertThat(proxy.serves("http", "github.com")).isTrue();
        assertThat(proxy.serves("https", "github.com")).isFalse();
        assertThat(proxy.serves("http", "LOCALHOST")).isFalse();
        assertThat(proxy.serves("http", "mirror.corp.example")).isFalse();
        assertThat(proxy.serves("http", "corp.example.org")).isTrue();
        assertThat(proxy.serves("http", "10.0.3.4")).isFalse();
        assertThat(proxy).hasToString("http proxy proxy.corp:3128 (user agent)");
        assertThat(HttpK6Downloads.proxyFor(List.of(new HttpProxy("https", "a", 1, "", "", ""), proxy),
                URI.create("http://github.com/x"))).contains(proxy);
        assertThat(HttpK6Downloads.proxyFor(List.of(proxy), URI.create("http://localhost/x"))).isEmpty();
    }

    @Test
    void shouldWriteSizesAsPeopleReadThem() {
        assertThat(K6Provisioning.megabytes(1_536)).isEqualTo("1.5 kB");
        assertThat(K6Provisioning.megabytes(26_400_000)).isEqualTo("26.4 MB");
    }

    @Test
    void shouldDownloadOnceWhenBuildsInOtherProcessesInstallAtOnce() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> builds = new ArrayList<>();
        List<Path> outputs = new java.util.concurrent.CopyOnWriteArrayList<>();
        // the archive is sent once the other build waits for the lock, so the two surely overlap
        server.release(VERSION, honestRelease()).holdArchivesUntil(() -> outputs.stream().anyMatch(
                output -> read(output).contains("Waiting for another build")), Duration.ofSeconds(30));
        for (int i = 0; i < 2; i++) {
            Path output = work.resolve("build-" + i + ".log");
            outputs.add(output);
            builds.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ProvisionInAnotherProcess.class.getName(), cache.toString(), server.base().toString(), VERSION)
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start());
        }
        for (Process build : builds) {
            if (!build.waitFor(60, TimeUnit.SECONDS)) {
                build.destroyForcibly();
            }
        }

        Path installed = cache.resolve("0.48.0").resolve(ENTRY);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            assertThat(builds.get(i).exitValue()).as(Files.readString(outputs.get(i))).isZero();
            lines.addAll(Files.readAllLines(outputs.get(i)));
        }
        assertThat(lines).filteredOn(line -> line.startsWith("installed ")).containsExactly(
                "installed " + installed, "installed " + installed);
        // one waited for the other's lock, then found its copy
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Waiting for another build that is "
                + "installing k6 v0.48.0 into " + cache.resolve("0.48.0")));
        assertThat(lines).contains("Using k6 v0.48.0 (linux-amd64) from " + installed
                + ", installed by another build meanwhile");
        assertThat(server.requests(VERSION, ARCHIVE)).isEqualTo(1);
        assertThat(installed).hasBinaryContent(standIn);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void shouldRefuseADownloadLargerThanAnArchiveCanBe() throws IOException {
        server.release(VERSION, honestRelease());

        assertThatThrownBy(() -> provideLinux(provisioning(false).limits(100, 1 << 20, 1 << 20), VERSION))
                .isInstanceOf(K6RunException.class)
                .hasMessageStartingWith("the download of " + server.base() + "/v0.48.0/" + ARCHIVE + " is larger "
                        + "than 0.1 kB");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void shouldRefuseABinaryLargerThanTheBound() throws IOException {
        server.release(VERSION, honestRelease());

        assertThatThrownBy(() -> provideLinux(provisioning(false).limits(1 << 20, 100, 1 << 20), VERSION))
                .isInstanceOf(K6RunException.class)
                .hasMessageContaining("cannot be used: its k6 binary is larger than 0.1 kB. Nothing was installed.");
        assertThat(cacheFiles()).isEmpty();
    }

    @Test
    void shouldStopUnpackingAnArchiveThatUnpacksToTooMuch() throws IOException {
        // 4 MB of zeros gzip to a few kB
        server.release(VERSION, Map.of(ARCHIVE, new TestTar().file("k6-v0.48.0-linux-amd64/padding", new byte[4_000_000])
                .file(ENTRY, standIn).gzip()));

        assertThatThrownBy(() -> provideLinux(provisioning(false).limits(1 << 20, 1 << 20, 1 << 20), VERSION))
                .isInstanceOf(K6RunException.class)
                .hasMessageContaining("cannot be used: it is damaged: it unpacks to more than 1.0 MB");
        assertThat(cacheFiles()).isEmpty();
    }
}
