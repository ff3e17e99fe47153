package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.ingest.ResultSource;
import io.perfgate.run.RunRole;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each run read on its own and pooled for the budget and the rounds, over the real k6 recordings:
 * a_pass (1220 requests, 4 failed, p(95) 67.35 ms) and b_fail (1212 requests, 65 failed, p(95) 69.27 ms).
 */
class MeasuredRunsTest {

    private static final SeriesKey REQUESTS = SeriesKey.of("http_reqs");
    private static final SeriesKey FAILED = SeriesKey.of("http_req_failed");
    private static final SeriesKey DURATION = SeriesKey.of("http_req_duration");
    private static final SeriesKey FAST = SeriesKey.parse("http_req_duration{name:fast}");
    private static final Set<SeriesKey> TRACKED = Set.of(DURATION, FAILED, FAST);
    private static final Statistic P95 = Statistic.percentile(95);

    @TempDir
    Path project;

    private final Diagnostics diagnostics = new Diagnostics();

    private Path perf() {
        return project.resolve("target/perf");
    }

    private RunFolders folders() {
        return new RunFolders(perf());
    }

    private MeasuredRuns read(Path... resultFiles) {
        return MeasuredRuns.read(new CheckRequest(project.resolve("perf-budget.yaml"), perf(), List.of(resultFiles),
                perf(), true), TRACKED, diagnostics);
    }

    private static double value(RunResults results, SeriesKey series, Statistic statistic) {
        return results.series(series).orElseThrow().value(statistic).orElseThrow();
    }

    private static double requests(RunResults results) {
        return value(results, REQUESTS, Statistic.COUNT);
    }

    /** The warnings and errors; each k6 run's NDJSON also gives an info line saying how it was read. */
    private List<String> texts() {
        return diagnostics.all().stream().filter(message -> message.level() != Diagnostic.Level.INFO)
                .map(Diagnostic::text).toList();
    }

    @Test
    void shouldReadTheOnlyRunOfAScriptAsOneCandidateRound() {
        folders().single("checkout", "a_pass", 0);

        MeasuredRuns measured = read();

        assertThat(measured.interleaved()).isFalse();
        assertThat(measured.runs()).singleElement().satisfies(run -> {
            assertThat(run.describe()).isEqualTo("checkout.js round 1 (candidate)");
            assertThat(run.sources()).extracting(ResultSource::format).containsExactly("k6-ndjson");
            assertThat(requests(run.results())).isEqualTo(1220);
        });
        assertThat(value(measured.pooledCandidates().results(), DURATION, P95)).isCloseTo(67.3509, within(0.01));
        assertThat(measured.rounds()).singleElement().satisfies(round -> {
            assertThat(round.number()).isEqualTo(1);
            assertThat(round.baseline()).isEmpty();
            assertThat(value(round.candidate(), DURATION, P95)).isCloseTo(67.3509, within(0.01));
        });
        assertThat(diagnostics.all()).singleElement().satisfies(message -> {
            assertThat(message.level()).isEqualTo(Diagnostic.Level.INFO);
            assertThat(message.text()).endsWith("checkout/run.ndjson.gz is read whole: it is gzipped, which cannot be"
                    + " read while k6 writes it, so it has no run summary");
        });
    }

    @Test
    void shouldKeepEachRepeatedRunApartAndPoolThemForTheBudget() {
        RunFolders folders = folders();
        Path first = folders.repeated("checkout", 1, "a_pass");
        folders.repeated("checkout", 2, "a_pass");
        Path third = folders.repeated("checkout", 3, "b_fail");

        MeasuredRuns measured = read();

        assertThat(measured.runs()).extracting(MeasuredRun::round, run -> requests(run.results()))
                .containsExactly(tuple(1, 1220.0), tuple(2, 1220.0), tuple(3, 1212.0));
        RunResults pooled = measured.pooledCandidates().results();
        assertThat(requests(pooled)).isEqualTo(3652);
        assertThat(value(pooled, FAILED, Statistic.RATE)).isCloseTo((4 + 4 + 65) / 3652.0, within(1e-12));
        assertThat(measured.pooledCandidates().sources()).hasSize(3);
        assertThat(measured.rounds()).extracting(Round::number, round -> value(round.candidate(), FAILED,
                Statistic.RATE), round -> round.baseline().isPresent())
                .containsExactly(tuple(1, 4 / 1220.0, false), tuple(2, 4 / 1220.0, false), tuple(3, 65 / 1212.0, false));
        // pooling shares histograms with the runs: each run still reads exactly as the file alone
        assertThat(value(measured.runs().get(0).results(), FAST, P95))
                .isEqualTo(value(alone(first.resolve("run.ndjson.gz")), FAST, P95));
        assertThat(value(measured.runs().get(2).results(), DURATION, P95))
                .isEqualTo(value(alone(third.resolve("run.ndjson.gz")), DURATION, P95))
                .isCloseTo(69.2708, within(0.01));
    }

