package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.budget.Budget;
import io.perfgate.budget.BudgetParser;
import io.perfgate.budget.RegressionLine;
import io.perfgate.diag.Diagnostics;
import io.perfgate.history.Baseline;
import io.perfgate.history.RunRecord;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Verdict;
import io.perfgate.regression.FailLevel;
import io.perfgate.regression.RegressionOutcome;
import io.perfgate.regression.RegressionSettings;
import io.perfgate.regression.RegressionVerdict;
import io.perfgate.stats.CompressedHistogram;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Regression rules over real k6 runs, against baselines of every kind. */
class RegressionEvaluationTest {

    private static final SeriesKey DURATION = SeriesKey.of("http_req_duration");
    private static final SeriesKey FAILED = SeriesKey.of("http_req_failed");
    private static final RegressionSettings SETTINGS = RegressionSettings.defaults();

    /** a_pass: p(95) of http_req_duration 67.35 ms, 4 of 1,220 requests failed. */
    private static RunResults passRun;
    /** b_fail: p(95) 69.27 ms, 65 of 1,212 requests failed. */
    private static RunResults failRun;

    @BeforeAll
    static void readRecordedRuns() throws Exception {
        passRun = read("a_pass");
        failRun = read("b_fail");
    }

    private static RunResults read(String run) throws Exception {
        Path ndjson = Path.of(RegressionEvaluationTest.class.getResource("/fixtures/k6/" + run + "/run.ndjson.gz")
                .toURI());
        return ResultIngest.read(List.of(ndjson), Set.of(DURATION), new Diagnostics()).results();
    }

    private static RegressionLine rule(String selector, String expression) {
        Budget budget = BudgetParser.parse(new StringReader("thresholds: {\"" + selector + "\": [\""
                + expression + "\"]}"), "perf-budget.yaml");
        return budget.regressionLines().get(0);
    }

    private static LineResult judge(RegressionLine line, List<RunResults> candidates, Baseline baseline) {
        return judge(line, candidates, baseline, List.of());
    }

    private static LineResult judge(RegressionLine line, List<RunResults> candidates, Baseline baseline,
            List<RunRecord> recent) {
        return RegressionEvaluation.evaluate(line, candidates, new RegressionEvaluation.Comparison(
                List.of(), Optional.of(baseline), recent, "main", ""), SETTINGS);
    }

