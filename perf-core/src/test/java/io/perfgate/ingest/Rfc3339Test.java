package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T10:19:34.339835103Z", "2026-11-23T10:19:34Z", "2026-11-23T10:19:34.5Z",
            "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z", "2026-11-23T11:19:34.339835103+01:00",
            "2026-11-23T10:19:34.1234-05:30"})
    void shouldReadTimesAsJavaDoes(String text) {
        OffsetDateTime time = OffsetDateTime.parse(text);
        assertThat(Rfc3339.epochNanos(text)).isEqualTo(time.toEpochSecond() * 1_000_000_000L + time.getNano());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23 10:19:34Z", "2026-13-23T10:19:34Z", "2026-02-30T10:19:34Z", "yesterday",
            "2026-11-23T10:19:34.1234567890Z", "2026-11-23T10:19:34.12x4Z"})
    void shouldRefuseWhatIsNoTime(String text) {
        assertThatThrownBy(() -> Rfc3339.epochNanos(text)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T10:19:34.339835103Z", "2026-11-23T10:19:34Z", "2026-11-23T10:19:34.5Z",
            "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z", "2026-11-23T11:19:34.339835103+01:00",
            "2026-11-23T10:19:34.1234-05:30", "2026-11-23T10:19:34+18:00", "2026-11-23T10:19:34-00:00",
            "1969-12-31T23:59:59.999Z"})
    void shouldReadTheBytesOfATimeAsJavaReadsItsText(String text) {
        OffsetDateTime time = OffsetDateTime.parse(text);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        long seconds = Rfc3339.utcSecondsAscii(bytes, 0);
        long after = Rfc3339.nanosAfterSecondsAscii(bytes, Rfc3339.SECONDS_LENGTH, bytes.length);
        assertThat(seconds * 1_000_000_000L + after).isEqualTo(time.toEpochSecond() * 1_000_000_000L + time.getNano());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23T10:19:34.Z", "2026-11-23T10:19:34+05:30:15", "2026-11-23T10:19:34+18:01",
            "2026-11-23T10:19:34z", "2026-11-23T10:19:34.1234567890Z", "2026-11-23T10:19:34+0530",
            "2026-11-23T10:19:34+05:60", "2026-11-23T10:19:34"})
    void shouldLeaveEveryOtherEndingOfTheBytesToTheTextReader(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(Rfc3339.nanosAfterSecondsAscii(bytes, Rfc3339.SECONDS_LENGTH, bytes.length))
                .isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T10:19:34", "2026-13-01T10:19:34", "2026-11-23 10:19:34",
            "2026-11-23T24:00:00", "2026-11-23T10:19:60", "2026-1a-23T10:19:34"})
    void shouldLeaveSecondsThatAreNoValidTimeToTheTextReader(String text) {
        assertThat(Rfc3339.utcSecondsAscii(text.getBytes(StandardCharsets.US_ASCII), 0)).isEqualTo(Long.MIN_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2262-04-11T23:47:16.854775808Z", "2263-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "2262-04-12T00:30:00+00:30", "1677-09-21T00:12:43.145224192Z", "0000-01-01T00:00:00Z",
        "1677-09-21T01:12:43+01:00"})
    void shouldRefuseTimesANanosecondClockCannotHoldSayingSo(String text) {
        assertThatThrownBy(() -> Rfc3339.epochNanos(text)).isInstanceOf(DateTimeException.class)
                .isNotInstanceOf(DateTimeParseException.class)
                .hasMessage("lies outside the times perfgate can keep, 1677-09-21T00:12:44Z to 2262-04-11T23:47:16Z"
                        + " (nanoseconds since 1970 in 64 bits)");
    }

    @Test
    void shouldReadTheFirstAndLastTimesItCanHold() {
        assertThat(Rfc3339.epochNanos("2262-04-11T23:47:16.854775807Z")).isEqualTo(Long.MAX_VALUE);
        assertThat(Rfc3339.epochNanos("2262-04-12T00:47:16.854775807+01:00")).isEqualTo(Long.MAX_VALUE);
        assertThat(Rfc3339.epochNanos("1677-09-21T00:12:43.145224193Z")).isEqualTo(Long.MIN_VALUE + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0001-01-01T00:00:00Z", "+2026-11-23T10:19:34Z", "12026-11-23T10:19:34Z",
        "226-04-11T23:47:16Z"})
    void shouldRefuseYearsOfOtherThanFourDigits(String text) {
        assertThatThrownBy(() -> Rfc3339.epochNanos(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void shouldLeaveSecondsNearTheEndsOfTheRangeToTheTextReader() {
        long lastSecond = Long.MAX_VALUE / 1_000_000_000L;
        assertThat(Rfc3339.epochNanos(lastSecond, 0)).isEqualTo(Long.MIN_VALUE);
        assertThat(Rfc3339.epochNanos(-lastSecond, 0)).isEqualTo(Long.MIN_VALUE);
        assertThat(Rfc3339.epochNanos(1_795_434_527L, 5)).isEqualTo(1_795_434_527_000_000_005L);
    }
}
