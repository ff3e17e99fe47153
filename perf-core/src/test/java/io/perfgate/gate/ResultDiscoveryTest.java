package io.perfgate.gate;

import io.perfgate.diag.MavenLikeSpelling;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.run.K6BuildRuns;
import io.perfgate.run.RunRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which run folders and results files the gate finds, and how it groups them into runs. */
class ResultDiscoveryTest {

    @TempDir
    Path project;

    private final Diagnostics diagnostics = new Diagnostics();

    private Path perf() {
        return project.resolve("target/perf");
    }

    private ResultDiscovery.Found find(Path... resultFiles) {
        return ResultDiscovery.find(new CheckRequest(project.resolve("perf-budget.yaml"), perf(), List.of(resultFiles),
                perf(), true).withSpelling(MavenLikeSpelling.SPELLING), diagnostics);
    }

    private static Optional<String> scriptName(ResultDiscovery.FoundRun run) {
        return run.script().map(script -> script.getFileName().toString());
    }

    @Test
    void shouldFindTheOnlyRunOfAScriptInTheScriptsFolder() {
        Path folder = new RunFolders(perf()).single("checkout", "a_pass", 0);

        ResultDiscovery.Found found = find();

        assertThat(found.runs()).singleElement().satisfies(run -> {
            assertThat(run.script()).contains(Path.of("/project/src/test/k6/checkout.js"));
            assertThat(run.role()).isEqualTo(RunRole.CANDIDATE);
            assertThat(run.round()).isEqualTo(1);
            assertThat(run.files()).containsExactly(folder.resolve("run.ndjson.gz").toAbsolutePath().normalize());
            assertThat(run.k6Run()).hasValueSatisfying(k6 -> assertThat(k6.folder()).isEqualTo(folder));
        });
        assertThat(diagnostics.all()).isEmpty();
    }

    @Test
    void shouldFindEachRepeatedRunInItsOwnFolderInRoundOrder() {
        RunFolders folders = new RunFolders(perf());
        for (int round : new int[] {10, 2, 1}) {
            folders.repeated("checkout", round, "a_pass");
        }

        ResultDiscovery.Found found = find();

        // by round number, not by folder name (run-10 sorts before run-2)
        assertThat(found.runs()).extracting(ResultDiscovery.FoundRun::role, ResultDiscovery.FoundRun::round,
                run -> run.files().get(0).getParent().getFileName().toString())
                .containsExactly(tuple(RunRole.CANDIDATE, 1, "run-1"), tuple(RunRole.CANDIDATE, 2, "run-2"),
                        tuple(RunRole.CANDIDATE, 10, "run-10"));
    }

    @Test
    void shouldTellCandidateFromBaselineRunsAndKeepOnlyCandidatesForK6sThresholds() {
        RunFolders folders = new RunFolders(perf());
        for (int round = 1; round <= 2; round++) {
            folders.interleaved("checkout", RunRole.BASELINE, round, "b_fail");
            folders.interleaved("checkout", RunRole.CANDIDATE, round, "a_pass");
        }

        ResultDiscovery.Found found = find();

        assertThat(found.runs()).extracting(ResultDiscovery.FoundRun::round, ResultDiscovery.FoundRun::role,
                run -> run.files().get(0).getParent().getFileName().toString())
                .containsExactly(tuple(1, RunRole.CANDIDATE, "candidate-1"), tuple(1, RunRole.BASELINE, "baseline-1"),
                        tuple(2, RunRole.CANDIDATE, "candidate-2"), tuple(2, RunRole.BASELINE, "baseline-2"));
        assertThat(found.k6Runs()).hasSize(4);
        assertThat(found.candidateK6Runs()).extracting(run -> run.folder().getFileName().toString())
                .containsExactly("candidate-1", "candidate-2");
    }

    @Test
    void shouldGroupResultsFilesOutsideRunFoldersIntoOneCandidateRun() throws IOException {
        new RunFolders(perf()).single("checkout", "a_pass", 0);
        Path lying = Files.copy(RunFolders.fixture("b_fail", "run.ndjson.gz"), perf().resolve("extra.ndjson.gz"));
        Path jtl = RunFolders.path("/fixtures/jmeter/csv_default/results.jtl");

        ResultDiscovery.Found found = find(jtl);

        assertThat(found.runs()).extracting(ResultDiscoveryTest::scriptName, ResultDiscovery.FoundRun::role,
                ResultDiscovery.FoundRun::round)
                .containsExactly(tuple(Optional.of("checkout.js"), RunRole.CANDIDATE, 1),
                        tuple(Optional.empty(), RunRole.CANDIDATE, 1));
        assertThat(found.runs().get(1).files()).containsExactly(lying.toAbsolutePath().normalize(),
                jtl.toAbsolutePath().normalize());
        assertThat(found.runs().get(1).k6Run()).isEmpty();
    }

