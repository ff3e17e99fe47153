package io.perfgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {

    @ParameterizedTest
    @CsvSource({
        "30m, PT30M",
        "90s, PT1M30S",
        "1h30m, PT1H30M",
        "1.5h, PT1H30M",
        "500ms, PT0.5S",
        "2m30s250ms, PT2M30.25S",
        "' 10m ', PT10M",
        "PT45M, PT45M",
        "pt1h, PT1H",
    })
    void shouldReadK6AndIsoDurations(String text, String expected) {
        assertThat(DurationText.parse(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "ten minutes", "10 m", "m10", "10d", "1h-5m", "P", "PTxM"})
    void shouldRefuseTextThatIsNoDuration(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration: write e.g. 30m, 90s, 1h30m, 500ms or ISO-8601 such as "
                        + "PT30M");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "PT0S", "PT-5M"})
    void shouldRefuseDurationsThatAreNotPositive(String text) {
        assertThatThrownBy(() -> DurationText.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration '" + text + "' must be longer than zero");
    }
}
