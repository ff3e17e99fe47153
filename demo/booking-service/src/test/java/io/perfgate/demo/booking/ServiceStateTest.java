package io.perfgate.demo.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceStateTest {

    @TempDir
    Path folder;

    @Test
    void shouldReadBackWhatItWrote() {
        Path file = folder.resolve("state/booking-service.properties");
        ServiceState state = ServiceState.ready(4242, "http://127.0.0.1:18080", "token-1");

        state.write(file);

        assertThat(ServiceState.read(file)).contains(state);
    }

    @Test
    void shouldBeReadableByItsOwnerOnly() throws IOException {
        Path file = folder.resolve("booking-service.properties");

        ServiceState.ready(4242, "http://127.0.0.1:18080", "token-1").write(file);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void shouldBeEmptyWhenThereIsNoFile() {
        assertThat(ServiceState.read(folder.resolve("none.properties"))).isEmpty();
    }

    @Test
    void shouldNameTheFileThatIsNoStateFile() throws IOException {
        Path file = folder.resolve("other.properties");
        Files.writeString(file, "pid=abc\nstatus=ready\n");

        assertThatThrownBy(() -> ServiceState.read(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(file + " is not a booking service state file: it needs a numeric pid and a status of"
                        + " starting or ready");
    }

    @Test
    void shouldDeleteOnlyTheStateOfTheSameProcess() {
        Path file = folder.resolve("booking-service.properties");
        ServiceState.starting(4242, "").write(file);

        ServiceState.delete(file, 4343);
        assertThat(file).exists();

        ServiceState.delete(file, 4242);
        assertThat(file).doesNotExist();
    }

    @Test
    void shouldNotPrintTheStopToken() {
        assertThat(ServiceState.ready(1, "http://127.0.0.1:1", "secret-token").toString())
                .doesNotContain("secret-token");
    }

    @Test
    void shouldIgnoreTheStateOfAnotherAddressWhenStopping() throws InterruptedException {
        Path file = folder.resolve("booking-service.properties");
        ServiceState.ready(ProcessHandle.current().pid(), "http://127.0.0.1:1", "token").write(file);
        List<String> printed = new ArrayList<>();

        new ServiceControl(file, URI.create("http://127.0.0.1:2"), folder.resolve("log"), printed::add)
                .stop(Duration.ofSeconds(1));

        assertThat(printed).containsExactly("booking-service: nothing to stop at http://127.0.0.1:2 (it stopped by"
                + " itself; see " + folder.resolve("log") + ")");
        assertThat(file).exists();
    }
}
