package io.perfgate.summary;

import io.perfgate.run.ResultsFollower;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows a file that grows while it is read, in a process of its own, for {@link FollowMemoryTest}: started
 * with a small heap, it shows what following takes. A writer thread appends the content of one recorded
 * run many times, in pieces of 64 kB cut wherever they fall, while the follower reads; then it prints
 * {@code summarised <summary file>} or {@code not summarised}. An OutOfMemoryError ends it with a stack trace
 * and a non-zero exit. Arguments: the recorded run's NDJSON, the file to write, how many copies.
 */
public final class FollowInAnotherProcess {

    private FollowInAnotherProcess() {
    }

    public static void main(String[] args) throws Exception {
        byte[] run = Files.readAllBytes(Path.of(args[0]));
        Path file = Path.of(args[1]);
        int copies = Integer.parseInt(args[2]);
        AtomicBoolean written = new AtomicBoolean();
        ResultsFollower.Following following = new ResultsFollowing(Set.of(SeriesKey.of("http_req_duration", "name",
                "fast")), System.out::println).start(file, "a growing run", written::get);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.APPEND)) {
            for (int copy = 0; copy < copies; copy++) {
                for (int at = 0; at < run.length; at += 1 << 16) {
                    out.write(run, at, Math.min(1 << 16, run.length - at));
                    out.flush();
                }
                pause();
            }
        }
        written.set(true);
        following.finish();
        Path summary = RunSummaryFile.beside(file);
        System.out.println(Files.exists(summary) ? "summarised " + summary : "not summarised");
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
