package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.budget.BudgetParser;
import io.perfgate.database.SnapshotFile;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.report.JsonReportReader;
import io.perfgate.run.K6RunRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every user file read with Jackson (results, summaries, run records, budgets, reports, database
 * snapshots) reports a malformed text at our file, line and column, in our words: never with Jackson's
 * "[Source: REDACTED ...; line: 1, column: 5]".
 */
class ParserMessagesTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertOwnWords(ThrowingCallable reading, Path file) {
        return assertThatThrownBy(reading).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line ")
                .hasMessageNotContaining("Source").hasMessageNotContaining("REDACTED")
                .hasMessageNotContaining("StreamReadFeature").hasMessageNotContaining("(code ");
    }

    @Test
    void shouldCountTheLinesOfK6NdjsonBeforeALineCutInTheMiddle() throws IOException {
        Path file = write("run.ndjson", """
                {"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default"},"metric":"http_reqs"}
                {"metric":"http_reqs","type":"Point","data":{"time":"2026-11-23T10:19:34Z","value":1,"tags":{}}}
                {"metric":"http_reqs","type":"Point","data":{"time":"2026-11-23T10:19:35Z","value":1,"tags":{}
                {"metric":"http_reqs","type":"Point","data":{"time":"2026-11-23T10:19:36Z","value":1,"tags":{}}}
                """);

        assertOwnWords(() -> ResultIngest.read(List.of(file), Set.of(), new Diagnostics()), file)
                .hasMessageStartingWith(file + " line 3, column ")
                .hasMessageEndingWith(": is not valid JSON: the text ends before the object that opens at line 3,"
                        + " column 45 is closed");
    }

    @Test
    void shouldSayWhatIsWrongWithASummaryInOurWords() throws IOException {
        Path file = write("summary.json", """
                {
                  "metrics": {
                    "http_reqs": {"count": 1, "rate": 2,}
                  }
                }
                """);

        assertOwnWords(() -> ResultIngest.read(List.of(file), Set.of(), new Diagnostics()), file)
                .hasMessageContaining("line 3, column ")
                .hasMessageContaining("Unexpected character '}'");
    }

    @Test
    void shouldSayWhereACutRunRecordEnds() throws IOException {
        Path file = write(K6RunRecord.FILE_NAME, "{\n  \"schema\": 2,\n  \"command\": [\"k6\", \"run\"");

        assertOwnWords(() -> K6RunRecord.read(file), file)
                .hasMessageContaining("the text ends before the list that opens at line 3, column 14 is closed");
    }

    @Test
    void shouldSayWhatIsWrongWithABudgetInJson() throws IOException {
        Path file = write("perf-budget.json", "{\"thresholds\": {\"http_req_duration\": [\"p(95)<500\"]");

        assertOwnWords(() -> BudgetParser.parse(file), file)
                .hasMessageContaining("the text ends before the object that opens at line 1, column 16 is closed");
    }

    @Test
    void shouldSayWhatIsWrongWithAReportOrASnapshot() throws IOException {
        Path report = write("perf-report.json", "{\"schema\": 1, \"lines\": [{\"verdict\": \"pass\"");
        assertOwnWords(() -> JsonReportReader.read(report), report).hasMessageContaining("the text ends before");

        Path snapshot = write("before.json", "{\"format\": 1, \"statements\": [tru]}");
        assertOwnWords(() -> SnapshotFile.read(snapshot), snapshot).hasMessageContaining("Unrecognized token 'tru'");
    }
}
