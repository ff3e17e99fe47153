package io.perfgate.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Trend;
import io.perfgate.model.TrendChangePoint;
import io.perfgate.model.TrendLimit;
import io.perfgate.model.TrendPoint;
import io.perfgate.model.TrendSubject;
import io.perfgate.model.Verdict;
import io.perfgate.stats.CompressedHistogram;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.IntFunction;
import org.HdrHistogram.DoubleHistogram;
import org.junit.jupiter.api.Test;

class TrendsTest {

    private static final Instant T0 = Instant.parse("2025-04-01T08:00:00Z");
    private static final SeriesKey CHECKOUT = SeriesKey.of("http_req_duration", "name", "checkout");
    private static final Statistic P95 = Statistic.percentile(95);
    private static final TrendSubject CHECKOUT_P95 = new TrendSubject(CHECKOUT, P95,
            List.of(new TrendLimit("p(95)<700ms", 700, "ms")), List.of("p(95)<700ms"));

    @Test
    void shouldFindNoChangePointInAFlatSeries() {
        List<Double> values = noisy(new Random(11), 30, index -> 500.0);

        Trend trend = single(Trends.of(newestFirst(values), List.of(CHECKOUT_P95)));

        assertThat(trend.changePoints()).isEmpty();
        assertThat(trend.points()).extracting(TrendPoint::runId).first().isEqualTo("1000");
        assertThat(trend.points()).extracting(TrendPoint::runId).last().isEqualTo("1029");
        assertThat(trend.points()).extracting(point -> point.value().getAsDouble()).containsExactlyElementsOf(values);
        assertThat(trend.limits()).containsExactly(new TrendLimit("p(95)<700ms", 700, "ms"));
        assertThat(trend.contents()).isEqualTo(MetricContents.TIME);
    }

    @Test
    void shouldFindAStepOfThirtyPercentAtTheRunThatBroughtIt() {
        List<Double> values = noisy(new Random(12), 30, index -> index < 17 ? 500.0 : 650.0);

        Trend trend = single(Trends.of(newestFirst(values), List.of(CHECKOUT_P95)));

        assertThat(trend.changePoints()).hasSize(1);
        TrendChangePoint change = trend.changePoints().get(0);
        assertThat(change.index()).isEqualTo(17);
        assertThat(change.runId()).isEqualTo("1017");
        assertThat(change.relativeChange().getAsDouble()).isCloseTo(0.30, within(0.02));
        assertThat(change.meanBefore()).isCloseTo(500, within(10.0));
        assertThat(change.pValue()).isLessThanOrEqualTo(0.01);
    }

    @Test
    void shouldLeaveFlaggedRunsOutOfDetectionYetDrawThem() {
        // The last six runs ran on a slow agent: as values they are a step, as flagged runs they are not.
        List<Double> values = noisy(new Random(13), 30, index -> index < 24 ? 500.0 : 750.0);
        List<RunRecord> runs = runs(values);

        Trend unflagged = single(Trends.of(recorded(runs, index -> Optional.empty()), List.of(CHECKOUT_P95)));
        Trend flagged = single(Trends.of(recorded(runs, index -> index >= 24 ? Optional.of("slow agent")
                : Optional.empty()), List.of(CHECKOUT_P95)));

        assertThat(unflagged.changePoints()).extracting(TrendChangePoint::index).containsExactly(24);
        assertThat(flagged.changePoints()).isEmpty();
        assertThat(flagged.points()).hasSize(30);
        assertThat(flagged.points().subList(24, 30)).allSatisfy(point -> {
            assertThat(point.flagReason()).contains("slow agent");
            assertThat(point.value().getAsDouble()).isGreaterThan(700);
        });
        assertThat(flagged.points().subList(0, 24)).noneMatch(TrendPoint::flagged);
    }

