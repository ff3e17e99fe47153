package io.perfgate.history;

import io.perfgate.diag.Diagnostics;
import io.perfgate.model.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A build of its own: records runs into a file store from a separate JVM, so the test can have two
 * processes write at once. Arguments: store root, go file, first run number, how many runs, a second
 * offset for the start time (so the same run id gets a different file name in each process). Prints
 * {@code ready} and waits for the go file, then prints {@code stored N already M}.
 */
public final class FileStoreWriter {

    private FileStoreWriter() {
    }

    public static void main(String[] args) throws Exception {
        FileHistoryStore store = new FileHistoryStore(Path.of(args[0]), new Diagnostics());
        Path go = Path.of(args[1]);
        int first = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        int offset = Integer.parseInt(args[4]);
        System.out.println("ready");
        System.out.flush();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(go)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no go file " + go);
            }
            Thread.sleep(2);
        }
        int stored = 0;
        int already = 0;
        for (int id = first; id < first + count; id++) {
            RunRecord run = Runs.builder("shop", "main", "run-" + id, id, Verdict.PASS)
                    .startedAt(Runs.T0.plusSeconds(60L * id + offset)).build();
            if (store.record(run) == RecordOutcome.STORED) {
                stored++;
            } else {
                already++;
            }
        }
        System.out.println("stored " + stored + " already " + already);
    }
}
