package io.perfgate.history;

import static io.perfgate.history.Runs.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.model.Verdict;
import io.perfgate.stats.SeriesKey;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The behaviour every {@link HistoryStore} shares; each test runs over every implementation. */
class HistoryStoreContractTest {

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldReturnARecordedRunUnchanged(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord full = Runs.full("group:shop", "build-1");

        assertThat(store.record(full)).isEqualTo(RecordOutcome.STORED);

        List<RecordedRun> runs = store.runs("group:shop", full.branch(), 10);
        assertThat(runs).extracting(RecordedRun::run).containsExactly(full);
        RunRecord back = runs.get(0).run();
        assertThat(back.startedAt()).isEqualTo(Instant.parse("2025-03-01T12:34:56.123456Z"));
        assertThat(back.series(Runs.CHECKOUT).orElseThrow().histogram().orElseThrow().decode()
                .getValueAtPercentile(50)).isEqualTo(full.series(Runs.CHECKOUT).orElseThrow().histogram()
                .orElseThrow().decode().getValueAtPercentile(50));
        assertThat(runs.get(0).flagged()).isFalse();
        assertThat(runs.get(0).pinned()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldReturnTheDatabaseStatementsOfARunUnchanged(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord withStatements = Runs.withStatements("shop", "build-7");
        RunRecord without = run("shop", withStatements.branch(), "build-6", 0, Verdict.PASS);

        store.record(without);
        store.record(withStatements);

        List<RunRecord> back = store.runs("shop", withStatements.branch(), 10).stream().map(RecordedRun::run).toList();
        assertThat(back).containsExactly(withStatements, without);
        assertThat(back.get(0).statements().orElseThrow().statementCount()).isEqualTo(12);
        assertThat(back.get(0).statements().orElseThrow().complete()).isFalse();
        assertThat(back.get(1).statements()).as("a run without snapshots").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldReturnABuildOfRepeatedRunsWithEachRound(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord repeated = Runs.repeated("shop", "build-3");

        assertThat(store.record(repeated)).isEqualTo(RecordOutcome.STORED);

        RunRecord back = store.runs("shop", repeated.branch(), 10).get(0).run();
        assertThat(back).isEqualTo(repeated);
        assertThat(back.rounds()).hasSize(3);
        assertThat(back.rounds(Runs.CHECKOUT)).extracting(round -> round.orElseThrow().p95().getAsDouble())
                .containsExactly(340.5, 362.25, 351.5);
        assertThat(back.rounds(SeriesKey.of("http_reqs")))
                .extracting(Optional::isPresent).containsExactly(true, false, true);
        assertThat(back.rounds().get(0)).allSatisfy(summary -> assertThat(summary.histogram()).isEmpty());
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", repeated.branch(), 5)).runs())
                .containsExactly(repeated);
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldReturnASingleRunBuildWithoutRounds(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord single = run("shop", "main", "1", 0, Verdict.PASS);

        store.record(single);

        assertThat(store.runs("shop", "main", 10).get(0).run().rounds()).isEmpty();
        assertThat(store.runs("shop", "main", 10).get(0).run().rounds(Runs.CHECKOUT)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldKeepTheFirstRecordWhenARetriedBuildRecordsTheSameRunIdAgain(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord first = run("shop", "main", "build-7", 0, Verdict.PASS);
        RunRecord retry = run("shop", "release", "build-7", 5, Verdict.FAIL);

        assertThat(store.record(first)).isEqualTo(RecordOutcome.STORED);
        assertThat(store.record(retry)).isEqualTo(RecordOutcome.ALREADY_STORED);
        assertThat(store.record(first)).isEqualTo(RecordOutcome.ALREADY_STORED);

        assertThat(store.runs("shop", "main", 10)).extracting(RecordedRun::run).containsExactly(first);
        assertThat(store.runs("shop", "release", 10)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldKeepProjectsApart(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord shop = run("shop", "main", "1", 0, Verdict.PASS);
        RunRecord billing = run("billing", "main", "1", 1, Verdict.PASS);

        assertThat(store.record(shop)).isEqualTo(RecordOutcome.STORED);
        assertThat(store.record(billing)).isEqualTo(RecordOutcome.STORED);

        assertThat(store.runs("shop", "main", 10)).extracting(RecordedRun::run).containsExactly(shop);
        assertThat(store.runs("billing", "main", 10)).extracting(RecordedRun::run).containsExactly(billing);
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldKeepBranchesApartWhoseNamesDifferOnlyInCase(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord lower = run("shop", "main", "1", 0, Verdict.PASS);
        RunRecord upper = run("shop", "Main", "2", 1, Verdict.PASS);
        store.record(lower);
        store.record(upper);

        assertThat(store.runs("shop", "main", 10)).extracting(RecordedRun::run).containsExactly(lower);
        assertThat(store.runs("shop", "Main", 10)).extracting(RecordedRun::run).containsExactly(upper);
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldListTheNewestRunsFirstWithEveryVerdict(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord pass = run("shop", "main", "a", 0, Verdict.PASS);
        RunRecord fail = run("shop", "main", "b", 2, Verdict.FAIL);
        RunRecord error = run("shop", "main", "c", 1, Verdict.ERROR);
        RunRecord warn = run("shop", "main", "d", 3, Verdict.WARN);
        for (RunRecord run : List.of(fail, pass, warn, error)) {
            store.record(run);
        }

        assertThat(store.runs("shop", "main", 10)).extracting(RecordedRun::run)
                .containsExactly(warn, fail, error, pass);
        assertThat(store.runs("shop", "main", 2)).extracting(RecordedRun::run).containsExactly(warn, fail);
        assertThat(store.runs("shop", "other", 10)).isEmpty();
        assertThat(store.runs("nobody", "main", 10)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldOrderRunsStartedInTheSameMicrosecondByRunId(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        List<String> ids = List.of("b", "a", "B", "é", "z", "10", "9", "😀", "ｚ");
        for (String id : ids) {
            store.record(run("shop", "main", id, 0, Verdict.PASS));
        }
        store.record(run("shop", "main", "older", -1, Verdict.PASS));

        List<String> expected = List.of("😀", "ｚ", "é", "z", "b", "a", "B", "9", "10");
        assertThat(store.runs("shop", "main", 20)).extracting(recorded -> recorded.run().runId())
                .containsExactlyElementsOf(concat(expected, "older"));
        assertThat(store.runs("shop", "main", 3)).extracting(recorded -> recorded.run().runId())
                .containsExactly("😀", "ｚ", "é");
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 2)).runs())
                .extracting(RunRecord::runId).containsExactly("😀", "ｚ");
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldBuildTheBaselineFromTheLastPassingRunsOfTheBranch(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord oldest = run("shop", "main", "1", 1, Verdict.PASS);
        RunRecord warn = run("shop", "main", "2", 2, Verdict.WARN);
        RunRecord failed = run("shop", "main", "3", 3, Verdict.FAIL);
        RunRecord pass = run("shop", "main", "4", 4, Verdict.PASS);
        RunRecord broken = run("shop", "main", "5", 5, Verdict.ERROR);
        RunRecord otherBranch = run("shop", "feature", "6", 6, Verdict.PASS);
        RunRecord otherProject = run("billing", "main", "7", 7, Verdict.PASS);
        for (RunRecord run : List.of(oldest, warn, failed, pass, broken, otherBranch, otherProject)) {
            store.record(run);
        }

        Baseline baseline = store.baseline(BaselineQuery.lastRuns("shop", "main", 2));
        assertThat(baseline.kind()).isEqualTo(Baseline.Kind.RECENT);
        assertThat(baseline.available()).isTrue();
        assertThat(baseline.runs()).containsExactly(pass, warn);
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 10)).runs())
                .containsExactly(pass, warn, oldest);
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldAnswerAnEmptyBaselineForABranchWithoutHistory(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        store.record(run("shop", "main", "1", 1, Verdict.FAIL));

        Baseline baseline = store.baseline(BaselineQuery.lastRuns("shop", "main", 5));
        assertThat(baseline.kind()).isEqualTo(Baseline.Kind.RECENT);
        assertThat(baseline.runs()).isEmpty();
        assertThat(store.baseline(BaselineQuery.lastRuns("new-project", "main", 5)).runs()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldLeaveFlaggedRunsOutOfTheBaselineUntilTheFlagIsTakenAway(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord older = run("shop", "main", "1", 1, Verdict.PASS);
        RunRecord noisy = run("shop", "main", "2", 2, Verdict.PASS);
        store.record(older);
        store.record(noisy);

        store.flag("shop", "2", "noisy agent");

        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5)).runs()).containsExactly(older);
        assertThat(store.runs("shop", "main", 5)).extracting(RecordedRun::flagReason)
                .containsExactly(java.util.Optional.of("noisy agent"), java.util.Optional.empty());

        store.flag("shop", "2", "agent swapped its disk");
        assertThat(store.runs("shop", "main", 1).get(0).flagReason()).contains("agent swapped its disk");

        assertThat(store.unflag("shop", "2")).isTrue();
        assertThat(store.unflag("shop", "2")).isFalse();
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5)).runs()).containsExactly(noisy, older);
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldUseThePinnedRunAsTheBaselineWhateverItsVerdict(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord approved = run("shop", "main", "1", 1, Verdict.FAIL);
        RunRecord newer = run("shop", "main", "2", 2, Verdict.PASS);
        RunRecord other = run("shop", "main", "3", 3, Verdict.PASS);
        store.record(approved);
        store.record(newer);
        store.record(other);

        store.pin("shop", "main", "1");

        Baseline baseline = store.baseline(BaselineQuery.lastRuns("shop", "main", 5));
        assertThat(baseline.kind()).isEqualTo(Baseline.Kind.PINNED);
        assertThat(baseline.runs()).containsExactly(approved);
        assertThat(store.runs("shop", "main", 5)).extracting(RecordedRun::pinned).containsExactly(false, false, true);
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "feature", 5)).runs()).isEmpty();

        store.pin("shop", "main", "2");
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5)).runs()).containsExactly(newer);

