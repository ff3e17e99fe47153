package io.perfgate.report;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perfgate.diag.ReaderContract;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

/**
 * perf-report.json as the Jenkins plugin's publish mode reads it back from a workspace: a report or a
 * {@link io.perfgate.diag.BadInputException} naming the file, never another exception or a hang.
 */
class JsonReportReaderFuzzTest {

    private static final String NAME = "target/perf/perf-report.json";

    @FuzzTest
    void report(byte[] content) throws Exception {
        String text = new String(content, StandardCharsets.UTF_8);
        ReaderContract.resultOrBadInput(NAME, content, () -> JsonReportReader.read(new StringReader(text), NAME));
    }
}
