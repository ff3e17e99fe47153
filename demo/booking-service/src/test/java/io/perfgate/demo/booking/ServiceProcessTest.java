package io.perfgate.demo.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as the Maven build runs it: its own JVM, started in the background, awaited and stopped
 * with {@link ServiceControl}. Whatever happens, nothing it started may be left running.
 */
class ServiceProcessTest {

    @TempDir
    Path folder;

    private final List<String> printed = new ArrayList<>();
    private Process process;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldBeAwaitedAndStoppedWithPostgreSqlAsTheBuildDoes() throws Exception {
        int httpPort = freePort();
        int databasePort = freePort();
        ServiceControl control = control(httpPort);
        process = launch(httpPort, databasePort, "-Ddemo.idleTimeout=5m", "-Ddemo.warmUpRounds=5");

        control.awaitReady(ServiceControl.READY_TIMEOUT);
        Http.Answer health = new Http(url(httpPort)).get("/health");
        control.stop(ServiceControl.STOP_TIMEOUT);

        assertThat(health.status()).isEqualTo(200);
        assertThat(printed).containsExactly(
                "booking-service: ready at " + url(httpPort) + " (process " + process.pid() + ", log " + log() + ")",
                "booking-service: stop requested (HTTP 202)",
                "booking-service: stopped, PostgreSQL with it (log " + log() + ")");
        assertThat(process.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(log())).contains("booking-service: stopping, as a stop request came");
        assertThat(stateFile()).doesNotExist();
        assertThat(listening(databasePort)).as("PostgreSQL still listens").isFalse();
    }

    @Test
    void shouldStopByItselfWhenNoRequestComes() throws Exception {
        int httpPort = freePort();
        int databasePort = freePort();
        process = launch(httpPort, databasePort, "-Ddemo.idleTimeout=2s", "-Ddemo.warmUpRounds=0");

        // no awaitReady: on a slow machine the 2 s may pass before a poll sees the service ready; the log tells
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped by itself").isTrue();

        assertThat(process.exitValue()).isZero();
        assertThat(Files.readString(log())).contains("booking-service: ready at " + url(httpPort))
                .contains("booking-service: stopping, as no request came for 2 s (demo.idleTimeout)");
        assertThat(listening(databasePort)).as("PostgreSQL still listens").isFalse();
        control(httpPort).stop(ServiceControl.STOP_TIMEOUT);
        assertThat(printed).last().isEqualTo("booking-service: nothing to stop at " + url(httpPort)
                + " (it stopped by itself; see " + log() + ")");
    }

    @Test
    void shouldStopWhenTheProcessThatStartedItIsKilled() throws Exception {
        int httpPort = freePort();
        int databasePort = freePort();
        // a shell stands in for the Maven build: it starts the service in the background and waits
        List<String> command = new ArrayList<>(List.of("sh", "-c", "\"$@\" & wait", "sh"));
        command.addAll(serviceCommand(httpPort, databasePort, "-Ddemo.idleTimeout=5m", "-Ddemo.warmUpRounds=0"));
        Process build = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            control(httpPort).awaitReady(ServiceControl.READY_TIMEOUT);
            ProcessHandle service = ProcessHandle.of(ServiceState.read(stateFile()).orElseThrow().pid()).orElseThrow();
            assertThat(service.parent().map(ProcessHandle::pid)).contains(build.pid());

            build.destroyForcibly();

            service.onExit().get(60, TimeUnit.SECONDS);
            assertThat(Files.readString(log())).contains("booking-service: stopping, as the process that started the"
                    + " service (process " + build.pid() + ") ended");
            assertThat(listening(databasePort)).as("PostgreSQL still listens").isFalse();
        } finally {
            build.destroyForcibly();
        }
    }

    @Test
    void shouldSayWhyTheServiceEndedBeforeItWasReady() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int httpPort = taken.getLocalPort();
            process = launch(httpPort, freePort(), "-Ddemo.idleTimeout=5m", "-Ddemo.warmUpRounds=0");

            assertThatThrownBy(() -> control(httpPort).awaitReady(ServiceControl.READY_TIMEOUT))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("the booking service (process " + process.pid()
                            + ") ended before it was ready; the end of its log " + log() + ":")
                    .hasMessageContaining("booking-service: the booking service could not start: the API cannot"
                            + " listen on 127.0.0.1:" + httpPort);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
    }

    @Test
    void shouldRefuseABadSettingBeforeStartingAnything() throws Exception {
        process = launch(freePort(), freePort(), "-Ddemo.slowdown=fast");

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log())).contains("booking-service: demo.slowdown must be a number such as 1.5,"
                + " not 'fast'");
    }

    private Process launch(int httpPort, int databasePort, String... extra) throws IOException {
        // as exec-maven-plugin's pipe, which is gone when the build is: the service writes its log itself
        return new ProcessBuilder(serviceCommand(httpPort, databasePort, extra)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private List<String> serviceCommand(int httpPort, int databasePort, String... extra) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Ddemo.http.port=" + httpPort, "-Ddemo.db.port=" + databasePort,
                "-Ddemo.stateFile=" + stateFile(), "-Ddemo.logFile=" + log()));
        command.addAll(List.of(extra));
        command.addAll(List.of("-classpath", System.getProperty("java.class.path"), BookingService.class.getName()));
        return command;
    }

    private ServiceControl control(int httpPort) {
        return new ServiceControl(stateFile(), url(httpPort), log(), printed::add);
    }

    private Path stateFile() {
        return folder.resolve("booking-service.properties");
    }

    private Path log() {
        return folder.resolve("booking-service.log");
    }

    private static URI url(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static boolean listening(int port) {
        try {
            new Socket(InetAddress.getLoopbackAddress(), port).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
