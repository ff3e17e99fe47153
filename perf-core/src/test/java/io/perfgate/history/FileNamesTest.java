package io.perfgate.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void shouldKeepLowerCaseLettersDigitsDotsAndDashes() {
        assertThat(FileNames.key("release-1.2")).isEqualTo("release-1.2");
    }

    @Test
    void shouldEscapeEverythingElseSoNoTwoValuesShareAName() {
        assertThat(FileNames.key("Main")).isEqualTo("%4Dain");
        assertThat(FileNames.key("main")).isNotEqualTo(FileNames.key("Main"));
        assertThat(FileNames.key("feature/x")).isEqualTo("feature%2Fx");
        assertThat(FileNames.key("a_b")).isEqualTo("a%5Fb");
        assertThat(FileNames.key("50%")).isEqualTo("50%25");
        assertThat(FileNames.key("é")).isEqualTo("%C3%A9");
    }

    @Test
    void shouldEscapeALeadingDotSoNoNameIsHiddenOrSpecial() {
        assertThat(FileNames.key(".")).isEqualTo("%2E");
        assertThat(FileNames.key("..")).isEqualTo("%2E.");
        assertThat(FileNames.key(".lock")).isEqualTo("%2Elock");
    }

    @Test
    void shouldShortenLongValuesWithADigestOfTheWholeValue() {
        String long1 = "x".repeat(300) + "1";
        String long2 = "x".repeat(300) + "2";

        assertThat(FileNames.key(long1)).hasSize(FileNames.MAX_KEY_LENGTH).startsWith("xxx").contains("~");
        assertThat(FileNames.key(long1)).isNotEqualTo(FileNames.key(long2));
        assertThat(FileNames.key("é".repeat(100))).hasSizeLessThanOrEqualTo(FileNames.MAX_KEY_LENGTH);
    }

    @Test
    void shouldWriteStartsThatSortAsTheyHappened() {
        assertThat(FileNames.start(Instant.parse("2025-03-01T12:00:00.1234567Z"))).isEqualTo("20250301T120000.123456Z")
                .hasSize(FileNames.START_LENGTH);
        assertThat(FileNames.start(Instant.parse("0001-01-01T00:00:00Z"))).isEqualTo("00010101T000000.000000Z");
        assertThat(FileNames.start(Instant.parse("9999-12-31T23:59:59.999999Z")))
                .isEqualTo("99991231T235959.999999Z");
    }
}
