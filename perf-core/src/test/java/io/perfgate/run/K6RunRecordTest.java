package io.perfgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class K6RunRecordTest {

    @TempDir
    Path work;

    private static K6RunRecord record(int exitCode, boolean timedOut) {
        return new K6RunRecord(1, "/p/checkout.js", List.of("k6", "run", "/p/checkout.js"), List.of("BASE_URL"),
                exitCode, timedOut, Instant.parse("2025-01-31T10:15:30.123456789Z"), 10234, "run.ndjson",
                "summary.json");
    }

    @Test
    void shouldReadBackWhatItWrote() {
        Path file = work.resolve("k6-run.json");
        K6RunRecord written = record(99, false);

        written.write(file);

        assertThat(K6RunRecord.read(file)).isEqualTo(written);
    }

    @Test
    void shouldWriteTheDocumentedLayout() throws IOException {
        Path file = work.resolve("k6-run.json");

        record(99, false).write(file);

        assertThat(Files.readString(file)).isEqualToIgnoringWhitespace("""
                {"schema":1,"script":"/p/checkout.js","command":["k6","run","/p/checkout.js"],
                 "environment":["BASE_URL"],"exitCode":99,"timedOut":false,
                 "startedAt":"2025-01-31T10:15:30.123456789Z","durationMillis":10234,
                 "ndjson":"run.ndjson","summaryExport":"summary.json"}""");
    }

    @ParameterizedTest
    @CsvSource({"0, false, PASSED", "99, false, THRESHOLDS_CROSSED", "107, false, FAILED", "143, true, TIMED_OUT",
        "0, true, TIMED_OUT", "1, false, FAILED"})
    void shouldTellHowTheRunEnded(int exitCode, boolean timedOut, K6Outcome outcome) {
        assertThat(record(exitCode, timedOut).outcome()).isEqualTo(outcome);
        assertThat(outcome.isError()).isEqualTo(outcome == K6Outcome.TIMED_OUT || outcome == K6Outcome.FAILED);
    }

    @Test
    void shouldRefuseAnotherSchemaVersion() throws IOException {
        Path file = work.resolve("k6-run.json");
        Files.writeString(file, Files.readString(written()).replace("\"schema\" : 1", "\"schema\" : 2"));

        assertThatThrownBy(() -> K6RunRecord.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": field 'schema' is 2, but this version reads only k6 run records of schema 1");
    }

    @Test
    void shouldNameTheMissingField() throws IOException {
        Path file = work.resolve("k6-run.json");
        Files.writeString(file, Files.readString(written()).replace("\"exitCode\"", "\"exit\""));

        assertThatThrownBy(() -> K6RunRecord.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": field 'exitCode' is missing");
    }

    @Test
    void shouldNameAFieldOfTheWrongType() throws IOException {
        Path file = work.resolve("k6-run.json");
        Files.writeString(file, Files.readString(written()).replace("\"timedOut\" : false", "\"timedOut\" : \"no\""));

        assertThatThrownBy(() -> K6RunRecord.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": field 'timedOut' must be true or false, was \"no\"");
    }

    @Test
    void shouldPointAtBrokenJson() throws IOException {
        Path file = Files.writeString(work.resolve("k6-run.json"), "{\n  \"schema\": 1,\n  \"script\" \"x\"\n}\n");

        assertThatThrownBy(() -> K6RunRecord.read(file))
                .isInstanceOf(BadInputException.class)
                .satisfies(e -> assertThat(((BadInputException) e).location())
                        .isEqualTo(new SourceLocation(file.toString(), 3, 12)))
                .hasMessageStartingWith(file + " line 3, column 12: not valid JSON");
    }

    @Test
    void shouldSayWhenThereIsNoRecord() {
        assertThatThrownBy(() -> K6RunRecord.read(work.resolve("missing.json")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("does not exist");
    }

    private Path written() {
        Path file = work.resolve("original.json");
        record(0, false).write(file);
        return file;
    }
}
