package io.perfgate.database;

import static io.perfgate.database.Statements.T0;
import static io.perfgate.database.Statements.snapshot;
import static io.perfgate.database.Statements.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFileTest {

    @TempDir
    Path folder;

    @Test
    void shouldReadBackWhatItWrote() {
        StatementStatistics withEverything = new StatementStatistics(new StatementKey(10, 16384, -6042117651212845045L,
                false), "shop", "SELECT \"naïve\" FROM t WHERE note = $1 -- \u2028 </script>\n", 120, 35.25, 0.29375,
                1.7, 120, 480, 3, Optional.of(T0.minusNanos(1000)));
        StatementSnapshot written = snapshot(T0, withEverything, statement(2, "SELECT 1", 0, 0, 0));
        Path file = folder.resolve("db/before.json");

        SnapshotFile.write(file, written);

        assertThat(SnapshotFile.read(file)).isEqualTo(written);
        assertThat(folder.resolve("db").toFile().list()).as("no temporary file left").containsExactly("before.json");
    }

    @Test
    void shouldReadBackASnapshotOfAnOldVersionWithoutTheNewerFields() {
        StatementSnapshot written = new StatementSnapshot(T0, Statements.DATABASE, "12.18", 120018, "1.7",
                Optional.empty(), OptionalLong.empty(), List.of(statement(1, "SELECT 1", 3, 0.5, 3)));
        Path file = folder.resolve("old.json");

        SnapshotFile.write(file, written);

        assertThat(SnapshotFile.read(file)).isEqualTo(written);
    }

    @Test
    void shouldKeepThePlansTakenAfterTheLoadAndWhatTheyMiss() throws IOException {
        String explained = "[{\"Plan\": {\"Node Type\": \"Index Scan\", \"Relation Name\": \"bookings\","
                + " \"Index Name\": \"bookings_pkey\"}}]";
        StatementSnapshot written = snapshot(T0, statement(5, "SELECT * FROM bookings WHERE id = $1", 2, 1.5, 2))
                .withPlans(new StatementPlans(Map.of(new StatementKey(10, 16384, 5, true), PlanShapes.of(explained)),
                        Optional.of("1 of 2 statements could not be planned, e.g. \"SELECT x\": no column x")));
        Path file = folder.resolve("after.json");

        SnapshotFile.write(file, written);

        assertThat(SnapshotFile.read(file)).isEqualTo(written);
        assertThat(Files.readString(file)).contains("\"plan\" : \"[{\\\"Plan\\\": {\\\"Node Type\\\"");
        Path broken = folder.resolve("broken.json");
        Files.writeString(broken, Files.readString(file).replace("\\\"Node Type\\\"", "\\\"Kind\\\""));
        assertThatThrownBy(() -> SnapshotFile.read(broken)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("broken.json line ").hasMessageContaining("plan of statement 5: the plan is not an"
                        + " EXPLAIN (FORMAT JSON) plan");
    }

    @Test
    void shouldKeepAFailureInPlaceOfASnapshot() {
        CaptureFailure failure = new CaptureFailure(T0, Statements.DATABASE, DatabaseProblem.EXTENSION_MISSING,
                "pg_stat_statements is not installed in database shop: run CREATE EXTENSION pg_stat_statements;");
        Path file = folder.resolve("after.json");

        SnapshotFile.write(file, failure);

        assertThat(SnapshotFile.read(file)).isEqualTo(failure);
    }

    @Test
    void shouldWriteTheDocumentedFormat() throws IOException {
        Path file = folder.resolve("before.json");

        SnapshotFile.write(file, snapshot(T0, statement(5, "SELECT 1", 2, 1.5, 2)));

        String json = Files.readString(file);
        assertThat(json).startsWith("{\n  \"format\" : 1,\n  \"takenAt\" : \"2025-06-01T10:00:00Z\",\n"
                + "  \"database\" : \"db.example:5432/shop\",\n  \"serverVersion\" : \"17.5\",\n");
        assertThat(json).contains("\"queryId\" : 5,", "\"totalTimeMs\" : 1.5,", "\"statsSince\" : null");
    }

    @Test
    void shouldIgnoreFieldsItDoesNotKnow() throws IOException {
        Path file = Files.writeString(folder.resolve("later.json"), """
                {"format": 1, "takenAt": "2025-06-01T10:00:00Z", "database": "h:1/d", "comment": {"a": [1, 2]},
                 "failure": {"problem": "UNREACHABLE", "message": "down", "hint": "later"}}
                """);

        assertThat(SnapshotFile.read(file)).isEqualTo(new CaptureFailure(T0, "h:1/d", DatabaseProblem.UNREACHABLE,
                "down"));
    }

    @Test
    void shouldRefuseANewerFormatNamingWhereItSays() throws IOException {
        Path file = Files.writeString(folder.resolve("newer.json"), "{\n  \"format\": 2,\n  \"takenAt\": 1\n}\n");

        assertThatThrownBy(() -> SnapshotFile.read(file))
                .isInstanceOfSatisfying(BadInputException.class, e -> assertThat(e.location())
                        .isEqualTo(new SourceLocation(file.toString(), 2, 13)))
                .hasMessageEndingWith("database snapshot format 2 is not one this perfgate reads (1); take the "
                        + "snapshots and evaluate them with the same perfgate version");
    }

    @Test
    void shouldNameTheMissingFieldAndTheBrokenValue() throws IOException {
        Path missing = Files.writeString(folder.resolve("missing.json"), """
                {"format": 1, "takenAt": "2025-06-01T10:00:00Z", "database": "h:1/d", "serverVersion": "17.5",
                 "serverVersionNumber": 170005, "extensionVersion": "1.11", "statsReset": null, "deallocations": null,
                 "statements": [
                   {"userId": 1, "databaseId": 2, "queryId": 3, "topLevel": true, "user": "u", "query": "q",
                    "calls": 1, "totalTimeMs": 1, "meanTimeMs": 1, "maxTimeMs": 1, "rows": 1, "sharedBlocksHit": 0}
                 ]}
                """);
        Path broken = Files.writeString(folder.resolve("broken.json"), """
                {"format": 1, "takenAt": "yesterday"}
                """);

        assertThatThrownBy(() -> SnapshotFile.read(missing)).isInstanceOf(BadInputException.class)
                .hasMessage(missing + " line 4, column 4: the snapshot lacks statement.sharedBlocksRead");
        assertThatThrownBy(() -> SnapshotFile.read(broken)).isInstanceOf(BadInputException.class)
                .hasMessage(broken + " line 1, column 26: takenAt 'yesterday' is not an ISO-8601 instant such as "
                        + "2025-06-01T10:00:00Z");
    }

    @Test
    void shouldRefuseAFileThatIsNotJson() throws IOException {
        Path file = Files.writeString(folder.resolve("text.json"), "{\"format\": 1,\n oops");

        assertThatThrownBy(() -> SnapshotFile.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 2, column ").hasMessageContaining("not a readable database snapshot");
    }

    @Test
    void shouldRefuseBytesThatAreNotUtf8Text() throws IOException {
        // Starting with NUL bytes, the JSON parser takes the text for UTF-32 and finds no character there.
        Path file = Files.write(folder.resolve("binary.json"),
                new byte[] {0x0b, 0, 0, 0, 0, 0, 0, 0, '"', ':', '1', ',', '"', 't', '{', '\n'});

        assertThatThrownBy(() -> SnapshotFile.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + ": not a readable database snapshot: it is not UTF-8 text, as "
                        + "perfgate writes it");
    }

    @Test
    void shouldSayWhenTheFileIsMissing() {
        Path file = folder.resolve("none.json");

        assertThatThrownBy(() -> SnapshotFile.read(file)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("the database snapshot " + file + " does not exist");
    }
}
