package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResultsCollectorTest {

    private static final String DURATION = "http_req_duration";
    private final Diagnostics diagnostics = new Diagnostics();

    private static Tags tags(String... pairs) {
        Map<String, String> map = new java.util.TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return Tags.of(map);
    }

    private ResultsCollector collector(SeriesKey... tracked) {
        ResultsCollector collector = new ResultsCollector(Set.of(tracked), diagnostics);
        collector.declareMetric(DURATION, MetricType.TREND, MetricContents.TIME);
        return collector;
    }

    @Test
    void shouldKeepEachMetricItsNameBreakdownAndTrackedSeries() {
        SeriesKey failedCheckout = new SeriesKey(DURATION, Map.of("name", "checkout", "status", "500"));
        ResultsCollector collector = collector(failedCheckout);
        collector.sample(DURATION, tags("name", "checkout", "status", "200"), 10, 1);
        collector.sample(DURATION, tags("name", "checkout", "status", "500"), 30, 2);
        collector.sample(DURATION, tags("name", "login", "status", "200"), 5, 3);
        collector.sample(DURATION, tags(), 7, 4);
        RunResults results = collector.results();

        assertThat(results.series(SeriesKey.of(DURATION)).orElseThrow().sampleCount()).isEqualTo(4);
        assertThat(results.series(SeriesKey.of(DURATION, "name", "checkout")).orElseThrow()
                .value(Statistic.MAX)).hasValue(30);
        assertThat(results.series(failedCheckout).orElseThrow().value(Statistic.AVG)).hasValue(30);
        assertThat(results.summarySeries()).extracting(series -> series.key().toString())
                .containsExactly(DURATION, DURATION + "{name:checkout}", DURATION + "{name:login}");
    }

    @Test
    void shouldExplainAMissingMetricWithTheClosestNamesFirst() {
        ResultsCollector collector = collector();
        collector.declareMetric("http_reqs", MetricType.COUNTER, MetricContents.DEFAULT);
        collector.sample(DURATION, tags(), 1, 1);
        collector.sample("http_reqs", tags(), 1, 1);
        String reason = collector.results().missingReason(SeriesKey.of("http_req_durationx"));
        assertThat(reason).isEqualTo("no metric http_req_durationx in the results (metrics seen: http_req_duration,"
                + " http_reqs)");
    }

    @Test
    void shouldExplainAMissingNameWithTheNamesSeen() {
        ResultsCollector collector = collector(SeriesKey.of(DURATION, "name", "chekout"));
        for (String name : List.of("checkout", "login", "search", "cart", "a", "b", "c", "d", "e", "f", "g", "h")) {
            collector.sample(DURATION, tags("name", name), 1, 1);
        }
        RunResults results = collector.results();
        SeriesKey typo = SeriesKey.of(DURATION, "name", "chekout");
        assertThat(results.series(typo)).isEmpty();
        assertThat(results.missingReason(typo)).isEqualTo("no sample of http_req_duration has name=chekout"
                + " (name values seen: checkout, a, b, c, cart, d, e, f, g, h, … (2 more))");
    }

    @Test
    void shouldExplainAMissingTagAndACombinationNeverSeenTogether() {
        SeriesKey byRegion = new SeriesKey(DURATION, Map.of("region", "eu"));
        SeriesKey together = new SeriesKey(DURATION, Map.of("name", "login", "status", "500"));
        ResultsCollector collector = collector(byRegion, together);
        collector.sample(DURATION, tags("name", "login", "status", "200"), 1, 1);
        collector.sample(DURATION, tags("name", "search", "status", "500"), 1, 1);
        RunResults results = collector.results();
        assertThat(results.missingReason(byRegion)).isEqualTo("no sample of http_req_duration has a tag region");
        assertThat(results.missingReason(together))
                .isEqualTo("no sample of http_req_duration has name=login and status=500 together");
    }

    @Test
    void shouldSayWhenASeriesWasNotAskedForBeforeReading() {
        ResultsCollector collector = collector();
        collector.sample(DURATION, tags("status", "200"), 1, 1);
        SeriesKey untracked = SeriesKey.of(DURATION, "status", "200");
        RunResults results = collector.results();
        assertThat(results.series(untracked)).as("never a partial answer").isEmpty();
        assertThat(results.missingReason(untracked)).contains("was not named before reading");
    }

    @Test
    void shouldCapTheNameBreakdownWithOneWarningButKeepTrackedNames() {
        SeriesKey trackedLate = SeriesKey.of(DURATION, "name", "late-but-tracked");
        ResultsCollector collector = collector(trackedLate);
        for (int i = 0; i < ResultsCollector.NAME_VALUES_PER_METRIC + 50; i++) {
            collector.sample(DURATION, tags("name", "/item/" + i), i + 1, i);
        }
        collector.sample(DURATION, tags("name", "late-but-tracked"), 5, 9999);
        RunResults results = collector.results();

        assertThat(diagnostics.all()).filteredOn(message -> message.level() == Diagnostic.Level.WARNING)
                .hasSize(1).first().extracting(Diagnostic::text).asString().contains("more than 1000");
        assertThat(results.summarySeries()).hasSize(1 + ResultsCollector.NAME_VALUES_PER_METRIC + 1);
        assertThat(results.series(trackedLate).orElseThrow().sampleCount()).isEqualTo(1);
        assertThat(results.series(SeriesKey.of(DURATION)).orElseThrow().sampleCount())
                .isEqualTo(ResultsCollector.NAME_VALUES_PER_METRIC + 51);
        SeriesKey dropped = SeriesKey.of(DURATION, "name", "/item/1020");
        assertThat(results.series(dropped)).isEmpty();
        assertThat(results.missingReason(dropped)).contains("more than 1000 values of the tag name");
    }

    @Test
    void shouldFindEverySamplesSeriesWhenFarMoreTagSetsComeThanAreRemembered() {
        SeriesKey failed = new SeriesKey(DURATION, Map.of("status", "500"));
        SeriesKey region = new SeriesKey(DURATION, Map.of("region", "eu"));
        ResultsCollector collector = collector(failed, region);
        int sets = 3 * MetricSeries.ROUTES_KEPT;
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < sets; i++) {
                collector.sample(DURATION, tags("name", "n" + i % 3, "status", i % 10 == 0 ? "500" : "200",
                        "url", "/item/" + i), i % 3 + 1, i);
            }
        }
        RunResults results = collector.results();

        assertThat(results.series(SeriesKey.of(DURATION)).orElseThrow().sampleCount()).isEqualTo(2L * sets);
        for (int name = 0; name < 3; name++) {
            SeriesStatistics named = results.series(SeriesKey.of(DURATION, "name", "n" + name)).orElseThrow();
            assertThat(named.sampleCount()).isEqualTo(2L * sets / 3);
            assertThat(named.value(Statistic.AVG)).hasValue(name + 1);
        }
        assertThat(results.series(failed).orElseThrow().sampleCount()).isEqualTo(2L * ((sets + 9) / 10));
        assertThat(results.missingReason(region)).isEqualTo("no sample of http_req_duration has a tag region");
    }

    @Test
    void shouldWarnAboutTheCapOnceAcrossMergedFiles() {
        ResultsCollector pooled = collector();
        for (int file = 0; file < 2; file++) {
            ResultsCollector part = pooled.emptyLike();
            part.declareMetric(DURATION, MetricType.TREND, MetricContents.TIME);
            for (int i = 0; i < 700; i++) {
                part.sample(DURATION, tags("name", file + "-" + i), 1, i);
            }
            pooled.merge(part);
        }
        assertThat(pooled.results().summarySeries()).hasSize(1 + ResultsCollector.NAME_VALUES_PER_METRIC);
        assertThat(diagnostics.all()).hasSize(1);
    }

    @Test
    void shouldAddDurationsAndMergeSamplesOfSeveralFiles() {
        ResultsCollector pooled = new ResultsCollector(Set.of(), diagnostics);
        for (int file = 0; file < 3; file++) {
            ResultsCollector part = pooled.emptyLike();
            part.declareMetric("http_reqs", MetricType.COUNTER, MetricContents.DEFAULT);
            for (int i = 0; i < 10; i++) {
                part.sample("http_reqs", tags(), 1, i);
            }
            part.addRunDuration(RunDuration.sampleSpan(5));
            pooled.merge(part);
        }
        RunResults results = pooled.results();
        assertThat(results.durationSeconds()).isEqualTo(15);
        SeriesStatistics requests = results.series(SeriesKey.of("http_reqs")).orElseThrow();
        assertThat(requests.value(Statistic.COUNT)).hasValue(30);
        assertThat(requests.value(Statistic.RATE)).hasValue(2);
    }

    @Test
    void shouldRefuseAMetricDeclaredWithAnotherType() {
        ResultsCollector collector = collector();
        assertThatThrownBy(() -> collector.declareMetric(DURATION, MetricType.COUNTER, MetricContents.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("counter")
                .hasMessageContaining("trend");
        assertThatThrownBy(() -> collector.sample("undeclared", tags(), 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before it was declared");
    }

    @Test
    void shouldTakeNoInputAfterResults() {
        ResultsCollector collector = collector();
        collector.results();
        assertThatThrownBy(() -> collector.sample(DURATION, tags(), 1, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("results() was called; this collector takes no more input");
        assertThatThrownBy(() -> collector.declareMetric("other", MetricType.TREND, MetricContents.TIME))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> collector.addRunDuration(RunDuration.stated(1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> collector.merge(collector.emptyLike())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldCountSamplesOfEveryFileAndRefuseADurationThatIsNoTime() {
        ResultsCollector pooled = collector();
        pooled.sample(DURATION, tags(), 3, 1);
        ResultsCollector part = pooled.emptyLike();
        part.declareMetric(DURATION, MetricType.TREND, MetricContents.TIME);
        part.sample(DURATION, tags("name", "a"), 4, 2);
        part.sample(DURATION, tags("name", "a"), 5, 3);

        pooled.merge(part);

        assertThat(part.sampleCount()).isEqualTo(2);
        assertThat(pooled.sampleCount()).isEqualTo(3);
        pooled.addRunDuration(RunDuration.stated(0));
        assertThatThrownBy(() -> RunDuration.stated(-0.001)).hasMessage(
                "run duration must be a finite number of seconds >= 0, was -0.001");
        assertThatThrownBy(() -> RunDuration.stated(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pooled.merge(new ResultsCollector(Set.of(SeriesKey.of("x")), diagnostics)))
                .hasMessage("collectors track different series; create them with emptyLike()");
        RunResults results = pooled.results();
        assertThat(results.series(SeriesKey.parse(DURATION + "{name:a}")).orElseThrow().sampleCount()).isEqualTo(2);
        assertThat(results.series(SeriesKey.of(DURATION)).orElseThrow().value(Statistic.MAX)).hasValue(5);
    }

    /**
     * A metric a summary could not give contents for takes them from a later declaration; one whose
     * contents were stated keeps them, and another statement is refused.
     */
    @Test
    void shouldAdoptContentsASummaryCouldNotTellAndRefuseContradictingOnes() {
        ResultsCollector collector = new ResultsCollector(Set.of(), diagnostics);
        collector.report(new ReportedSeries(SeriesKey.of("data_sent"), MetricType.COUNTER, MetricContents.DEFAULT,
                false, Map.of(Statistic.COUNT, 10.0), OptionalLong.empty(), OptionalLong.empty(), "summary.json"));
        collector.declareMetric("data_sent", MetricType.COUNTER, MetricContents.DATA);
        collector.declareMetric("data_sent", MetricType.COUNTER, MetricContents.DATA);

        assertThatThrownBy(() -> collector.declareMetric("data_sent", MetricType.COUNTER, MetricContents.TIME))
                .hasMessage("metric data_sent holds time values here but data values in what was read before");
        assertThat(collector.results().series(SeriesKey.of("data_sent")).orElseThrow().contents())
                .isEqualTo(MetricContents.DATA);
    }

    /** Merging keeps every part of another file's metric: its name breakdown, tracked series and watched tags. */
    @Test
    void shouldMergeEveryPartOfAMetric() {
        SeriesKey post = SeriesKey.parse(DURATION + "{method:POST}");
        SeriesKey put = SeriesKey.parse(DURATION + "{method:PUT}");
        ResultsCollector pooled = collector(post, put);
        pooled.sample(DURATION, tags("name", "a", "method", "GET"), 1, 1);
        ResultsCollector part = pooled.emptyLike();
        part.declareMetric(DURATION, MetricType.TREND, MetricContents.TIME);
        part.sample(DURATION, tags("name", "a", "method", "POST"), 7, 2);
        part.sample(DURATION, tags("name", "b", "method", "POST"), 9, 3);
        part.sample(DURATION, tags("name", "c", "method", "DELETE"), 11, 4);

        pooled.merge(part);
        pooled.sample(DURATION, tags("name", "a", "method", "POST"), 8, 5);
        RunResults results = pooled.results();

        assertThat(results.series(SeriesKey.parse(DURATION + "{name:a}")).orElseThrow().sampleCount()).isEqualTo(3);
        assertThat(results.series(SeriesKey.parse(DURATION + "{name:b}")).orElseThrow().sampleCount()).isEqualTo(1);
        assertThat(results.series(post).orElseThrow().sampleCount()).isEqualTo(3);
        assertThat(results.series(post).orElseThrow().value(Statistic.MIN)).hasValue(7);
        assertThat(results.series(SeriesKey.of(DURATION)).orElseThrow().sampleCount()).isEqualTo(5);
        // The method values only the part saw come along: PUT is missing among DELETE, GET and POST.
        assertThat(results.missingReason(put)).isEqualTo("no sample of http_req_duration has method=PUT "
                + "(method values seen: GET, POST, DELETE)");
    }

    /** A file that reached the cap on name values makes the pooled results say so for the names it dropped. */
    @Test
    void shouldKnowAfterMergingThatAFileDroppedNameValues() {
        ResultsCollector pooled = collector();
        ResultsCollector part = pooled.emptyLike();
        part.declareMetric(DURATION, MetricType.TREND, MetricContents.TIME);
        for (int i = 0; i <= ResultsCollector.NAME_VALUES_PER_METRIC; i++) {
            part.sample(DURATION, tags("name", "/item/" + i), 1, i);
        }

        pooled.merge(part);
        RunResults results = pooled.results();

        SeriesKey dropped = SeriesKey.of(DURATION, "name", "/item/" + ResultsCollector.NAME_VALUES_PER_METRIC);
        assertThat(results.series(dropped)).isEmpty();
        assertThat(results.missingReason(dropped)).isEqualTo("http_req_duration has more than 1000 values of the "
                + "tag name and " + dropped + " was not among those kept; only series named before reading are "
                + "kept beyond that");
        assertThat(diagnostics.all()).hasSize(1);
    }

    /** Past the values kept of a watched tag, the wanted value may exist in a sample that was not kept. */
    @Test
    void shouldSayWhenTheWantedTagValueMayBeAmongTheValuesNotKept() {
        SeriesKey put = SeriesKey.parse(DURATION + "{method:PUT}");
        ResultsCollector collector = collector(put);
        for (int i = 0; i <= ResultsCollector.TAG_VALUES_KEPT; i++) {
            collector.sample(DURATION, tags("method", "M" + i), 1, i);
        }

        String reason = collector.results().missingReason(put);

        assertThat(reason).startsWith("no sample of http_req_duration matches " + put + "; PUT is not among the "
                + "first 200 method values kept (").endsWith(", … (190+ more))");
        assertThat(collector.tracked()).containsExactly(put);
    }

    /** Each summary that lacks a submetric is named with the submetrics it holds itself. */
    @Test
    void shouldListTheSubmetricsEachSummaryHolds() {
        ResultsCollector collector = new ResultsCollector(Set.of(), diagnostics);
        collector.report(summaryTrend(DURATION, "a.json"));
        collector.report(summaryTrend(DURATION + "{name:x}", "a.json"));
        collector.report(summaryTrend(DURATION, "b.json"));
        collector.report(summaryTrend(DURATION + "{name:y}", "b.json"));
        RunResults results = collector.results();

        SeriesKey z = SeriesKey.of(DURATION, "name", "z");
        assertThat(results.missingReason(z)).isEqualTo("a.json holds no submetric " + z + " (k6 writes only the "
                + "submetrics that thresholds use; it has: " + DURATION + "{name:x}); b.json holds no submetric " + z
                + " (k6 writes only the submetrics that thresholds use; it has: " + DURATION + "{name:y})");
        assertThat(results.summarySeries()).extracting(series -> series.key().toString())
                .containsExactly(DURATION, DURATION + "{name:x}", DURATION + "{name:y}");
    }

    @Test
    void shouldSayWhyAStatisticDoesNotFitTheType() {
        ResultsCollector collector = collector();
        collector.sample(DURATION, tags(), 1, 1);
        SeriesStatistics series = collector.results().series(SeriesKey.of(DURATION)).orElseThrow();
        assertThat(series.value(Statistic.COUNT)).isEmpty();
        assertThat(series.unavailableReason(Statistic.COUNT)).isEqualTo("http_req_duration is a trend, which has"
                + " avg, min, max, med, p(N), not count");
    }

    // --- pooling pre-aggregated summaries ---

    private static ReportedSeries summaryTrend(String selector, String source) {
        return new ReportedSeries(SeriesKey.parse(selector), MetricType.TREND, MetricContents.TIME, true,
                Map.of(Statistic.AVG, 20.0, Statistic.MIN, 2.0, Statistic.MED, 15.0, Statistic.MAX, 90.0,
                        Statistic.percentile(90), 60.0, Statistic.percentile(95), 70.0),
                OptionalLong.empty(), OptionalLong.empty(), source);
    }

    @Test
    void shouldGiveASummarysOwnValuesAndSayWhichAreMissing() {
        ResultsCollector collector = new ResultsCollector(Set.of(), diagnostics);
        collector.report(summaryTrend(DURATION, "the k6 summary export s.json"));
        SeriesStatistics series = collector.results().series(SeriesKey.of(DURATION)).orElseThrow();
        assertThat(series.value(Statistic.percentile(95))).hasValue(70);
        assertThat(series.value(Statistic.percentile(50))).as("p(50) is med").hasValue(15);
        assertThat(series.value(Statistic.percentile(99))).isEmpty();
        assertThat(series.unavailableReason(Statistic.percentile(99))).isEqualTo("the k6 summary export s.json"
                + " holds only avg, min, med, max, p(90), p(95) for http_req_duration; p(99) needs the k6 NDJSON"
                + " output (--out json) or a summaryTrendStats option that lists it");
    }

    @Test
    void shouldNeverGiveAPercentilePooledFromASummaryAndSamples() {
        ResultsCollector pooled = collector();
        pooled.sample(DURATION, tags(), 1, 1);
        pooled.sample(DURATION, tags(), 200, 2);
        pooled.report(summaryTrend(DURATION, "the k6 summary export s.json"));
        SeriesStatistics series = pooled.results().series(SeriesKey.of(DURATION)).orElseThrow();

        assertThat(series.value(Statistic.MIN)).hasValue(1);
        assertThat(series.value(Statistic.MAX)).hasValue(200);
        for (Statistic statistic : List.of(Statistic.percentile(95), Statistic.MED, Statistic.AVG)) {
            assertThat(series.value(statistic)).as(statistic.toString()).isEmpty();
            assertThat(series.unavailableReason(statistic)).contains("cannot be pooled")
                    .contains("the k6 summary export s.json");
        }
    }

    @Test
    void shouldPoolCountsAndRatesOfSummariesExactly() {
        ResultsCollector pooled = new ResultsCollector(Set.of(), diagnostics);
        pooled.declareMetric("http_req_failed", MetricType.RATE, MetricContents.DEFAULT);
        pooled.declareMetric("http_reqs", MetricType.COUNTER, MetricContents.DEFAULT);
        for (int i = 0; i < 10; i++) {
            pooled.sample("http_req_failed", tags(), i < 2 ? 1 : 0, i);
            pooled.sample("http_reqs", tags(), 1, i);
        }
        pooled.addRunDuration(RunDuration.stated(10));
        pooled.report(new ReportedSeries(SeriesKey.of("http_req_failed"), MetricType.RATE, MetricContents.DEFAULT,
                false, Map.of(Statistic.RATE, 0.1), OptionalLong.of(30), OptionalLong.of(3), "the k6 summary s"));
        pooled.report(new ReportedSeries(SeriesKey.of("http_reqs"), MetricType.COUNTER, MetricContents.DEFAULT,
                false, Map.of(Statistic.COUNT, 30.0, Statistic.RATE, 3.0), OptionalLong.empty(), OptionalLong.empty(),
                "the k6 summary s"));
        pooled.addRunDuration(RunDuration.stated(10));
        RunResults results = pooled.results();

        SeriesStatistics failed = results.series(SeriesKey.of("http_req_failed")).orElseThrow();
        assertThat(failed.value(Statistic.RATE)).hasValue(5.0 / 40);
        assertThat(failed.sampleCount()).isEqualTo(40);
        SeriesStatistics requests = results.series(SeriesKey.of("http_reqs")).orElseThrow();
        assertThat(requests.value(Statistic.COUNT)).hasValue(40);
        assertThat(requests.value(Statistic.RATE)).hasValue(2);
    }

    @Test
    void shouldNotPoolASubmetricThatASummaryDoesNotHold() {
        SeriesKey slow = SeriesKey.of(DURATION, "name", "slow");
        ResultsCollector pooled = collector(slow);
        pooled.sample(DURATION, tags("name", "slow"), 50, 1);
        pooled.report(summaryTrend(DURATION, "the k6 summary export s.json"));
        pooled.report(summaryTrend(DURATION + "{name:fast}", "the k6 summary export s.json"));
        RunResults results = pooled.results();

        SeriesStatistics series = results.series(slow).orElseThrow();
        assertThat(series.value(Statistic.MAX)).as("that run's slow requests are unknown").isEmpty();
        assertThat(series.unavailableReason(Statistic.MAX)).contains("but not its submetric " + slow);

        SeriesKey absent = SeriesKey.of(DURATION, "name", "nowhere");
        assertThat(results.missingReason(absent)).contains("has name=nowhere")
                .contains("the k6 summary export s.json holds no submetric " + absent)
                .contains("it has: " + DURATION + "{name:fast}");
    }

    @Test
    void shouldCountTheFailedSamplesOfARateMetricByStatusForTheMetricAndEachName() {
        ResultsCollector collector = collector();
        collector.declareMetric("http_req_failed", MetricType.RATE, MetricContents.DEFAULT);
        collector.sample("http_req_failed", tags("name", "checkout", "status", "503"), 1, 1);
        collector.sample("http_req_failed", tags("name", "checkout", "status", "503"), 1, 2);
        collector.sample("http_req_failed", tags("name", "checkout", "status", "200"), 0, 3);
        collector.sample("http_req_failed", tags("name", "login", "status", "500"), 1, 4);
        collector.sample("http_req_failed", tags("name", "login"), 1, 5);
        ResultsCollector other = collector.emptyLike();
        other.declareMetric("http_req_failed", MetricType.RATE, MetricContents.DEFAULT);
        other.sample("http_req_failed", tags("name", "checkout", "status", "0"), 1, 6);
        collector.merge(other);

        RunResults results = collector.results();

        assertThat(results.statuses(SeriesKey.of("http_req_failed")).orElseThrow().byStatus())
                .containsExactly(Map.entry("503", 2L), Map.entry("0", 1L), Map.entry("500", 1L));
        assertThat(results.statuses(SeriesKey.of("http_req_failed", "name", "checkout")).orElseThrow().byStatus())
                .as("a passed request is not counted").containsExactly(Map.entry("503", 2L), Map.entry("0", 1L));
        assertThat(results.statuses(SeriesKey.of("http_req_failed", "name", "login")).orElseThrow().byStatus())
                .as("a failure without a status is not counted by status").containsExactly(Map.entry("500", 1L));
        assertThat(results.statuses(SeriesKey.of(DURATION))).as("not a rate metric").isEmpty();
        assertThat(results.statuses(new SeriesKey("http_req_failed", Map.of("scenario", "a")))).isEmpty();
    }

    @Test
    void shouldTellApartABoundedNumberOfStatusesAndCountTheRestAsOthers() {
        ResultsCollector collector = collector();
        collector.declareMetric("http_req_failed", MetricType.RATE, MetricContents.DEFAULT);
        for (int status = 0; status < StatusCounts.STATUSES_KEPT + 5; status++) {
            collector.sample("http_req_failed", tags("status", Integer.toString(1000 + status)), 1, status);
        }

        StatusCounts counts = collector.results().statuses(SeriesKey.of("http_req_failed")).orElseThrow();

        assertThat(counts.byStatus()).hasSize(StatusCounts.STATUSES_KEPT);
        assertThat(counts.others()).isEqualTo(5);
    }
}
