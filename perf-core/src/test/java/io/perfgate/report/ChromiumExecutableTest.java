package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Which Chromium the browser tests use, and what happens without one: a failure on CI, a skip elsewhere. */
class ChromiumExecutableTest {

    @TempDir
    Path folder;

    @Test
    void shouldTakeTheBrowserThePropertyNamesOverEverythingElse() throws IOException {
        Path named = program(folder.resolve("named"), "my-chromium");
        Path onPath = program(folder.resolve("bin"), "chromium");

        assertThat(ChromiumExecutable.find(named.toString(), Map.of("PERF_CHROMIUM", onPath.toString(),
                "PATH", onPath.getParent().toString()))).contains(named);
    }

    @Test
    void shouldTakeTheBrowserTheEnvironmentNamesOverThePath() throws IOException {
        Path named = program(folder.resolve("named"), "chrome-for-testing");
        Path onPath = program(folder.resolve("bin"), "chromium");

        assertThat(ChromiumExecutable.find(" ", Map.of("PERF_CHROMIUM", named.toString(),
                "PATH", onPath.getParent().toString()))).contains(named);
    }

    @Test
    void shouldLookForEachNameOnThePathSkippingFilesThatCannotRun() throws IOException {
        Path notRunnable = Files.createDirectories(folder.resolve("first")).resolve("chromium");
        Files.writeString(notRunnable, "not a program");
        Path browser = program(folder.resolve("second"), "chromium-browser");
        String path = String.join(File.pathSeparator, folder.resolve("missing").toString(), "",
                notRunnable.getParent().toString(), browser.getParent().toString());

        assertThat(ChromiumExecutable.find(null, Map.of("PATH", path))).contains(browser);
        assertThat(ChromiumExecutable.find(null, Map.of("PATH", notRunnable.getParent().toString()))).isEmpty();
        assertThat(ChromiumExecutable.find(null, Map.of())).isEmpty();
    }

    @Test
    void shouldFailWhenTheNamedBrowserCannotRun() {
        Path missing = folder.resolve("no-such-chromium");

        assertThatThrownBy(() -> ChromiumExecutable.find(missing.toString(), Map.of()))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("perf.chromium / PERF_CHROMIUM names " + missing + ", which is not an executable file");
    }

    @Test
    void shouldFailOnCiWithoutABrowser() {
        Map<String, String> ci = Map.of("CI", "true", "PATH", folder.toString());

        assertThatThrownBy(() -> ChromiumExecutable.require(null, ci))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage(ChromiumExecutable.MISSING)
                .hasMessageContaining("install the package `chromium` (apt-get install chromium)");
    }

    @Test
    void shouldSkipElsewhereWithoutABrowser() {
        Map<String, String> desk = Map.of("CI", "false", "PATH", folder.toString());

        assertThatThrownBy(() -> ChromiumExecutable.require(null, desk))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining(ChromiumExecutable.MISSING);
        assertThatThrownBy(() -> ChromiumExecutable.require(null, Map.of()))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void shouldReturnTheBrowserWhereThereIsOne() throws IOException {
        Path browser = program(folder.resolve("bin"), "google-chrome");

        assertThat(ChromiumExecutable.require(null, Map.of("CI", "true", "PATH", browser.getParent().toString())))
                .isEqualTo(browser);
    }

    private static Path program(Path directory, String name) throws IOException {
        Path file = Files.createDirectories(directory).resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
