package io.perfgate.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrowingFileTest {

    private static final Duration PAUSE = Duration.ofMillis(5);

    @TempDir
    Path dir;

    private final AtomicBoolean writerGone = new AtomicBoolean();

    private static void append(Path file, String text) throws IOException {
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void shouldReadWhatIsWrittenAsItIsWrittenUntilTheWriterIsGone() throws Exception {
        Path file = dir.resolve("run.ndjson");
        AtomicLong readBeforeTheEnd = new AtomicLong();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int piece = 0; piece < 20; piece++) {
                    append(file, "{\"piece\":" + piece + ",\"cut\":\"in the mid");
                    sleep(20);
                    append(file, "dle\"}\n");
                    sleep(20);
                }
                sleep(100); // time for the reader to reach the end before the writer is said to be gone
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            writerGone.set(true);
        });
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (GrowingFile in = new GrowingFile(file, writerGone::get, PAUSE)) {
            byte[] buffer = new byte[1 << 16];
            for (int count; (count = in.read(buffer, 0, buffer.length)) >= 0; ) {
                read.write(buffer, 0, count);
                if (!writerGone.get()) {
                    readBeforeTheEnd.set(read.size());
                }
            }
            assertThat(in.position()).isEqualTo(Files.size(file));
        }
        writer.get(10, TimeUnit.SECONDS);

        assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo(Files.readString(file));
        assertThat(readBeforeTheEnd.get()).as("bytes read while the file was written").isGreaterThan(read.size() / 2);
    }

    @Test
    void shouldWaitForTheFileToAppearAndEndEmptyWhenItNeverDoes() throws IOException {
        Path file = dir.resolve("run.ndjson");
        CompletableFuture.runAsync(() -> {
            sleep(50);
            try {
                append(file, "late\n");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            writerGone.set(true);
        });
        try (GrowingFile in = new GrowingFile(file, writerGone::get, PAUSE)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("late\n");
        }

        try (GrowingFile never = new GrowingFile(dir.resolve("never.ndjson"), () -> true, PAUSE)) {
            assertThat(never.read()).isEqualTo(-1);
            assertThat(never.opened()).isFalse();
        }
    }

    @Test
    void shouldRefuseAFileCutShorterThanWhatWasRead() throws IOException {
        Path file = Files.writeString(dir.resolve("run.ndjson"), "0123456789\n");
        try (GrowingFile in = new GrowingFile(file, writerGone::get, PAUSE)) {
            assertThat(in.readNBytes(11)).hasSize(11);
            Files.writeString(file, "01234\n");

            assertThatThrownBy(in::read).isInstanceOf(GrowingFile.NotFollowedException.class)
                    .hasMessage("it was cut from 11 to 6 bytes while it was read (truncated)");
        }
    }

    @Test
    void shouldRefuseAFileReplacedByAnotherAtItsPath() throws IOException {
        Path file = Files.writeString(dir.resolve("run.ndjson"), "first file\n");
        try (GrowingFile in = new GrowingFile(file, writerGone::get, PAUSE)) {
            assertThat(in.readNBytes(11)).hasSize(11);
            Files.move(file, dir.resolve("run.ndjson.1"));
            Files.writeString(file, "second file, longer\n");

            assertThatThrownBy(in::read).isInstanceOf(GrowingFile.NotFollowedException.class)
                    .hasMessage("another file took its place while it was read (rotated)");
        }
        try (GrowingFile in = new GrowingFile(file, writerGone::get, PAUSE)) {
            assertThat(in.readNBytes(20)).hasSize(20);
            Files.delete(file);
            writerGone.set(true);

            assertThatThrownBy(in::read).isInstanceOf(GrowingFile.NotFollowedException.class)
                    .hasMessage("it was deleted or moved away while it was read");
        }
    }

    @Test
    void shouldRefuseAGzippedFile() throws IOException {
        Path file = Files.write(dir.resolve("run.ndjson"), new byte[] {0x1f, (byte) 0x8b, 8, 0});
        try (GrowingFile in = new GrowingFile(file, writerGone::get, PAUSE)) {
            assertThatThrownBy(in::read).isInstanceOf(GrowingFile.NotFollowedException.class)
                    .hasMessage("it is gzipped, and a gzip stream cannot be read before it is complete");
        }
    }

    @Test
    void shouldStopAtOnceWhenCancelled() throws Exception {
        Path file = Files.writeString(dir.resolve("run.ndjson"), "x\n");
        try (GrowingFile in = new GrowingFile(file, writerGone::get, PAUSE)) {
            in.readNBytes(2);
            CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return in.read();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            sleep(50);
            in.cancel();

            assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class)
                    .hasRootCauseInstanceOf(InterruptedIOException.class);
        }
    }
}
