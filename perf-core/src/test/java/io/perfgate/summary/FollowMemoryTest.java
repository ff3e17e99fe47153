package io.perfgate.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.stats.SeriesKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FollowMemoryTest {

    @TempDir
    Path dir;

    /**
     * 48 copies of a recorded run (some 160 MB) followed as they are written, in a JVM of 96 MB heap, most of
     * which the collector of this run takes (as it does when the file is read whole): following holds no
     * more of the file than the reader's buffer, so it cannot run out of memory where holding the file would.
     */
    @Test
    void shouldFollowAFileMuchLargerThanTheHeapInConstantMemory() throws Exception {
        Path run = Recordings.ndjson("a_pass", dir.resolve("a_pass.ndjson"));
        Path file = dir.resolve("perf/checkout/run.ndjson");
        Files.createDirectories(file.getParent());
        Path output = dir.resolve("output.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process follower = new ProcessBuilder(java, "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                FollowInAnotherProcess.class.getName(), run.toString(), file.toString(), "48")
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!follower.waitFor(300, TimeUnit.SECONDS)) {
            follower.destroyForcibly();
        }

        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(follower.exitValue()).as(printed).isZero();
        assertThat(Files.size(file)).isGreaterThan(150L << 20);
        assertThat(printed).contains("read the results of a growing run while k6 wrote them (" + 48 * 13745
                + " samples)").contains("summarised " + RunSummaryFile.beside(file));
        RunSummary summary = RunSummaryFile.read(RunSummaryFile.beside(file));
        assertThat(summary.resultsBytes()).isEqualTo(Files.size(file));
        assertThat(summary.tracked()).containsExactly(SeriesKey.of("http_req_duration", "name", "fast"));
        assertThat(Set.of(summary.collected().samples())).containsExactly(48L * 13745);
    }
}
