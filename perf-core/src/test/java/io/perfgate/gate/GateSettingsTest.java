package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.MavenLikeSpelling;
import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.history.FileHistoryStore;
import io.perfgate.regression.RegressionSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateSettingsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path workspace;

    private GateSettings.Builder settings() {
        return GateSettings.builder()
                .budgetFile(workspace.resolve("perf-budget.yaml"))
                .resultsDirectory(workspace.resolve("target/perf"))
                .reportDirectory(workspace.resolve("target/perf"))
                .baseDirectory(workspace)
                .project("shop:checkout");
    }

    private static GateEnvironment environment(Map<String, String> variables, SecretLookup secrets) {
        return new GateEnvironment(variables, secrets, CLOCK, MavenLikeSpelling.SPELLING);
    }

    @Test
    void shouldResolveIntoARequestWithTheAdaptersSpellingAndBaseFolder() {
        CheckRequest request = settings().history("none").failOnK6Thresholds(false)
                .resultFiles(List.of(workspace.resolve("jmeter/run.jtl"))).build()
                .resolve(environment(Map.of(), SecretLookup.NONE), new Diagnostics());

        assertThat(request.history()).isEmpty();
        assertThat(request.failOnK6Thresholds()).isFalse();
        assertThat(request.resultFiles()).containsExactly(workspace.resolve("jmeter/run.jtl"));
        assertThat(request.spelling()).isSameAs(MavenLikeSpelling.SPELLING);
        assertThat(request.regression()).isEqualTo(RegressionSettings.defaults());
        assertThat(request.displayed(workspace.resolve("perf-budget.yaml"))).isEqualTo(Path.of("perf-budget.yaml"));
    }

    @Test
    void shouldTakeTheIdentityFromOverridesThenTheCi() {
        HistoryOptions history = settings().history(workspace.resolve("history").toString())
                .identity(IdentityOverrides.of(null, "release/1.9", null, "  ", null)).baselineRuns(9)
                .recordRun(false).labels(Map.of("agent", "linux-4")).build()
                .history(environment(Map.of("BRANCH_NAME", "PR-12", "BUILD_TAG", "jenkins-shop-12",
                        "GIT_COMMIT", "abc123"), SecretLookup.NONE), new Diagnostics())
                .orElseThrow();

        assertThat(history.store()).isInstanceOf(FileHistoryStore.class);
        assertThat(history.identity()).isEqualTo(new RunIdentity("PR-12", "release/1.9", Optional.of("abc123"),
                "jenkins-shop-12", Optional.empty()));
        assertThat(history.baselineRuns()).isEqualTo(9);
        assertThat(history.record()).isFalse();
        assertThat(history.labels()).containsExactly(Map.entry("agent", "linux-4"));
    }

    @Test
    void shouldAskTheSecretStoreByReferenceOnlyForADatabaseHistory() {
        List<String> asked = new ArrayList<>();
        SecretLookup secrets = (reference, purpose) -> {
            asked.add(reference.orElse("(none)") + " for " + purpose);
            return Optional.of(new DatabaseCredentials("perf_writer", "s3cret"));
        };

        settings().history("none").historyCredentials("perf-db").build()
                .resolve(environment(Map.of(), secrets), new Diagnostics());
        Optional<HistoryOptions> database = settings().history("jdbc:postgresql://127.0.0.1:1/perf")
                .historyCredentials(" perf-db ").build().history(environment(Map.of(), secrets), new Diagnostics());

        assertThat(asked).containsExactly("perf-db for the history database");
        assertThat(database).isPresent();
        assertThat(database.get().store().location()).doesNotContain("s3cret");
    }

    @Test
    void shouldNameTheOptionOfAnUnusableHistoryLocation() {
        GateSettings settings = settings().history("jdbc:mysql://db/perf").build();

        assertThatThrownBy(() -> settings.resolve(environment(Map.of(), SecretLookup.NONE), new Diagnostics()))
                .isInstanceOfSatisfying(GateConfigurationException.class,
                        e -> assertThat(e.option()).contains(Option.HISTORY))
                .hasMessageContaining("the history can be kept in PostgreSQL");
    }

    @Test
    void shouldNeedABudgetResultsAndReportsOnlyToEvaluate() {
        GateSettings historyOnly = GateSettings.builder().history("none").project("shop").build();

        assertThat(historyOnly.history(environment(Map.of(), SecretLookup.NONE), new Diagnostics())).isEmpty();
        assertThatThrownBy(() -> historyOnly.resolve(environment(Map.of(), SecretLookup.NONE), new Diagnostics()))
                .isInstanceOf(NullPointerException.class).hasMessage("budgetFile");
    }

    @Test
    void shouldReadResultsOnEveryProcessorUnlessTheThreadsAreCapped() {
        GateEnvironment environment = environment(Map.of(), SecretLookup.NONE);
        assertThat(settings().history("none").build().resolve(environment, new Diagnostics()).ingestThreads())
                .isEqualTo(io.perfgate.ingest.ResultIngest.DEFAULT_THREADS)
                .isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(settings().history("none").ingestThreads(1).build().resolve(environment, new Diagnostics())
                .ingestThreads()).isEqualTo(1);
        assertThatThrownBy(() -> settings().ingestThreads(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ingestThreads must be 0 (as many as there are processors) or more, was -1");
    }

    @Test
    void shouldKeepEverySettingThroughToBuilder() {
        GateSettings original = settings().history("none").historyCredentials("id").historySpool(workspace)
                .baselineRuns(7).recordRun(false).failOnK6Thresholds(false).labels(Map.of("a", "b")).ingestThreads(3)
                .build();

        GateSettings copy = original.toBuilder().build();

        assertThat(copy).usingRecursiveComparison().isEqualTo(original);
    }

    @Test
    void shouldResolveCredentialsFieldByFieldFromTheStoreThenTheEnvironment() {
        Map<String, String> variables = Map.of("PERF_HISTORY_USER", "env-user", "PERF_HISTORY_PASSWORD", "env-pw");

        assertThat(DatabaseCredentials.resolve(Optional.of(new DatabaseCredentials("given", "")), "PERF_HISTORY",
                variables)).isEqualTo(new DatabaseCredentials("given", "env-pw"));
        assertThat(DatabaseCredentials.resolve(Optional.empty(), "PERF_HISTORY", variables))
                .isEqualTo(new DatabaseCredentials("env-user", "env-pw"));
        assertThat(DatabaseCredentials.resolve(Optional.empty(), "PERF_HISTORY", Map.of()).password()).isEmpty();
        assertThat(new DatabaseCredentials("u", "s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldSpellOptionsByTheirNeutralKeysOutsideAnAdapter() {
        assertThat(OptionSpelling.KEYS.spell(Option.DATABASE_URL)).isEqualTo("databaseUrl");
        assertThat(GateEnvironment.ofProcess().spelling()).isSameAs(OptionSpelling.KEYS);
    }
}
