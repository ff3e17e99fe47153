package io.perfgate.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class K6OutcomeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        99  | thresholds crossed
        107 | script exception
        126 | k6 could not be executed
        127 | k6 was not found, or is not a program this system runs
        137 | killed by signal 9, SIGKILL: often the out-of-memory killer
        141 | killed by signal 13, SIGPIPE
        143 | killed by signal 15, SIGTERM
        130 | killed by signal 2, SIGINT
        150 | killed by signal 22
        1   | ''
        128 | ''
        160 | ''
        """)
    void shouldSayWhatAnExitCodeMeans(int exitCode, String meaning) {
        assertThat(K6Outcome.exitCodeMeaning(exitCode)).isEqualTo(meaning);
    }
}
