package io.perfgate.database;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perfgate.diag.ReaderContract;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pg_stat_statements snapshot files perf:db-before and perf:db-after leave for perf:check: a snapshot
 * or a {@link io.perfgate.diag.BadInputException} naming the file, never another exception or a hang.
 */
class SnapshotFileFuzzTest {

    @FuzzTest
    void snapshotFile(byte[] content) throws Exception {
        Path folder = Files.createTempDirectory("perfgate-fuzz");
        Path file = folder.resolve("before.json");
        try {
            Files.write(file, content);
            ReaderContract.resultOrBadInput(file.toString(), content, () -> SnapshotFile.read(file));
        } finally {
            Files.deleteIfExists(file);
            Files.delete(folder);
        }
    }
}
