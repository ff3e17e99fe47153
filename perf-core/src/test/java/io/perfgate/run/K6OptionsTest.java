package io.perfgate.run;

import io.perfgate.diag.MavenLikeSpelling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import io.perfgate.regression.RegressionCheck;
import io.perfgate.regression.RegressionOutcome;
import io.perfgate.regression.RegressionRule;
import io.perfgate.regression.RegressionSettings;
import io.perfgate.regression.RegressionVerdict;
import io.perfgate.stats.Statistic;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class K6OptionsTest {

    private final K6Options.Builder builder = K6Options.builder(Path.of("target/perf"));

    @Test
    void shouldDefaultToK6OnThePathWithThirtyMinutes() {
        K6Options options = builder.build();

        assertThat(options.executable()).isEqualTo("k6");
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(options.baseUrlVariable()).isEqualTo("BASE_URL");
        assertThat(options.processEnvironment(RunRole.CANDIDATE)).isEmpty();
        assertThat(options.workingDirectory()).isAbsolute();
        assertThat(options.repeat()).isEqualTo(1);
        assertThat(options.interleaved()).isFalse();
        assertThat(options.schedule()).containsExactly(new ScheduledRun(RunRole.CANDIDATE, 1, 1, false));
        assertThat(options.scheduleWarning()).isEmpty();
    }

    @Test
    void shouldHandTheBaseUrlToTheScriptInItsVariable() {
        K6Options options = builder.environment(Map.of("USERS", "10")).baseUrl(" http://localhost:8080 ")
                .baseUrlVariable("TARGET").build();

        assertThat(options.processEnvironment(RunRole.CANDIDATE))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("TARGET", "http://localhost:8080",
                        "USERS", "10")));
    }

    @Test
    void shouldHandTheBaselineUrlToBaselineRunsInTheSameVariable() {
        K6Options options = builder.environment(Map.of("USERS", "10")).baseUrl("http://candidate:8080")
                .baselineUrl(" http://baseline:8080 ").baseUrlVariable("TARGET").repeat(10).build();

        assertThat(options.interleaved()).isTrue();
        assertThat(options.processEnvironment(RunRole.BASELINE))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("TARGET", "http://baseline:8080", "USERS", "10")));
        assertThat(options.processEnvironment(RunRole.CANDIDATE)).containsEntry("TARGET", "http://candidate:8080");
        assertThat(options.schedule()).hasSize(20);
        assertThat(options.scheduleWarning()).isEmpty();
    }

    @Test
    void shouldRefuseABaselineUrlWithoutABaseUrl() {
        assertThatThrownBy(() -> builder.baselineUrl("http://baseline").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a baseline URL is set but no base URL: the interleaved A/B mode runs each script against "
                        + "the baseline URL and the base URL (the candidate) in turn, so set both");
    }

    @Test
    void shouldTreatABlankBaselineUrlAsNone() {
        assertThat(builder.baselineUrl("  ").repeat(3).build().interleaved()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void shouldRefuseToRunLessThanOnce(int repeat) {
        assertThatThrownBy(() -> builder.repeat(repeat).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("repeat must be at least 1 (each script runs that often), was " + repeat);
    }

    @Test
    void shouldWarnThatTooFewABRoundsCanNeverDecide() {
        K6Options options = builder.baseUrl("http://candidate").baselineUrl("http://baseline").repeat(6).build();

        assertThat(options.scheduleWarning(MavenLikeSpelling.SPELLING)).contains("the interleaved A/B mode runs 6 rounds, but the regression "
                + "check needs at least 7 to reach a decision at a 1 % false-alarm rate, so every A/B verdict will be "
                + "inconclusive. Set repeat (perf.k6.repeat) to 10 or more.");
        assertThat(K6Options.builder(Path.of("x")).repeat(3).build().scheduleWarning()).as("no A/B").isEmpty();
        assertThat(builder.repeat(7).build().scheduleWarning()).as("seven rounds").isEmpty();
    }

    @Test
    void shouldSayOneRoundInTheSingular() {
        assertThat(builder.baseUrl("http://c").baselineUrl("http://b").build().scheduleWarning())
                .hasValueSatisfying(text -> assertThat(text).startsWith("the interleaved A/B mode runs 1 round, but"));
    }

    /**
     * The number in the warning is the regression check's own: with default settings six rounds are
     * inconclusive for lack of rounds even when every round shows the same large change, seven decide.
     */
    @Test
    void shouldWarnBelowTheRoundsTheRegressionCheckNeeds() {
        RegressionRule rule = RegressionRule.of(Statistic.percentile(95), "<", "baseline + 10%");
        RegressionSettings settings = RegressionSettings.defaults();
        int fewest = K6Options.FEWEST_DECISIVE_ROUNDS;

        RegressionVerdict tooFew = RegressionCheck.interleaved(rule, "main", Collections.nCopies(fewest - 1, 100.0),
                Collections.nCopies(fewest - 1, 150.0), settings);
        RegressionVerdict enough = RegressionCheck.interleaved(rule, "main", Collections.nCopies(fewest, 100.0),
                Collections.nCopies(fewest, 150.0), settings);

        assertThat(tooFew.outcome()).isEqualTo(RegressionOutcome.INCONCLUSIVE);
        assertThat(tooFew.reason()).contains(fewest + " needed");
        assertThat(enough.outcome()).isEqualTo(RegressionOutcome.REGRESSION);
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
