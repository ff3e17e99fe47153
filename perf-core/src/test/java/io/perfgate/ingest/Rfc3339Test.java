package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
}
