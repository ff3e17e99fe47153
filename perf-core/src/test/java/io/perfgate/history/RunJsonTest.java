package io.perfgate.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.diag.BadInputException;
import io.perfgate.model.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The run file format: files written before runs kept their rounds read back whole, rounds are kept compactly. */
class RunJsonTest {

    /** Written by perfgate before rounds were recorded; never regenerate it, it stands for files in use. */
    private static final String FORMAT_1_FILE = "/fixtures/history/run-format-1.json";

    @Test
    void shouldReadARunFileWrittenBeforeRoundsWereKept() throws Exception {
        byte[] stored = Files.readAllBytes(Path.of(RunJsonTest.class.getResource(FORMAT_1_FILE).toURI()));

        RunRecord run = RunJson.read(stored, FORMAT_1_FILE);

        assertThat(run).isEqualTo(Runs.full("group:shop", "build-1"));
    }

    @Test
    void shouldWriteARunWithoutRoundsAsItWasWrittenBefore() throws Exception {
        byte[] stored = Files.readAllBytes(Path.of(RunJsonTest.class.getResource(FORMAT_1_FILE).toURI()));

        assertThat(RunJson.write(Runs.full("group:shop", "build-1"))).isEqualTo(stored);
    }

    @Test
    void shouldKeepTheDatabaseStatementsOfTheLoadAndReadThemBack() throws Exception {
        RunRecord run = Runs.withStatements("shop", "build-7");

        byte[] written = RunJson.write(run);

        JsonNode database = RunJson.MAPPER.readTree(written).get("database");
        assertThat(database.get("statementCount").intValue()).isEqualTo(12);
        assertThat(database.get("statements").get(0).get("queryId").textValue()).isEqualTo("-6917402351266385121");
        assertThat(database.get("statements").get(1).get("callsPerRequest").isNull()).isTrue();
        assertThat(RunJson.read(written, "run.json")).isEqualTo(run);
        assertThat(RunJson.MAPPER.readTree(RunJson.write(Runs.full("shop", "build-1"))).has("database"))
                .as("a run without statements is written as before").isFalse();
    }

    @Test
    void shouldNameTheFieldOfAStatementThatCannotBeRead() throws Exception {
        ObjectNode tree = (ObjectNode) RunJson.MAPPER.readTree(RunJson.write(Runs.withStatements("shop", "build-7")));
        ((ObjectNode) tree.get("database").get("statements").get(1)).put("queryId", "n+1");
        byte[] badId = RunJson.MAPPER.writeValueAsBytes(tree);
        ((ObjectNode) tree.get("database").get("statements").get(1)).put("queryId", "7");
        ((ObjectNode) tree.get("database")).put("statementCount", 1);
        byte[] tooFew = RunJson.MAPPER.writeValueAsBytes(tree);

        assertThatThrownBy(() -> RunJson.read(badId, "run.json")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("field 'database.statements[1].queryId' must be a 64-bit integer written as text");
        assertThatThrownBy(() -> RunJson.read(tooFew, "run.json")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("2 statements kept of only 1 that ran");
    }

    @Test
    void shouldKeepEachRoundsStatisticsBesideTheirPooledSeries() throws Exception {
        RunRecord repeated = Runs.repeated("shop", "build-3");

        byte[] written = RunJson.write(repeated);

        JsonNode series = RunJson.MAPPER.readTree(written).get("series");
        assertThat(series.get(0).get("rounds")).hasSize(3);
        assertThat(series.get(0).get("rounds").get(1).get("p95").doubleValue()).isEqualTo(362.25);
        assertThat(series.get(0).get("rounds").get(1).has("histogram")).isFalse();
        assertThat(series.get(0).get("rounds").get(1).has("type")).isFalse();
        assertThat(series.get(2).get("rounds").get(1).isNull()).isTrue();
        assertThat(RunJson.read(written, "run.json")).isEqualTo(repeated);
    }

    @Test
    void shouldWriteNoRoundsForASingleRunBuild() throws Exception {
        byte[] written = RunJson.write(Runs.run("shop", "main", "1", 0, Verdict.PASS));

        assertThat(RunJson.MAPPER.readTree(written).get("series").get(0).has("rounds")).isFalse();
    }

    @Test
    void shouldNameASeriesWhoseRoundsDoNotMatchTheOthers() throws Exception {
        ObjectNode root = (ObjectNode) RunJson.MAPPER.readTree(RunJson.write(Runs.repeated("shop", "build-3")));
        ((ArrayNode) root.get("series").get(1).get("rounds")).remove(2);

        assertThatThrownBy(() -> RunJson.read(RunJson.MAPPER.writeValueAsBytes(root), "run.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessage("run.json: field 'series[1].rounds' must have 3 elements, as series[0] has, not 2");
    }

    @Test
    void shouldSayWhereACutRunFileEndsInOurWords() throws Exception {
        byte[] whole = RunJson.write(Runs.full("group:shop", "build-1"));
        byte[] cut = Arrays.copyOf(whole, 300);

        assertThatThrownBy(() -> RunJson.read(cut, "run.json"))
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith("run.json line ")
                .hasMessageContaining(": is not valid JSON: the text ends ")
                .hasMessageNotContaining("Source").hasMessageNotContaining("REDACTED");
    }
}
