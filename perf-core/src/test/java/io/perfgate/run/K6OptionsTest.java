package io.perfgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class K6OptionsTest {

    private final K6Options.Builder builder = K6Options.builder(Path.of("target/perf"));

    @Test
    void shouldDefaultToK6OnThePathWithThirtyMinutes() {
        K6Options options = builder.build();

        assertThat(options.executable()).isEqualTo("k6");
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(options.baseUrlVariable()).isEqualTo("BASE_URL");
        assertThat(options.processEnvironment()).isEmpty();
        assertThat(options.workingDirectory()).isAbsolute();
    }

    @Test
    void shouldHandTheBaseUrlToTheScriptInItsVariable() {
        K6Options options = builder.environment(Map.of("USERS", "10")).baseUrl(" http://localhost:8080 ")
                .baseUrlVariable("TARGET").build();

        assertThat(options.processEnvironment())
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("TARGET", "http://localhost:8080",
                        "USERS", "10")));
    }

    @Test
    void shouldTreatAnEmptyValueAsEmptyText() {
        Map<String, String> environment = new HashMap<>();
        environment.put("EMPTY", null);

        assertThat(builder.environment(environment).build().environment()).containsEntry("EMPTY", "");
    }

    @Test
    void shouldRefuseTheBaseUrlVariableSetTwice() {
        assertThatThrownBy(() -> builder.environment(Map.of("BASE_URL", "http://a")).baseUrl("http://b").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the environment variable BASE_URL is set both by the base URL and in the environment; "
                        + "set it in one place");
    }

    @Test
    void shouldRefuseNamesThatAreNoVariables() {
        assertThatThrownBy(() -> builder.baseUrlVariable("BASE-URL").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'BASE-URL' is not an environment variable name");
        assertThatThrownBy(() -> K6Options.builder(Path.of("x")).environment(Map.of("1X", "v")).build())
                .hasMessageStartingWith("'1X' is not an environment variable name");
    }

    @Test
    void shouldRefuseATimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> builder.timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the k6 timeout must be longer than zero, was PT0S");
    }
}
