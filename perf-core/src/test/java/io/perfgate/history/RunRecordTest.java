package io.perfgate.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Verdict;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RunRecordTest {

    @Test
    void shouldKeepTheStartToTheMicrosecondAsEveryStoreDoes() {
        RunRecord run = Runs.builder("shop", "main", "1", 0, Verdict.PASS)
                .startedAt(Instant.parse("2025-03-01T12:00:00.123456789Z")).build();

        assertThat(run.startedAt()).isEqualTo(Instant.parse("2025-03-01T12:00:00.123456Z"));
    }

    @Test
    void shouldSayWhichPartIsMissing() {
        assertThatThrownBy(() -> RunRecord.builder().branch("main").runId("1").startedAt(Runs.T0)
                .verdict(Verdict.PASS).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a run needs its project");
        assertThatThrownBy(() -> RunRecord.builder().project("shop").branch("main").runId("1").startedAt(Runs.T0)
                .build()).hasMessage("a run needs its verdict");
        assertThatThrownBy(() -> Runs.builder("shop", " ", "1", 0, Verdict.PASS).build())
                .hasMessage("branch must not be blank");
    }

    @Test
    void shouldReplaceWhatNoStoreCanKeepAsTheReportsDo() {
        SeriesKey hostile = SeriesKey.of("http_req_duration", "name", "a\ud800b\u0000c");
        RunRecord run = Runs.builder("shop", "feature/\uDC00x", "run\uD800", 0, Verdict.PASS).label("agent", "a\u0000b")
                .series(new SeriesSummary(hostile, MetricType.TREND, MetricContents.TIME, 1, OptionalDouble.of(1),
                        OptionalDouble.of(1), OptionalDouble.of(1), OptionalDouble.of(1), OptionalDouble.of(1),
                        OptionalDouble.of(1), OptionalDouble.of(1), OptionalDouble.of(1), OptionalDouble.empty(),
                        Optional.empty()))
                .line(new LineVerdict(hostile, "p(95)<300\uD800", OptionalDouble.of(1), Verdict.PASS)).build();

        SeriesKey stored = SeriesKey.of("http_req_duration", "name", "a?b?c");
        assertThat(run.branch()).isEqualTo("feature/?x");
        assertThat(run.runId()).isEqualTo("run?");
        assertThat(run.labels()).containsExactly(Map.entry("agent", "a?b"));
        assertThat(run.series()).extracting(SeriesSummary::key).contains(stored);
        assertThat(run.series(hostile)).isPresent().get().extracting(SeriesSummary::key).isEqualTo(stored);
        assertThat(run.lines()).singleElement().satisfies(line -> {
            assertThat(line.series()).isEqualTo(stored);
            assertThat(line.expression()).isEqualTo("p(95)<300?");
        });
        assertThat(BaselineQuery.lastRuns("shop", "feature/\uDC00x", 5).excluding("run\uD800"))
                .isEqualTo(new BaselineQuery("shop", "feature/?x", 5, Optional.of("run?")));
        assertThat(Runs.builder("shop", "main", "😀", 0, Verdict.PASS).build().runId()).isEqualTo("😀");
    }

    @Test
    void shouldRefuseTwoSeriesOrLabelsThatOnlyDifferInWhatNoStoreCanKeep() {
        assertThatThrownBy(() -> Runs.builder("shop", "main", "1", 0, Verdict.PASS).label("a\uD800", "1")
                .label("a\uDC00", "2").build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("labels differ only in characters no store can keep: ");
        assertThatThrownBy(() -> new LineVerdict(new SeriesKey("http_reqs", Map.of("\uD800", "1", "\u0000", "2")),
                "count>1", OptionalDouble.empty(), Verdict.PASS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("tags of http_reqs differ only in characters no store can keep: ");
    }

    @Test
    void shouldRefuseStartsOutsideTheYearsEveryStoreKeeps() {
        assertThatThrownBy(() -> Runs.builder("shop", "main", "1", 0, Verdict.PASS)
                .startedAt(Instant.parse("+10000-01-01T00:00:00Z")).build())
                .hasMessage("startedAt +10000-01-01T00:00:00Z is outside the years 1 to 9999");
    }

    @Test
    void shouldRefuseASeriesTwice() {
        RunRecord.Builder builder = Runs.builder("shop", "main", "1", 0, Verdict.PASS);
        builder.series(Runs.run("shop", "main", "2", 0, Verdict.PASS).series().get(0));

        assertThatThrownBy(builder::build).hasMessage("series http_req_duration{name:checkout} appears twice in run 1");
    }

    @Test
    void shouldRefuseValuesThatAreNotFiniteNumbers() {
        assertThatThrownBy(() -> new SeriesSummary(Runs.CHECKOUT, MetricType.TREND, MetricContents.TIME, 1, OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.of(Double.NaN), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                Optional.empty())).hasMessage("p95 of http_req_duration{name:checkout} is not a finite number: NaN");
        assertThatThrownBy(() -> new LineVerdict(Runs.CHECKOUT, "p(95)<300",
                OptionalDouble.of(Double.POSITIVE_INFINITY),
                Verdict.FAIL)).hasMessageContaining("is not a finite number: Infinity");
    }

    @Test
    void shouldKeepEachRoundInTheOrderOfTheRunsSeries() {
        RunRecord repeated = Runs.repeated("shop", "1");
        RunRecord single = Runs.builder("shop", "main", "1", 0, Verdict.PASS).build();
        SeriesSummary requests = repeated.rounds().get(0).get(1);
        RunRecord.Builder builder = RunRecord.builder().project("shop").branch("main").runId("1").startedAt(Runs.T0)
                .verdict(Verdict.PASS).series(repeated.series().get(0)).series(repeated.series().get(2))
                .round(List.of(requests, repeated.rounds().get(0).get(0)));

        assertThat(builder.build().rounds().get(0)).containsExactly(repeated.rounds().get(0).get(0), requests);
        assertThat(single.rounds()).isEmpty();
    }

    @Test
    void shouldRefuseARoundThatTheStoresCouldNotKeepBesideItsPooledSeries() {
        RunRecord repeated = Runs.repeated("shop", "1");
        SeriesSummary round = repeated.rounds().get(0).get(0);

        assertThatThrownBy(() -> Runs.builder("shop", "main", "1", 0, Verdict.PASS)
                .round(List.of(repeated.rounds().get(0).get(1))).build())
                .hasMessage("series http_reqs of round 1 of run 1 is not among the run's series");
        assertThatThrownBy(() -> Runs.builder("shop", "main", "1", 0, Verdict.PASS)
                .round(List.of(round.withHistogram(repeated.series().get(0).histogram().orElseThrow()))).build())
                .hasMessage("series http_req_duration{name:checkout} of round 1 of run 1 has a histogram; only the"
                        + " pooled series keeps one");
        assertThatThrownBy(() -> Runs.builder("shop", "main", "1", 0, Verdict.PASS)
                .round(List.of(new SeriesSummary(Runs.CHECKOUT, MetricContents.DATA, 1, OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty()))).build())
                .hasMessage("series http_req_duration{name:checkout} of round 1 of run 1 is a trend of data values, the"
                        + " run's a trend of time values");
        assertThatThrownBy(() -> RunRecord.builder().project("shop").branch("main").runId("1").startedAt(Runs.T0)
                .verdict(Verdict.PASS).round(List.of()).build())
                .hasMessage("run 1 has rounds but no series to keep them with");
    }

    @Test
    void shouldSortLabelsAndKeepThemFromChanging() {
        RunRecord run = Runs.builder("shop", "main", "1", 0, Verdict.PASS).label("zone", "b").label("agent", "a")
                .build();

        assertThat(run.labels().keySet()).containsExactly("agent", "zone");
        assertThatThrownBy(() -> run.labels().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> run.series().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldKeepTheReportsSummaryRowAsATrendWithoutHistogram() {
        SeriesSummary row = new SeriesSummary(Runs.CHECKOUT, MetricContents.TIME, 42, OptionalDouble.of(4.2),
                OptionalDouble.of(1), OptionalDouble.of(2), OptionalDouble.of(3), OptionalDouble.of(4),
                OptionalDouble.of(5), OptionalDouble.empty(), OptionalDouble.of(7), OptionalDouble.of(0.5));

        RunRecord run = Runs.builder("shop", "main", "1", 0, Verdict.PASS).build();
        RunRecord withRow = RunRecord.builder().project("shop").branch("main").runId("1").startedAt(Runs.T0)
                .verdict(Verdict.PASS).series(row).build();

        assertThat(withRow.series(Runs.CHECKOUT)).contains(new SeriesSummary(Runs.CHECKOUT, MetricType.TREND,
                MetricContents.TIME, 42, OptionalDouble.of(4.2),
                OptionalDouble.of(1), OptionalDouble.of(2), OptionalDouble.of(3), OptionalDouble.of(4),
                OptionalDouble.of(5), OptionalDouble.empty(), OptionalDouble.of(7), OptionalDouble.of(0.5),
                Optional.empty()));
        assertThat(run.series(SeriesKey.of("vus"))).isEmpty();
    }

    @Test
    void shouldHoldAReasonExactlyWhenTheBaselineIsUnavailable() {
        assertThat(Baseline.unavailable("down").unavailableReason()).contains("down");
        assertThat(Baseline.recent(java.util.List.of()).available()).isTrue();
        assertThatThrownBy(() -> new Baseline(Baseline.Kind.RECENT, java.util.List.of(), Optional.of("x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Baseline(Baseline.Kind.PINNED, java.util.List.of(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldAskForABaselineOfAReasonableSize() {
        assertThatThrownBy(() -> BaselineQuery.lastRuns("shop", "main", 0))
                .hasMessage("baseline size must be 1 to 1000, not 0");
        assertThat(BaselineQuery.lastRuns("shop", "main", 5).excluding("7").excludedRunId()).contains("7");
    }
}
