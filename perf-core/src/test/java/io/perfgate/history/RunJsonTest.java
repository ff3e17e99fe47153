package io.perfgate.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The run file format stays readable: a file written before runs kept their rounds reads back whole. */
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
}