    /** Runs of main whose p(95) is {@code centre} give or take 1 %, alternating around it. */
    private static List<RunRecord> runsAround(double centre, int count) {
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double p95 = centre * (1 + (i % 2 == 0 ? 0.01 : -0.01) * (i % 3 + 1) / 3);
            runs.add(run("run-" + i, p95, 0, 1000));
        }
        return runs;
    }

    private static RunRecord run(String id, double p95, long failed, long requests) {
        OptionalDouble none = OptionalDouble.empty();
        return RunRecord.builder().project("shop").branch("main").runId(id).startedAt(Instant.parse(
                "2026-11-01T10:00:00Z")).verdict(Verdict.PASS)
                .series(new SeriesSummary(DURATION, MetricType.TREND, MetricContents.TIME, requests, none, none, none,
                        none, none, OptionalDouble.of(p95), none, none, none, Optional.empty()))
                .series(new SeriesSummary(FAILED, MetricType.RATE, MetricContents.DEFAULT, requests, none, none,
                        OptionalDouble.of((double) failed / requests), none, none, none, none, none, none,
                        Optional.empty()))
                .build();
    }

    @Test
    void shouldFailARunThatIsSlowerThanTheBaselineBeyondTheAllowance() {
        LineResult result = judge(rule("http_req_duration", "p(95) < baseline + 10%"), List.of(passRun),
                Baseline.recent(runsAround(50, 10)));

        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.regression()).map(RegressionVerdict::outcome).contains(RegressionOutcome.REGRESSION);
        assertThat(result.sentence()).startsWith("http_req_duration p(95) is 67.35 ms, 35% above the baseline of 50")
                .endsWith("(10 runs of main); the rule allows + 10%");
        assertThat(result.observedText()).isEqualTo("67.35 ms");
        assertThat(result.limitText()).matches("< 55\\.0\\d ms \\(baseline 50\\.0\\d ms \\+ 10%\\)");
    }

    /**
     * Two lines share the build's false-alarm rate: the error rate's jump (p far below 0.005) fails at
     * half the rate, and with it out of the way the latency line may use the whole rate; a line the
     * baseline has no runs for is not tested and does not count as a line.
     */
    @Test
    void shouldJudgeTheBuildsRegressionLinesTogether() {
        Budget budget = BudgetParser.parse(new StringReader("thresholds:\n"
                + "  http_req_duration: [\"p(95) < baseline + 10%\"]\n"
                + "  http_req_failed: [\"rate < baseline + 0.5%\"]\n"
                + "  http_req_waiting: [\"p(95) < baseline\"]\n"), "perf-budget.yaml");
        List<RunRecord> baseline = runsAround(50, 10);

        List<LineResult> results = RegressionEvaluation.evaluate(budget.regressionLines(), List.of(failRun),
                new RegressionEvaluation.Comparison(List.of(), Optional.of(Baseline.recent(baseline)), List.of(),
                        "main", ""), SETTINGS);

        assertThat(results).extracting(LineResult::verdict).containsExactly(Verdict.FAIL, Verdict.FAIL,
                Verdict.WARN);
        assertThat(results.get(1).regression().orElseThrow().failLevel()).isEqualTo(new FailLevel(0.005, 2));
        assertThat(results.get(0).regression().orElseThrow().failLevel()).isEqualTo(new FailLevel(0.01, 2));
        assertThat(results.get(2).regression().orElseThrow().pValue()).isNaN();
        assertThat(results.get(2).sentence()).endsWith("could not be decided: no baseline runs, 5 needed");
    }

    @Test
    void shouldPassARunWithinTheAllowanceOfAQuietBaseline() {
        LineResult result = judge(rule("http_req_duration", "p(95) < baseline + 10%"), List.of(passRun),
                Baseline.recent(runsAround(66, 12)));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.sentence()).contains("above the baseline of 66 ms (12 runs of main), within the + 10% the "
                + "rule allows");
    }

    @Test
    void shouldOnlyWarnOfARegressionWhenTheLineSaysWarn() {
        Budget budget = BudgetParser.parse(new StringReader("""
                thresholds:
                  http_req_duration:
                    - threshold: "p(95) < baseline + 10%"
                      severity: warn
                """), "perf-budget.yaml");

        LineResult result = judge(budget.regressionLines().get(0), List.of(passRun), Baseline.recent(runsAround(50, 10)));

        assertThat(result.verdict()).isEqualTo(Verdict.WARN);
        assertThat(result.regression()).map(RegressionVerdict::outcome).contains(RegressionOutcome.REGRESSION);
    }

    @Test
    void shouldWarnWithTheReasonWhenTheBaselineIsTooShort() {
        LineResult result = judge(rule("http_req_duration", "p(95) < baseline + 10%"), List.of(passRun),
                Baseline.recent(runsAround(50, 3)));

        assertThat(result.verdict()).isEqualTo(Verdict.WARN);
        assertThat(result.sentence()).isEqualTo("http_req_duration p(95) could not be decided: only 3 baseline runs,"
                + " 5 needed");
        assertThat(result.limitText()).startsWith("< ");
    }

    @Test
    void shouldWarnWhenTheHistoryCannotBeReadOrIsNotKept() {
        RegressionLine line = rule("http_req_duration", "p(95) < baseline + 10%");

        LineResult unreadable = judge(line, List.of(passRun), Baseline.unavailable("PostgreSQL at db:5432/perf is "
                + "not reachable"));
        LineResult none = RegressionEvaluation.evaluate(line, List.of(passRun),
                new RegressionEvaluation.Comparison(List.of(), Optional.empty(), List.of(), "history",
                        "no history is kept (perf.history is none), so there is no baseline"), SETTINGS);

        assertThat(unreadable.verdict()).isEqualTo(Verdict.WARN);
        assertThat(unreadable.sentence()).isEqualTo("http_req_duration p(95) could not be decided: the history could"
                + " not be read: PostgreSQL at db:5432/perf is not reachable");
        assertThat(none.verdict()).isEqualTo(Verdict.WARN);
        assertThat(none.sentence()).contains("no history is kept");
        assertThat(none.limitText()).isEqualTo("< baseline + 10%");
    }

    @Test
    void shouldTakeTheMedianOfRepeatedRuns() {
        LineResult result = judge(rule("http_req_duration", "p(95) < baseline + 10%"),
                List.of(passRun, failRun, passRun), Baseline.recent(runsAround(50, 10)));

        assertThat(result.regression().orElseThrow().candidateRuns()).isEqualTo(3);
        assertThat(result.sentence()).startsWith("http_req_duration p(95) is 67.35 ms (median of 3 runs), 35% above");
    }

    @Test
    void shouldCompareWithAPinnedRunUsingTheNoiseOfRecentRuns() {
        RegressionLine line = rule("http_req_duration", "p(95) < baseline + 10%");
        Baseline pinned = Baseline.pinned(run("1200", 50, 0, 1000));

        LineResult decided = judge(line, List.of(passRun), pinned, runsAround(60, 10));
        LineResult undecided = judge(line, List.of(passRun), pinned, runsAround(60, 2));

        assertThat(decided.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(decided.sentence()).contains("35% above the baseline of 50 ms (1 run of main, pinned: 1200)");
        assertThat(undecided.verdict()).isEqualTo(Verdict.WARN);
        assertThat(undecided.sentence()).contains("only 2 recent runs, 5 needed");
    }

    @Test
    void shouldCountFailedRequestsForAnErrorRateRule() {
        RegressionLine line = rule("http_req_failed", "rate < baseline + 1%");
        List<RunRecord> quiet = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            quiet.add(run("run-" + i, 60, i % 3, 1000));
        }

        LineResult fewFailures = judge(line, List.of(passRun), Baseline.recent(quiet));
        LineResult manyFailures = judge(line, List.of(failRun), Baseline.recent(quiet));

        assertThat(fewFailures.verdict()).isEqualTo(Verdict.PASS);
        assertThat(fewFailures.regression().orElseThrow().method()).isEqualTo(RegressionVerdict.Method.EVENT_COUNTS);
        assertThat(manyFailures.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(manyFailures.sentence()).startsWith("http_req_failed rate is 5.363%, 5.3 percentage points above the"
                + " baseline of 0.09% (10 runs of main); the rule allows + 1 percentage point");
    }

    @Test
    void shouldCompareInterleavedRunsRoundByRound() {
        RegressionLine line = rule("http_req_duration", "p(95) < baseline + 1%");
        List<RunResults> candidates = List.of(failRun, failRun, failRun, failRun, failRun, failRun, failRun);
        List<RunResults> baselines = List.of(passRun, passRun, passRun, passRun, passRun, passRun, passRun);

        LineResult result = RegressionEvaluation.evaluate(line, candidates,
                new RegressionEvaluation.Comparison(baselines, Optional.empty(), List.of(), "main", ""), SETTINGS);

        assertThat(result.regression().orElseThrow().method()).isEqualTo(RegressionVerdict.Method.INTERLEAVED);
        assertThat(result.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(result.sentence()).contains("2.9% above the baseline of 67.35 ms (7 runs of the baseline URL, "
                + "interleaved)");
    }

    @Test
    void shouldFailClosedOnASeriesTheRunDoesNotHave() {
        LineResult result = judge(rule("http_req_duration{name:nothere}", "p(95) < baseline + 10%"), List.of(passRun),
                Baseline.recent(runsAround(50, 10)));

        assertThat(result.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(result.sentence()).startsWith("http_req_duration{name:nothere} p(95) could not be evaluated: ");
    }

    /** A build of main that ran its load once per round p(95), and whose pooled p(95) is {@code pooled}. */
    private static RunRecord repeatedRun(String id, double pooled, double... rounds) {
        OptionalDouble none = OptionalDouble.empty();
        RunRecord.Builder run = RunRecord.builder().project("shop").branch("main").runId(id)
                .startedAt(Instant.parse("2026-11-01T10:00:00Z")).verdict(Verdict.PASS)
                .series(new SeriesSummary(DURATION, MetricType.TREND, MetricContents.TIME, 3000, none, none, none,
                        none, none, OptionalDouble.of(pooled), none, none, none, Optional.empty()));
        for (double p95 : rounds) {
            run.round(List.of(new SeriesSummary(DURATION, MetricType.TREND, MetricContents.TIME, 1000, none, none,
                    none, none, none, OptionalDouble.of(p95), none, none, none, Optional.empty())));
        }
        return run.build();
    }

    @Test
    void shouldTakeABaselineBuildOfRepeatedRunsAsTheMedianOfItsRoundsNotItsPooledValue() {
        RunRecord pinned = repeatedRun("1200", 100, 40, 200, 50);

        LineResult result = judge(rule("http_req_duration", "p(95) < baseline + 10%"), List.of(passRun),
                Baseline.pinned(pinned), runsAround(50, 10));

        assertThat(result.regression().orElseThrow().baseline()).isCloseTo(50, within(1e-9));
        assertThat(result.limitText()).isEqualTo("< 55 ms (baseline 50 ms + 10%)");
    }

    @Test
    void shouldTakeTheBaselineRunsOfRepeatedBuildsByTheMedianLikeTheCandidatesRounds() {
        List<RunRecord> history = new ArrayList<>();
        for (RunRecord run : runsAround(66, 10)) {
            double p95 = run.series(DURATION).orElseThrow().p95().getAsDouble();
            // By their pooled 40 ms the candidate's 67 ms would be a regression; by their rounds it is not.
            history.add(repeatedRun(run.runId(), 40, p95 * 0.9, p95, p95 * 1.5));
        }

        LineResult result = judge(rule("http_req_duration", "p(95) < baseline + 10%"), List.of(passRun),
                Baseline.recent(history));

        assertThat(result.verdict()).isEqualTo(Verdict.PASS);
        assertThat(result.regression().orElseThrow().baseline()).isCloseTo(66, within(1.0));
    }

    @Test
    void shouldTakeABuildRecordedWithoutRoundsByItsPooledValue() {
        LineResult result = judge(rule("http_req_duration", "p(95) < baseline + 10%"), List.of(passRun),
                Baseline.pinned(repeatedRun("1200", 100)), runsAround(50, 10));

        assertThat(result.regression().orElseThrow().baseline()).isEqualTo(100);
    }

    @Test
    void shouldTakeTheMedianOfAnEvenNumberOfRoundsAsTheCandidateSideDoes() {
        RunRecord pinned = repeatedRun("1200", 100, 40, 90, 160, 30);

        LineResult result = judge(rule("http_req_duration", "p(95) < baseline + 10%"), List.of(passRun),
                Baseline.pinned(pinned), runsAround(50, 10));

        // The geometric mean of the middle two, 40 and 90, as the median of 4 candidate rounds would be.
        assertThat(result.regression().orElseThrow().baseline()).isCloseTo(60, within(1e-9));
    }

    @Test
    void shouldTakeAStatisticTheRoundsCannotTellFromThePooledHistogram() {
        DoubleHistogram values = new DoubleHistogram(3);
        for (int i = 1; i <= 1000; i++) {
            values.recordValue(i * 0.1);
        }
        RunRecord repeated = repeatedRun("1200", 100, 40, 200, 50);
        RunRecord pinned = RunRecord.builder().project("shop").branch("main").runId("1200")
                .startedAt(repeated.startedAt()).verdict(Verdict.PASS)
                .series(repeated.series().get(0).withHistogram(CompressedHistogram.encode(values)))
                .round(repeated.rounds().get(0)).round(repeated.rounds().get(1)).round(repeated.rounds().get(2))
                .build();

        LineResult result = judge(rule("http_req_duration", "p(97) < baseline + 10%"), List.of(passRun),
                Baseline.pinned(pinned), runsAround(50, 10));

        assertThat(result.regression().orElseThrow().baseline()).isCloseTo(97, within(0.5));
    }
}