        assertThat(store.unpin("shop", "main")).isTrue();
        assertThat(store.unpin("shop", "main")).isFalse();
        Baseline recent = store.baseline(BaselineQuery.lastRuns("shop", "main", 5));
        assertThat(recent.kind()).isEqualTo(Baseline.Kind.RECENT);
        assertThat(recent.runs()).containsExactly(other, newer);
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldIgnoreAPinnedRunOnceItIsFlagged(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord pinned = run("shop", "main", "1", 1, Verdict.PASS);
        RunRecord newer = run("shop", "main", "2", 2, Verdict.PASS);
        store.record(pinned);
        store.record(newer);
        store.pin("shop", "main", "1");

        store.flag("shop", "1", "measured on the wrong agent");

        Baseline baseline = store.baseline(BaselineQuery.lastRuns("shop", "main", 5));
        assertThat(baseline.kind()).isEqualTo(Baseline.Kind.RECENT);
        assertThat(baseline.runs()).containsExactly(newer);
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldNeverOfferTheRunBeingJudgedAsItsOwnBaseline(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        RunRecord older = run("shop", "main", "1", 1, Verdict.PASS);
        RunRecord current = run("shop", "main", "2", 2, Verdict.PASS);
        store.record(older);
        store.record(current);

        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5).excluding("2")).runs())
                .containsExactly(older);

        store.pin("shop", "main", "2");
        Baseline baseline = store.baseline(BaselineQuery.lastRuns("shop", "main", 5).excluding("2"));
        assertThat(baseline.kind()).isEqualTo(Baseline.Kind.RECENT);
        assertThat(baseline.runs()).containsExactly(older);
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldRefuseToPinOrFlagARunItDoesNotHold(StoreImplementation implementation) {
        HistoryStore store = implementation.open(folder);
        store.record(run("shop", "main", "1", 1, Verdict.PASS));

        assertThatThrownBy(() -> store.pin("shop", "main", "9")).isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("project shop has no run 9 on branch main");
        assertThatThrownBy(() -> store.pin("shop", "feature", "1")).isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("project shop has no run 1 on branch feature");
        assertThatThrownBy(() -> store.pin("billing", "main", "1")).isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("project billing has no run 1");
        assertThatThrownBy(() -> store.flag("shop", "9", "noisy")).isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("project shop has no run 9");
        assertThatThrownBy(() -> store.unflag("shop", "9")).isInstanceOf(UnknownRunException.class)
                .hasMessageContaining("project shop has no run 9");
        assertThatThrownBy(() -> store.flag("shop", "1", " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
        assertThat(store.baseline(BaselineQuery.lastRuns("shop", "main", 5)).kind()).isEqualTo(Baseline.Kind.RECENT);
    }

    @ParameterizedTest
    @EnumSource(StoreImplementation.class)
    void shouldStoreEveryRunOnceWhenManyThreadsRecordAtOnce(StoreImplementation implementation) throws Exception {
        HistoryStore store = implementation.open(folder);
        int threads = 8;
        int runsPerThread = 50;
        int stride = 40; // neighbouring threads share ten run ids, as retried builds would
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<RecordOutcome>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<RecordOutcome>> writer = () -> {
                    List<RecordOutcome> outcomes = new ArrayList<>();
                    for (int i = 0; i < runsPerThread; i++) {
                        int id = thread * stride + i;
                        RunRecord run = Runs.builder("shop", "main", "run-" + id, id, Verdict.PASS)
                                .startedAt(Runs.T0.plusSeconds(60L * id + thread)).build();
                        outcomes.add(store.record(run));
                    }
                    return outcomes;
                };
                results.add(pool.submit(writer));
            }
            List<RecordOutcome> outcomes = new ArrayList<>();
            for (Future<List<RecordOutcome>> result : results) {
                outcomes.addAll(result.get(120, TimeUnit.SECONDS));
            }
            int distinct = (threads - 1) * stride + runsPerThread;
            long spooled = outcomes.stream().filter(outcome -> outcome == RecordOutcome.SPOOLED).count();
            if (implementation != StoreImplementation.SPOOLING_POSTGRES) {
                assertThat(spooled).isZero();
            }
            // A spooling store may spool a run when the database does not answer in time on a busy machine;
            // the listing below, which writes what was spooled first, must then hold it all the same.
            assertThat(outcomes).filteredOn(outcome -> outcome == RecordOutcome.STORED).hasSizeBetween(
                    (int) (distinct - spooled), distinct);
            assertThat(outcomes).filteredOn(outcome -> outcome == RecordOutcome.ALREADY_STORED).hasSizeBetween(
                    (int) (threads * runsPerThread - distinct - spooled), threads * runsPerThread - distinct);

            List<RecordedRun> stored = store.runs("shop", "main", 1000);
            Set<String> ids = new HashSet<>();
            stored.forEach(recorded -> ids.add(recorded.run().runId()));
            assertThat(stored).hasSize(distinct);
            assertThat(ids).hasSize(distinct);
            for (int id = 0; id < distinct; id++) {
                assertThat(ids).contains("run-" + id);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> concat(List<String> first, String last) {
        List<String> all = new ArrayList<>(first);
        all.add(last);
        return all;
    }
}