    private RunResults alone(Path file) {
        return ResultIngest.read(List.of(file), TRACKED, new Diagnostics()).results();
    }

    @Test
    void shouldPoolOnlyTheCandidateRunsInTheABMode() {
        RunFolders folders = folders();
        for (int round = 1; round <= 2; round++) {
            folders.interleaved("checkout", RunRole.BASELINE, round, "b_fail");
            folders.interleaved("checkout", RunRole.CANDIDATE, round, "a_pass");
        }

        MeasuredRuns measured = read();

        assertThat(measured.interleaved()).isTrue();
        RunResults pooled = measured.pooledCandidates().results();
        assertThat(requests(pooled)).isEqualTo(2440);
        assertThat(value(pooled, FAILED, Statistic.RATE)).isCloseTo(8 / 2440.0, within(1e-12));
        assertThat(measured.pooledCandidates().sources()).extracting(ResultSource::path)
                .allSatisfy(path -> assertThat(path).contains("candidate-"));
        assertThat(measured.rounds()).hasSize(2).allSatisfy(round -> {
            assertThat(requests(round.candidate())).isEqualTo(1220);
            assertThat(round.baseline()).hasValueSatisfying(baseline -> {
                assertThat(requests(baseline)).isEqualTo(1212);
                assertThat(value(baseline, DURATION, P95)).isCloseTo(69.2708, within(0.01));
            });
        });
        assertThat(measured.runs()).extracting(MeasuredRun::role).containsExactly(RunRole.CANDIDATE, RunRole.BASELINE,
                RunRole.CANDIDATE, RunRole.BASELINE);
        assertThat(texts()).isEmpty();
    }

    @Test
    void shouldPoolEveryScriptOfARoundIntoOneObservation() {
        RunFolders folders = folders();
        for (int round = 1; round <= 2; round++) {
            folders.repeated("checkout", round, "a_pass");
            folders.repeated("search", round, "b_fail");
        }

        MeasuredRuns measured = read();

        assertThat(measured.rounds()).extracting(round -> requests(round.candidate())).containsExactly(2432.0, 2432.0);
        assertThat(measured.runs()).hasSize(4);
        assertThat(requests(measured.pooledCandidates().results())).isEqualTo(4864);
        assertThat(texts()).isEmpty();
    }

    @Test
    void shouldWarnWhenScriptsRanADifferentNumberOfRounds() {
        RunFolders folders = folders();
        for (int round = 1; round <= 3; round++) {
            folders.repeated("checkout", round, "a_pass");
        }
        folders.single("search", "b_fail", 99);

        MeasuredRuns measured = read();

        assertThat(measured.rounds()).extracting(round -> requests(round.candidate()))
                .containsExactly(2432.0, 1220.0, 1220.0);
        assertThat(texts()).containsExactly("the scripts ran a different number of rounds (checkout.js 3, search.js 1); "
                + "each round pools the runs made in it, so the rounds are not alike and a regression check over them "
                + "is less sure");
        assertThat(diagnostics.hasErrors()).isFalse();
    }