    @Test
    void shouldReadAListedFileOfAK6RunOnlyWithItsRun() {
        Path folder = new RunFolders(perf()).single("checkout", "a_pass", 0);

        ResultDiscovery.Found found = find(folder.resolve("run.ndjson.gz"));

        assertThat(found.runs()).singleElement().satisfies(run -> assertThat(run.script()).isPresent());
        assertThat(diagnostics.all()).extracting(Diagnostic::text).containsExactly(DisplayPaths.of(
                folder.resolve("run.ndjson.gz")) + " is listed in resultFiles but is already read as part of its k6 run");
    }

    @Test
    void shouldNameBothFoldersThatClaimTheSameRunAndUseTheFirst() {
        RunFolders folders = new RunFolders(perf());
        Path first = folders.repeated("checkout", 1, "a_pass");
        Path copy = folders.write(perf().resolve("checkout/run-1-copy"), "checkout", "a_pass", 0, RunRole.CANDIDATE, 1);

        ResultDiscovery.Found found = find();

        assertThat(found.runs()).singleElement().satisfies(run -> assertThat(run.files().get(0).getParent())
                .isEqualTo(DisplayPaths.of(first)));
        assertThat(diagnostics.hasErrors()).isTrue();
        assertThat(diagnostics.all()).extracting(Diagnostic::text).containsExactly("both " + DisplayPaths.of(first)
                + " and " + DisplayPaths.of(copy) + " hold the candidate run of round 1 of checkout.js; the second is "
                + "not used. Delete the stale folder, or let perf:k6 write the results afresh");
    }

    @Test
    void shouldLeaveOutAFailedRunAndNameItsFolder() {
        RunFolders folders = new RunFolders(perf());
        folders.repeated("checkout", 1, "a_pass");
        Path failed = folders.write(perf().resolve("checkout/run-2"), "checkout", "a_pass", 107, RunRole.CANDIDATE, 2);

        ResultDiscovery.Found found = find();

        assertThat(found.runs()).extracting(ResultDiscovery.FoundRun::round).containsExactly(1);
        assertThat(found.k6Runs()).hasSize(2);
        assertThat(diagnostics.all()).extracting(Diagnostic::text).containsExactly("the k6 run of checkout.js (run-2) "
                + "did not finish (exit code 107), so its results in " + DisplayPaths.of(failed) + " are not used");
    }

    @Test
    void shouldRefuseToDecideOnBaselineRunsAlone() {
        new RunFolders(perf()).interleaved("checkout", RunRole.BASELINE, 1, "a_pass");

        assertThatThrownBy(this::find)
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("no results to evaluate: no k6 run recorded by perf:k6 (k6-run.json) with a "
                        + "candidate's results");
    }

    @Test
    void shouldReadAFileReachedThroughALinkOnce() throws IOException {
        Path jtl = Files.copy(RunFolders.path("/fixtures/jmeter/csv_default/results.jtl"),
                Files.createDirectories(perf()).resolve("results.jtl"));
        Path link = Files.createSymbolicLink(project.resolve("same.jtl"), jtl);

        ResultDiscovery.Found found = find(link);

        assertThat(found.runs()).singleElement().satisfies(run -> assertThat(run.files()).hasSize(1));
        assertThat(diagnostics.all()).extracting(Diagnostic::text).singleElement().asString()
                .endsWith("(reached through a link), so it is read once");
    }

    @Test
    void shouldLeaveOutTheRunsOfScriptsAnEarlierBuildRan() {
        RunFolders folders = new RunFolders(perf());
        folders.single("search", "b_fail", 99);
        folders.repeated("checkout", 1, "a_pass");
        folders.repeated("checkout", 2, "a_pass");
        new K6BuildRuns(List.of("checkout")).write(perf());

        ResultDiscovery.Found found = find();

        assertThat(found.runs()).extracting(ResultDiscoveryTest::scriptName)
                .containsExactly(Optional.of("checkout.js"), Optional.of("checkout.js"));
        assertThat(found.k6Runs()).hasSize(2);
        assertThat(diagnostics.all()).extracting(Diagnostic::text).containsExactly(perf().resolve("search")
                + " holds k6 runs of an earlier build: the latest perf:k6 ran checkout, so they are not used. "
                + "Delete the folder, or build with clean");
    }

    @Test
    void shouldUseEveryRunWhenNoK6StepLeftItsList() {
        RunFolders folders = new RunFolders(perf());
        folders.single("search", "a_pass", 0);
        folders.single("checkout", "a_pass", 0);

        assertThat(find().runs()).hasSize(2);
    }
}
