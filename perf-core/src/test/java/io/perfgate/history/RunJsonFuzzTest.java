package io.perfgate.history;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perfgate.diag.ReaderContract;

/**
 * Run records of the history and the spool, as a damaged or foreign file may hold them: a record or a
 * {@link io.perfgate.diag.BadInputException} naming the file, never another exception or a hang. A
 * record that reads must write and read back to the same record.
 */
class RunJsonFuzzTest {

    private static final String NAME = "history/main/run.json";

    @FuzzTest
    void runRecord(byte[] content) throws Exception {
        ReaderContract.resultOrBadInput(NAME, content, () -> {
            RunRecord run = RunJson.read(content, NAME);
            RunRecord again = RunJson.read(RunJson.write(run), NAME);
            if (!again.equals(run)) {
                throw new AssertionError("a record does not survive writing and reading back:\n" + run + "\n" + again);
            }
        });
    }
}