    @Test
    void shouldLeaveAScriptWithoutABaselineOutOfTheABComparisonOnly() {
        RunFolders folders = folders();
        folders.interleaved("checkout", RunRole.BASELINE, 1, "b_fail");
        folders.interleaved("checkout", RunRole.CANDIDATE, 1, "a_pass");
        folders.single("search", "a_pass", 0);

        MeasuredRuns measured = read();

        assertThat(measured.rounds()).singleElement().satisfies(round -> {
            assertThat(requests(round.candidate())).isEqualTo(1220);
            assertThat(round.baseline().map(MeasuredRunsTest::requests)).contains(1212.0);
        });
        assertThat(requests(measured.pooledCandidates().results())).isEqualTo(2440);
        assertThat(texts()).containsExactly("search.js ran without a baseline URL: its results count for the budget "
                + "lines, but not in the A/B comparison");
    }

    @Test
    void shouldLeaveAnIncompleteABRoundOutWithAnError() {
        RunFolders folders = folders();
        folders.interleaved("checkout", RunRole.BASELINE, 1, "b_fail");
        folders.interleaved("checkout", RunRole.CANDIDATE, 1, "a_pass");
        folders.interleaved("checkout", RunRole.CANDIDATE, 2, "a_pass");

        MeasuredRuns measured = read();

        assertThat(measured.rounds()).extracting(Round::number).containsExactly(1);
        assertThat(requests(measured.pooledCandidates().results())).isEqualTo(2440);
        assertThat(diagnostics.hasErrors()).isTrue();
        assertThat(texts()).containsExactly("round 2 of checkout.js has no usable baseline run, so the round is left "
                + "out of the A/B comparison");
    }

    @Test
    void shouldCountResultsFilesOutsideRunFoldersAsOneCandidateRunOfRoundOne() throws IOException {
        Files.createDirectories(perf());
        Files.copy(RunFolders.fixture("a_pass", "run.ndjson.gz"), perf().resolve("extra.ndjson.gz"));
        Path jtl = RunFolders.path("/fixtures/jmeter/csv_default/results.jtl");

        MeasuredRuns measured = read(jtl);

        assertThat(measured.runs()).singleElement().satisfies(run -> {
            assertThat(run.script()).isEmpty();
            assertThat(run.role()).isEqualTo(RunRole.CANDIDATE);
            assertThat(run.round()).isEqualTo(1);
            assertThat(run.describe()).isEqualTo("the results files");
            assertThat(run.sources()).extracting(ResultSource::format).containsExactly("k6-ndjson", "jmeter-csv");
        });
        RunResults jtlAlone = alone(jtl);
        assertThat(requests(measured.rounds().get(0).candidate())).isEqualTo(1220 + requests(jtlAlone));
        assertThat(requests(measured.pooledCandidates().results())).isEqualTo(1220 + requests(jtlAlone));
    }

    @Test
    void shouldNameTheRunThatCannotBePooled() throws IOException {
        RunFolders folders = folders();
        folders.repeated("checkout", 1, "a_pass");
        Path second = folders.repeated("checkout", 2, "a_pass");
        // the second run declares http_reqs as a trend: it cannot be pooled with a counter
        Path ndjson = second.resolve("run.ndjson");
        Files.writeString(ndjson, """
                {"type":"Metric","data":{"name":"http_reqs","type":"trend","contains":"default","thresholds":[],"submetrics":null},"metric":"http_reqs"}
                {"metric":"http_reqs","type":"Point","data":{"time":"2025-01-01T00:00:00Z","value":1,"tags":{}}}
                """);
        Files.delete(second.resolve("run.ndjson.gz"));
        Files.move(second.resolve("k6-run.json"), second.resolve("old.json"));
        Files.writeString(second.resolve("k6-run.json"), Files.readString(second.resolve("old.json"))
                .replace("run.ndjson.gz", "run.ndjson"));

        assertThatThrownBy(this::read)
                .isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(DisplayPaths.of(ndjson) + ": cannot be pooled with the candidate runs before it: ")
                .hasMessageContaining("http_reqs");
    }

    @Test
    void shouldGiveEachRunItsScript() {
        folders().single("checkout", "a_pass", 0);

        assertThat(read().runs()).extracting(MeasuredRun::script)
                .containsExactly(Optional.of(Path.of("/project/src/test/k6/checkout.js")));
    }
}
