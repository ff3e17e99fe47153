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
        return new K6RunRecord(2, "/p/checkout.js", List.of("k6", "run", "/p/checkout.js"), List.of("BASE_URL"),
                exitCode, timedOut, Instant.parse("2025-01-31T10:15:30.123456789Z"), 10234, "run.ndjson",
                "summary.json", RunRole.BASELINE, 3);
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
                {"schema":2,"script":"/p/checkout.js","command":["k6","run","/p/checkout.js"],
                 "environment":["BASE_URL"],"exitCode":99,"timedOut":false,
                 "startedAt":"2025-01-31T10:15:30.123456789Z","durationMillis":10234,
                 "ndjson":"run.ndjson","summaryExport":"summary.json","role":"baseline","round":3}""");
    }

    @Test
    void shouldRecordTheK6VersionWhenKnown() throws IOException {
        Path file = work.resolve("k6-run.json");
        K6RunRecord written = new K6RunRecord(2, "/p/checkout.js", List.of("/cache/0.48.0/k6", "run"), List.of(), 0,
                false, Instant.parse("2025-01-31T10:15:30Z"), 10, "run.ndjson", "summary.json", RunRole.CANDIDATE, 1,
                "0.48.0");

        written.write(file);

        assertThat(Files.readString(file)).contains("\"k6Version\" : \"0.48.0\"");
        assertThat(K6RunRecord.read(file)).isEqualTo(written);
    }

    @Test
    void shouldReadRecordsWithoutAVersionAsNotKnowingIt() throws IOException {
        Path file = work.resolve("k6-run.json");
        record(0, false).write(file);

        assertThat(Files.readString(file)).doesNotContain("k6Version");
        assertThat(K6RunRecord.read(file).k6Version()).isEmpty();
    }

    @Test
    void shouldReadARecordOfSchemaOneAsTheOnlyCandidateRun() throws IOException {
        Path file = Files.writeString(work.resolve("k6-run.json"), """
                {"schema":1,"script":"/p/checkout.js","command":["k6","run","/p/checkout.js"],
                 "environment":["BASE_URL"],"exitCode":0,"timedOut":false,
                 "startedAt":"2025-01-31T10:15:30Z","durationMillis":10234,
                 "ndjson":"run.ndjson","summaryExport":"summary.json"}""");

        K6RunRecord record = K6RunRecord.read(file);

        assertThat(record.schema()).isEqualTo(1);
        assertThat(record.role()).isEqualTo(RunRole.CANDIDATE);
        assertThat(record.round()).isEqualTo(1);
        assertThat(record.k6Version()).isEmpty();
        assertThat(record.outcome()).isEqualTo(K6Outcome.PASSED);
    }

    @Test
    void shouldNameARoleItDoesNotKnow() throws IOException {
        Path file = work.resolve("k6-run.json");
        Files.writeString(file, Files.readString(written()).replace("\"candidate\"", "\"control\""));

        assertThatThrownBy(() -> K6RunRecord.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": field 'role' must be candidate or baseline, was 'control'");
    }

    @Test
    void shouldRefuseARoundBelowOne() throws IOException {
        Path file = work.resolve("k6-run.json");
        Files.writeString(file, Files.readString(written()).replace("\"round\" : 1", "\"round\" : 0"));

        assertThatThrownBy(() -> K6RunRecord.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": field 'round' must be 1 or more, was 0");
    }

    @Test
    void shouldRequireTheRoleFromSchemaTwoOn() throws IOException {
        Path file = work.resolve("k6-run.json");
        Files.writeString(file, Files.readString(written()).replace("\"role\"", "\"part\""));

        assertThatThrownBy(() -> K6RunRecord.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": field 'role' is missing");
    }

    @Test
    void shouldTakeTheOnlyRunForACandidateOfRoundOne() {
        K6RunRecord only = new K6RunRecord(K6RunRecord.SCHEMA_VERSION, "/p/checkout.js", List.of(), List.of(), 0, false,
                Instant.EPOCH, 1, "run.ndjson", "summary.json");

        assertThat(only.role()).isEqualTo(RunRole.CANDIDATE);
        assertThat(only.round()).isEqualTo(1);
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
        Files.writeString(file, Files.readString(written()).replace("\"schema\" : 2", "\"schema\" : 3"));

        assertThatThrownBy(() -> K6RunRecord.read(file))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + ": field 'schema' is 3, but this version reads only k6 run records of schema 1 "
                        + "and 2");
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
    void shouldRefuseBytesThatAreNotUtf8Text() throws IOException {
        // Starting with NUL bytes, the JSON parser takes the text for UTF-32 and finds no character there.
        Path file = Files.write(work.resolve("k6-run.json"),
                new byte[] {0x0b, 0, 0, 0, 0, 0, 0, 0, '"', ':', '1', ',', '"', 't', '{', '\n'});

        assertThatThrownBy(() -> K6RunRecord.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": not UTF-8 text, as perfgate writes it");
    }

    @Test
    void shouldSayWhenThereIsNoRecord() {
        assertThatThrownBy(() -> K6RunRecord.read(work.resolve("missing.json")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("does not exist");
    }

    /** A written record of the only candidate run (round 1). */
    private Path written() {
        Path file = work.resolve("original.json");
        new K6RunRecord(K6RunRecord.SCHEMA_VERSION, "/p/checkout.js", List.of("k6", "run"), List.of(), 0, false,
                Instant.EPOCH, 1, "run.ndjson", "summary.json").write(file);
        return file;
    }
}
