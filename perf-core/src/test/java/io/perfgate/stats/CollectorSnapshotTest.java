package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CollectorSnapshotTest {

    private static final String DURATION = "http_req_duration";
    private static final SeriesKey CHECKOUT = SeriesKey.of(DURATION, "name", "checkout");
    private static final SeriesKey FAILED_CHECKOUT = new SeriesKey(DURATION, Map.of("name", "checkout", "status", "500"));
    private static final SeriesKey SLOW_REGION = new SeriesKey(DURATION, Map.of("region", "ap"));
    private static final Set<SeriesKey> TRACKED = Set.of(SeriesKey.of(DURATION), CHECKOUT, FAILED_CHECKOUT, SLOW_REGION,
            SeriesKey.of("drift", "name", "b"));
    private static final List<SeriesKey> ASKED = List.of(SeriesKey.of(DURATION), CHECKOUT, FAILED_CHECKOUT, SLOW_REGION,
            SeriesKey.of(DURATION, "name", "nowhere"), SeriesKey.of(DURATION, "status", "404"), SeriesKey.of("nothing"),
            SeriesKey.of("drift", "name", "b"));

    private final Diagnostics diagnostics = new Diagnostics();

    private static Tags tags(String... pairs) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Tags.of(map);
    }

    /**
     * A run with every kind of state: a busy trend in histograms, small trends still staged, a custom trend
     * with negatives and zeros, a counter, a rate, a gauge whose samples come out of order.
     */
    private ResultsCollector collected(long seed, int requests) {
        ResultsCollector collector = new ResultsCollector(TRACKED, diagnostics);
        collector.declareMetric(DURATION, MetricType.TREND, MetricContents.TIME);
        collector.declareMetric("http_reqs", MetricType.COUNTER, MetricContents.DEFAULT);
        collector.declareMetric("http_req_failed", MetricType.RATE, MetricContents.DEFAULT);
        collector.declareMetric("vus", MetricType.GAUGE, MetricContents.DEFAULT);
        collector.declareMetric("drift", MetricType.TREND, MetricContents.DEFAULT);
        Random random = new Random(seed);
        String[] names = {"checkout", "login", "search", "cart"};
        String[] regions = {"eu", "us", "ap"};
        for (int i = 0; i < requests; i++) {
            String name = names[random.nextInt(names.length)];
            String status = random.nextInt(20) == 0 ? "500" : "200";
            Tags tags = tags("name", name, "status", status, "region", regions[random.nextInt(regions.length)]);
            long time = 1_700_000_000_000_000_000L + i * 1_000_000L;
            collector.sample(DURATION, tags, Math.exp(random.nextGaussian() * 1.5 + 3), time);
            collector.sample("http_reqs", tags, 1, time);
            collector.sample("http_req_failed", tags, status.equals("500") ? 1 : 0, time);
            collector.sample("vus", tags(), random.nextInt(50), time - random.nextInt(3) * 1_000_000L);
            if (i % 7 == 0) {
                collector.sample("drift", tags("name", names[i % 3]), i % 3 == 0 ? 0 : random.nextGaussian() * 1e-3, time);
            }
        }
        collector.addRunDuration(RunDuration.sampleSpan(requests / 1000.0));
        return collector;
    }

    private static ResultsCollector restored(CollectorSnapshot snapshot, ResultsCollector like) {
        ResultsCollector restored = like.emptyLike();
        snapshot.restoreInto(restored);
        restored.addRunDuration(snapshot.duration());
        return restored;
    }

    @Test
    void shouldRestoreExactlyWhatReadingCollectedWhetherStagedOrInHistograms() {
        for (int requests : new int[] {1, 40, 3000, 12_000}) {
            ResultsCollector read = collected(requests, requests);
            CollectorSnapshot snapshot = CollectorSnapshot.of(read);
            ResultsCollector restored = restored(snapshot, read);

            assertThat(restored.sampleCount()).isEqualTo(read.sampleCount());
            assertThat(ResultsFingerprint.of(restored.results(), ASKED))
                    .isEqualTo(ResultsFingerprint.of(read.results(), ASKED));
            for (SeriesKey failed : List.of(SeriesKey.of("http_req_failed"), SeriesKey.of("http_req_failed", "name",
                    "checkout"))) {
                assertThat(restored.results().statuses(failed).map(StatusCounts::byStatus)).as("failures by status")
                        .isEqualTo(read.results().statuses(failed).map(StatusCounts::byStatus));
            }
        }
    }

    @Test
    void shouldKeepTheFailedRequestsByStatusOfTheMetricAndOfEachName() {
        CollectorSnapshot.Metric failed = CollectorSnapshot.of(collected(3, 4000)).metrics().stream()
                .filter(metric -> metric.name().equals("http_req_failed")).findFirst().orElseThrow();
        long failures = ((CollectorSnapshot.Rate) failed.overall().orElseThrow()).nonZero();

        assertThat(failures).isPositive();
        assertThat(failed.statuses()).isEqualTo(new CollectorSnapshot.Statuses(Map.of("500", failures), 0));
        assertThat(failed.statusesByName()).extracting(CollectorSnapshot.NamedStatuses::name)
                .containsExactly("cart", "checkout", "login", "search");
        assertThat(failed.statusesByName().stream().mapToLong(named -> named.statuses().byStatus().get("500")).sum())
                .isEqualTo(failures);
    }

    @Test
    void shouldRefuseStatusesWhereReadingCouldNotHaveCountedThem() {
        CollectorSnapshot.Metric duration = new CollectorSnapshot.Metric(DURATION, MetricType.TREND, MetricContents.TIME,
                true, Optional.of(new CollectorSnapshot.Trend(1, 0, BigInteger.ONE.shiftLeft(1074), 1, 1, new double[] {1}, Optional.empty(),
                        Optional.empty())), List.of(), false, List.of(),
                List.of(new CollectorSnapshot.Watched("region", List.of(), false),
                        new CollectorSnapshot.Watched("status", List.of(), false)),
                new CollectorSnapshot.Statuses(Map.of("500", 1L), 0), List.of());
        assertThatThrownBy(() -> new CollectorSnapshot(List.of(duration), 1, RunDuration.NONE, Optional.empty())
                .restoreInto(new ResultsCollector(TRACKED, diagnostics)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric http_req_duration is a trend: only rates count statuses");

        CollectorSnapshot.Metric failed = new CollectorSnapshot.Metric("http_req_failed", MetricType.RATE,
                MetricContents.DEFAULT, true, Optional.of(new CollectorSnapshot.Rate(2, 1)), List.of(), false,
                List.of(), List.of(), CollectorSnapshot.Statuses.NONE, List.of(new CollectorSnapshot.NamedStatuses(
                        "login", new CollectorSnapshot.Statuses(Map.of("500", 1L), 0))));
        ResultsCollector empty = new ResultsCollector(TRACKED, diagnostics);
        assertThatThrownBy(() -> new CollectorSnapshot(List.of(failed), 2, RunDuration.NONE, Optional.empty())
                .restoreInto(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metric http_req_failed counts statuses of the name login that its breakdown does not hold"
                        + " once");
        assertThat(empty.isEmpty()).isTrue();
        assertThatThrownBy(() -> new CollectorSnapshot.Statuses(Map.of("500", 0L), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("status 500 is counted 0 times");
    }

    @Test
    void shouldTakeEveryKindOfStateIntoTheSnapshot() {
        int requests = 24_000; // the drift trend gets more than the 2048 non-zero values the staging keeps
        CollectorSnapshot snapshot = CollectorSnapshot.of(collected(1, requests));

        assertThat(snapshot.samples()).isEqualTo(4 * requests + (requests + 6) / 7);
        CollectorSnapshot.Metric duration = snapshot.metrics().stream().filter(metric -> metric.name().equals(DURATION))
                .findFirst().orElseThrow();
        assertThat(duration.overall().orElseThrow()).isInstanceOfSatisfying(CollectorSnapshot.Trend.class,
                trend -> assertThat(trend.inHistograms()).isTrue());
        assertThat(duration.byName()).extracting(CollectorSnapshot.Named::name)
                .containsExactlyInAnyOrder("checkout", "login", "search", "cart");
        assertThat(duration.tracked()).extracting(CollectorSnapshot.Tracked::key)
                .containsExactlyInAnyOrder(FAILED_CHECKOUT, SLOW_REGION);
        assertThat(duration.watched()).extracting(CollectorSnapshot.Watched::tag).containsExactly("region", "status");
        CollectorSnapshot.Metric drift = snapshot.metrics().stream().filter(metric -> metric.name().equals("drift"))
                .findFirst().orElseThrow();
        assertThat(drift.overall().orElseThrow()).isInstanceOfSatisfying(CollectorSnapshot.Trend.class, trend -> {
            assertThat(trend.inHistograms()).isTrue();
            assertThat(trend.negative()).isPresent();
            assertThat(trend.zeros()).isPositive();
        });
    }

    @Test
    void shouldPoolRestoredRunsAsTheRunsReadArePooled() {
        ResultsCollector first = collected(7, 5000);
        ResultsCollector second = collected(8, 300);
        ResultsCollector third = collected(9, 20_000);
        CollectorSnapshot[] snapshots = {CollectorSnapshot.of(first), CollectorSnapshot.of(second),
            CollectorSnapshot.of(third)};

        ResultsCollector pooledRead = first.emptyLike();
        pooledRead.merge(first);
        pooledRead.merge(second);
        pooledRead.merge(third);
        ResultsCollector pooledRestored = first.emptyLike();
        for (CollectorSnapshot snapshot : snapshots) {
            pooledRestored.merge(restored(snapshot, first));
        }

        assertThat(ResultsFingerprint.of(pooledRestored.results(), ASKED))
                .isEqualTo(ResultsFingerprint.of(pooledRead.results(), ASKED));
    }

    @Test
    void shouldKeepTheNameBreakdownAsCutAndWarnAboutItOnceAsReadingDid() {
        int names = ResultsCollector.NAME_VALUES_PER_METRIC + 20;
        Diagnostics readDiagnostics = new Diagnostics();
        ResultsCollector read = new ResultsCollector(Set.of(SeriesKey.of(DURATION, "name", "url-1010")), readDiagnostics);
        read.declareMetric(DURATION, MetricType.TREND, MetricContents.TIME);
        for (int i = 0; i < names; i++) {
            read.sample(DURATION, tags("name", "url-" + i), i + 1, i);
        }
        CollectorSnapshot snapshot = CollectorSnapshot.of(read);
        assertThat(snapshot.firstCappedMetric()).contains(DURATION);

        ResultsCollector family = new ResultsCollector(Set.of(SeriesKey.of(DURATION, "name", "url-1010")), diagnostics);
        ResultsCollector restored = family.emptyLike();
        snapshot.restoreInto(restored);
        assertThat(diagnostics.all()).isEmpty();
        snapshot.warnAsReadingDid(restored);
        ResultsCollector another = family.emptyLike();
        snapshot.restoreInto(another);
        snapshot.warnAsReadingDid(another);

        assertThat(diagnostics.all()).extracting(Diagnostic::text).isEqualTo(readDiagnostics.all().stream()
                .map(Diagnostic::text).toList()).hasSize(1);
        List<SeriesKey> asked = List.of(SeriesKey.of(DURATION, "name", "url-1010"), SeriesKey.of(DURATION, "name",
                "url-1015"), SeriesKey.of(DURATION, "name", "url-3"));
        assertThat(ResultsFingerprint.of(restored.results(), asked)).isEqualTo(ResultsFingerprint.of(read.results(), asked));
    }

    @Test
    void shouldRefuseToRestoreIntoACollectorOfOtherSeriesOrOneThatHoldsResults() {
        CollectorSnapshot snapshot = CollectorSnapshot.of(collected(3, 100));

        ResultsCollector untracked = new ResultsCollector(Set.of(), diagnostics);
        assertThatThrownBy(() -> snapshot.restoreInto(untracked))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not one the collector tracks");
        assertThat(untracked.isEmpty()).as("nothing restored into a collector the snapshot does not fit").isTrue();
        ResultsCollector used = collected(4, 10);
        assertThatThrownBy(() -> snapshot.restoreInto(used))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a snapshot is restored into an empty collector only");
    }

    @Test
    void shouldRefuseStatesThatDoNotAddUp() {
        CollectorSnapshot.Metric trend = new CollectorSnapshot.Metric(DURATION, MetricType.TREND, MetricContents.TIME,
                true, Optional.of(new CollectorSnapshot.Trend(3, 0, BigInteger.valueOf(3).shiftLeft(1074), 1, 1, new double[] {1, 1},
                        Optional.empty(), Optional.empty())), List.of(), false, List.of(),
                List.of(new CollectorSnapshot.Watched("region", List.of(), false),
                        new CollectorSnapshot.Watched("status", List.of(), false)), CollectorSnapshot.Statuses.NONE,
                List.of());
        CollectorSnapshot wrongCount = new CollectorSnapshot(List.of(trend), 3, RunDuration.NONE, Optional.empty());
        assertThatThrownBy(() -> wrongCount.restoreInto(new ResultsCollector(TRACKED, diagnostics)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a trend of 3 values holds 2 non-zero values and 0 zeros");

        CollectorSnapshot.Metric rate = new CollectorSnapshot.Metric("http_req_failed", MetricType.RATE,
                MetricContents.DEFAULT, true, Optional.of(new CollectorSnapshot.Rate(2, 3)), List.of(), false,
                List.of(), List.of(), CollectorSnapshot.Statuses.NONE, List.of());
        CollectorSnapshot tooManyFailures = new CollectorSnapshot(List.of(rate), 2, RunDuration.NONE,
                Optional.empty());
        assertThatThrownBy(() -> tooManyFailures.restoreInto(new ResultsCollector(TRACKED, diagnostics)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a rate of 2 samples cannot have 3 that are not zero");
    }
}
