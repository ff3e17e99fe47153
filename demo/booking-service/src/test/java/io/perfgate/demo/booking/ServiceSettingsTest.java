package io.perfgate.demo.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceSettingsTest {

    @Test
    void shouldTakeEverySettingFromSystemProperties() {
        ServiceSettings settings = ServiceSettings.from(Map.ofEntries(
                Map.entry("demo.http.port", "18080"),
                Map.entry("demo.db.port", "15432"),
                Map.entry("demo.db.password", "reader-secret"),
                Map.entry("demo.nplusone", "true"),
                Map.entry("demo.slowdown", "1.5"),
                Map.entry("demo.idleTimeout", "90s"),
                Map.entry("demo.maxLifetime", "2m"),
                Map.entry("demo.watchParent", "false"),
                Map.entry("demo.warmUpRounds", "5"),
                Map.entry("demo.stateFile", "target/state.properties"),
                Map.entry("demo.logFile", "target/service.log"),
                Map.entry("demo.dropIndex", "true")), Map.of());

        assertThat(settings).isEqualTo(new ServiceSettings(18080, 15432, "reader-secret", true, 1.5,
                Duration.ofSeconds(90), Duration.ofMinutes(2), false, 5, Optional.of(Path.of("target/state.properties")),
                Optional.of(Path.of("target/service.log")), true));
    }

    @Test
    void shouldFallBackToEnvironmentVariablesWhereNoPropertyIsGiven() {
        ServiceSettings settings = ServiceSettings.from(Map.of("demo.slowdown", "2"),
                Map.of("DEMO_SLOWDOWN", "3", "DEMO_NPLUSONE", "on", "DEMO_IDLE_TIMEOUT", "500ms"));

        assertThat(settings.slowdown()).isEqualTo(2.0);
        assertThat(settings.nPlusOne()).isTrue();
        assertThat(settings.idleTimeout()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldDefaultToAnyFreePortsNoSwitchesAndARandomPassword() {
        ServiceSettings first = ServiceSettings.from(Map.of(), Map.of());
        ServiceSettings second = ServiceSettings.from(Map.of(), Map.of());

        assertThat(first.httpPort()).isZero();
        assertThat(first.databasePort()).isZero();
        assertThat(first.nPlusOne()).isFalse();
        assertThat(first.dropIndex()).isFalse();
        assertThat(first.slowdown()).isEqualTo(1.0);
        assertThat(first.watchParent()).isTrue();
        assertThat(first.warmUpRounds()).isEqualTo(ServiceSettings.DEFAULT_WARM_UP_ROUNDS);
        assertThat(first.stateFile()).isEmpty();
        assertThat(first.logFile()).isEmpty();
        assertThat(first.readerPassword()).isNotBlank().isNotEqualTo(second.readerPassword());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "demo.slowdown   | fast  | demo.slowdown must be a number such as 1.5, not 'fast'",
        "demo.slowdown   | 0.5   | demo.slowdown must be a factor from 1 (no slowdown) to 100",
        "demo.nplusone   | maybe | demo.nplusone must be true or false, not 'maybe'",
        "demo.http.port  | 70000 | demo.http.port must be a port from 1 to 65535, or 0 for any free one, not 70000",
        "demo.db.port    | x     | demo.db.port must be a whole number, not 'x'",
        "demo.idleTimeout| 2h    | demo.idleTimeout must be a duration such as 90s, 2m or 500ms, not '2h'",
        "demo.maxLifetime| 0     | demo.maxLifetime must be longer than zero",
        "demo.warmUpRounds| -1   | demo.warmUpRounds must be 0 to 10000, not -1"})
    void shouldNameTheSettingAndWhatItTakesWhenAValueIsWrong(String property, String value, String message) {
        assertThatThrownBy(() -> ServiceSettings.from(Map.of(property, value), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void shouldNameEnvironmentVariablesAfterTheirProperties() {
        assertThat(ServiceSettings.variableName("demo.idleTimeout")).isEqualTo("DEMO_IDLE_TIMEOUT");
        assertThat(ServiceSettings.variableName("demo.db.password")).isEqualTo("DEMO_DB_PASSWORD");
        assertThat(ServiceSettings.variableName("demo.nplusone")).isEqualTo("DEMO_NPLUSONE");
    }

    @Test
    void shouldNeverPrintThePassword() {
        ServiceSettings settings = ServiceSettings.from(Map.of("demo.db.password", "reader-secret"), Map.of());

        assertThat(settings.toString()).doesNotContain("reader-secret");
    }
}