    @Test
    void shouldPointChangePointsAtTheRightRunPastMissingAndFlaggedRuns() {
        List<Double> values = noisy(new Random(14), 32, index -> index < 20 ? 500.0 : 650.0);
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            // Runs 5 and 19 did not measure checkout at all.
            runs.add(i == 5 || i == 19 ? build(i).build() : withCheckout(build(i), values.get(i)).build());
        }

        Trend trend = single(Trends.of(recorded(runs, index -> index == 3 ? Optional.of("known-bad build")
                : Optional.empty()), List.of(CHECKOUT_P95)));

        assertThat(trend.points().get(5).value()).isEmpty();
        assertThat(trend.points().get(19).value()).isEmpty();
        assertThat(trend.points().get(3).flagged()).isTrue();
        assertThat(trend.changePoints()).extracting(TrendChangePoint::index).containsExactly(20);
        assertThat(trend.changePoints()).extracting(TrendChangePoint::runId).containsExactly("1020");
    }

    @Test
    void shouldRecomputeOtherPercentilesFromTheHistogram() {
        DoubleHistogram values = new DoubleHistogram(3);
        for (int i = 1; i <= 1000; i++) {
            values.recordValue(i);
        }
        CompressedHistogram histogram = CompressedHistogram.encode(values);
        RunRecord withHistogram = build(0).series(snapshot(CHECKOUT, 40).withHistogram(histogram)).build();
        RunRecord without = build(1).series(snapshot(CHECKOUT, 41)).build();
        RunRecord noP95 = build(2).series(new SeriesSummary(CHECKOUT, MetricType.TREND, MetricContents.TIME, 1000,
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), Optional.of(histogram))).build();
        List<RecordedRun> runs = recorded(List.of(withHistogram, without, noP95), index -> Optional.empty());

        List<Trend> trends = Trends.of(runs, List.of(TrendSubject.unwatched(CHECKOUT, Statistic.percentile(99.9)),
                TrendSubject.unwatched(CHECKOUT, P95)));

        List<TrendPoint> p999 = trends.get(0).points();
        assertThat(p999.get(0).value().getAsDouble()).isCloseTo(999, within(2.0));
        assertThat(p999.get(1).value()).as("no histogram, no p(99.9)").isEmpty();
        assertThat(p999.get(2).value().getAsDouble()).isCloseTo(999, within(2.0));
        List<TrendPoint> p95 = trends.get(1).points();
        assertThat(p95.get(0).value()).as("the recorded p(95) wins").hasValue(40);
        assertThat(p95.get(1).value()).hasValue(41);
        assertThat(p95.get(2).value().getAsDouble()).as("recomputed when not recorded").isCloseTo(950, within(2.0));
    }

    @Test
    void shouldTakeTheRecordedLinesValueBeforeTheSnapshotAndTheirWorstVerdict() {
        TrendSubject subject = new TrendSubject(CHECKOUT, P95, List.of(new TrendLimit("p(95)<600ms", 600, "ms")),
                List.of("p(95)<600ms", "p(95) < baseline + 10%"));
        RunRecord measured = withCheckout(build(0), 590)
                .line(new LineVerdict(CHECKOUT, "p(95)<600ms", OptionalDouble.of(612), Verdict.FAIL))
                .line(new LineVerdict(CHECKOUT, "p(95) < baseline + 10%", OptionalDouble.of(612), Verdict.WARN))
                .build();
        RunRecord undecided = withCheckout(build(1), 580)
                .line(new LineVerdict(CHECKOUT, "p(95)<600ms", OptionalDouble.empty(), Verdict.ERROR))
                .build();
        RunRecord regressionOnly = withCheckout(build(2), 570)
                .line(new LineVerdict(CHECKOUT, "p(95) < baseline + 10%", OptionalDouble.of(575), Verdict.PASS))
                .line(new LineVerdict(SeriesKey.of("http_req_failed"), "p(95)<600ms", OptionalDouble.of(1),
                        Verdict.FAIL))
                .build();
        RunRecord noLine = withCheckout(build(3), 560).verdict(Verdict.WARN).build();

        List<TrendPoint> points = single(Trends.of(recorded(List.of(measured, undecided, regressionOnly, noLine),
                index -> Optional.empty()), List.of(subject))).points();

        assertThat(points).extracting(TrendPoint::value).containsExactly(OptionalDouble.of(612),
                OptionalDouble.of(580), OptionalDouble.of(575), OptionalDouble.of(560));
        assertThat(points).extracting(TrendPoint::verdict).containsExactly(Optional.of(Verdict.FAIL),
                Optional.of(Verdict.ERROR), Optional.of(Verdict.PASS), Optional.empty());
        assertThat(points.get(3).runVerdict()).isEqualTo(Verdict.WARN);
    }

    @Test
    void shouldTakeWhatTheSnapshotHoldsForTheMetricsType() {
        SeriesKey failed = SeriesKey.of("http_req_failed");
        SeriesSummary rate = new SeriesSummary(failed, MetricType.RATE, MetricContents.DEFAULT, 1200,
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.of(0.0536), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), Optional.empty());
        List<RecordedRun> runs = recorded(List.of(build(0).series(rate).build(), withCheckout(build(1), 480).build()),
                index -> Optional.empty());

        List<Trend> trends = Trends.of(runs, List.of(TrendSubject.unwatched(failed, Statistic.RATE),
                TrendSubject.unwatched(CHECKOUT, Statistic.MED), TrendSubject.unwatched(CHECKOUT, Statistic.VALUE)));

        assertThat(trends.get(0).points()).extracting(TrendPoint::value)
                .containsExactly(OptionalDouble.of(0.0536), OptionalDouble.empty());
        assertThat(trends.get(1).points()).extracting(TrendPoint::value)
                .containsExactly(OptionalDouble.empty(), OptionalDouble.of(240));
        assertThat(trends.get(2).points()).allMatch(point -> point.value().isEmpty());
    }

    @Test
    void shouldAddOverallLatencyOnceWhenTheRunsMeasuredIt() {
        SeriesKey overall = SeriesKey.of("http_req_duration");
        List<RecordedRun> measured = recorded(List.of(build(0).series(snapshot(overall, 50)).build(),
                build(1).series(snapshot(overall, 52)).build()), index -> Optional.empty());
        List<RecordedRun> unmeasured = recorded(List.of(withCheckout(build(0), 50).build()), index -> Optional.empty());

        List<Trend> added = Trends.of(measured, List.of(CHECKOUT_P95));
        List<Trend> watched = Trends.of(measured, List.of(new TrendSubject(overall, P95,
                List.of(new TrendLimit("p(95)<500ms", 500, "ms")), List.of("p(95)<500ms"))));

        assertThat(added).extracting(Trend::label).containsExactly("http_req_duration{name:checkout} p(95)",
                "http_req_duration p(95)");
        assertThat(added.get(1).limits()).isEmpty();
        assertThat(added.get(1).points()).extracting(TrendPoint::value)
                .containsExactly(OptionalDouble.of(50), OptionalDouble.of(52));
        assertThat(added.get(0).points()).allMatch(point -> point.value().isEmpty());
        assertThat(watched).hasSize(1);
        assertThat(watched.get(0).limits()).hasSize(1);
        assertThat(Trends.of(unmeasured, List.of())).isEmpty();
    }

    @Test
    void shouldReturnNoTrendsWithoutHistory() {
        assertThat(Trends.of(List.of(), List.of(CHECKOUT_P95))).isEmpty();
    }

    @Test
    void shouldKeepEachRunsIdentityAndMarks() {
        RunRecord run = withCheckout(RunRecord.builder().project("shop").branch("main").runId("77")
                .commit("9fceb02d0ae598e95dc970b74767f19372d61af8").buildUrl("https://ci.example/job/shop/77/")
                .startedAt(T0).verdict(Verdict.FAIL), 612).build();
        RunRecord anonymous = withCheckout(RunRecord.builder().project("shop").branch("main").runId("78")
                .startedAt(T0.plusSeconds(60)).verdict(Verdict.PASS), 480).build();
        List<RecordedRun> runs = List.of(new RecordedRun(anonymous, Optional.empty(), false),
                new RecordedRun(run, Optional.of("noisy agent"), true));

        List<TrendPoint> points = single(Trends.of(runs, List.of(CHECKOUT_P95))).points();

        assertThat(points.get(0)).isEqualTo(new TrendPoint("77", Optional.of("9fceb02d0ae598e95dc970b74767f19372d61af8"),
                Optional.of("https://ci.example/job/shop/77/"), T0, OptionalDouble.of(612), Optional.empty(),
                Verdict.FAIL, Optional.of("noisy agent"), true));
        assertThat(points.get(1)).isEqualTo(new TrendPoint("78", Optional.empty(), Optional.empty(),
                T0.plusSeconds(60), OptionalDouble.of(480), Optional.empty(), Verdict.PASS, Optional.empty(), false));
    }

    @Test
    void shouldTakeTheContentsOfTheNewestRun() {
        SeriesSummary older = new SeriesSummary(CHECKOUT, MetricType.TREND, MetricContents.DEFAULT, 1, OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.of(3), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                Optional.empty());
        List<RecordedRun> runs = recorded(List.of(build(0).series(older).build(),
                withCheckout(build(1), 4).build(), build(2).build()), index -> Optional.empty());

        assertThat(single(Trends.of(runs, List.of(CHECKOUT_P95))).contents()).isEqualTo(MetricContents.TIME);
    }

    // --- runs -------------------------------------------------------------------------------------

    private static Trend single(List<Trend> trends) {
        assertThat(trends).hasSize(1);
        return trends.get(0);
    }

    /** {@code count} values around {@code centre(index)} with 2 % noise, the way p(95) of a quiet agent varies. */
    private static List<Double> noisy(Random random, int count, IntFunction<Double> centre) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(Math.round(centre.apply(i) * (1 + 0.02 * random.nextGaussian()) * 100) / 100.0);
        }
        return values;
    }

    private static RunRecord.Builder build(int index) {
        return RunRecord.builder().project("shop").branch("main").runId(Integer.toString(1000 + index))
                .commit(String.format(Locale.ROOT, "%040x", 0xabcdefL + index))
                .buildUrl("https://ci.example/job/shop/" + (1000 + index) + "/")
                .startedAt(T0.plusSeconds(3600L * index)).verdict(Verdict.PASS);
    }

    private static RunRecord.Builder withCheckout(RunRecord.Builder builder, double p95) {
        return builder.series(snapshot(CHECKOUT, p95));
    }

    private static SeriesSummary snapshot(SeriesKey key, double p95) {
        return new SeriesSummary(key, MetricType.TREND, MetricContents.TIME, 1000, OptionalDouble.of(20), OptionalDouble.of(1),
                OptionalDouble.of(p95 / 2), OptionalDouble.of(p95 / 2), OptionalDouble.of(p95 * 0.9),
                OptionalDouble.of(p95), OptionalDouble.empty(), OptionalDouble.of(p95 * 2), OptionalDouble.empty(),
                Optional.empty());
    }

    /** Oldest-first runs, one per value. */
    private static List<RunRecord> runs(List<Double> values) {
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            runs.add(withCheckout(build(i), values.get(i)).build());
        }
        return runs;
    }

    private static List<RecordedRun> newestFirst(List<Double> values) {
        return recorded(runs(values), index -> Optional.empty());
    }

    /** The runs newest first, as the store lists them, each flagged as {@code flag} says for its oldest-first index. */
    private static List<RecordedRun> recorded(List<RunRecord> oldestFirst, IntFunction<Optional<String>> flag) {
        List<RecordedRun> recorded = new ArrayList<>();
        for (int i = 0; i < oldestFirst.size(); i++) {
            recorded.add(new RecordedRun(oldestFirst.get(i), flag.apply(i), false));
        }
        Collections.reverse(recorded);
        return recorded;
    }
}
