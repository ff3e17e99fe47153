package io.perfgate.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.perfgate.budget.Limit;
import io.perfgate.budget.Operator;
import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.Severity;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.SourceLocation;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.LineSentence;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Verdict;
import io.perfgate.regression.RegressionRule;
import io.perfgate.report.ReportFixtures;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BuildTrendTest {

    private static final Instant FIRST_BUILD = Instant.parse("2025-06-01T08:00:00Z");
    private static final String HOSTILE = "<script>alert(1)</script>&' @everyone \u202Egnp.exe\u2028";

    /** p(95) of checkout per build 101 to 114: about 300 ms, then about 420 ms from build 109. */
    private static final double[] CHECKOUT = {301.2, 297.5, 305.8, 299.1, 302.4, 296.9, 303.3, 0, 418.6, 423.9,
        416.2, 421.7, 419.5, 424.8};

    @Test
    void shouldDrawTheBuildsExactlyAsTheGoldenFile() {
        BuildTrendChart chart = BuildTrend.of(shuffled(fourteenBuilds()));

        Goldens.assertMatches("build-trend.json", chart.toJson());
    }

    @Test
    void shouldDrawOneLinePerWatchedStatisticInTheUnitTheReportsUse() {
        BuildTrendChart chart = BuildTrend.of(fourteenBuilds());

        assertThat(chart.builds()).containsExactlyElementsOf(IntStream.rangeClosed(101, 114).boxed().toList());
        assertThat(chart.buildNames()).first().isEqualTo("#101");
        assertThat(chart.buildNames()).last().isEqualTo("release 1.4 (#114)");
        assertThat(chart.lines()).extracting(TrendLine::name, TrendLine::unit).containsExactly(
                tuple("http_req_duration{name:checkout} p(95)", "ms"),
                tuple("http_req_failed rate", "%"),
                tuple("http_reqs rate", "/s"),
                tuple("iteration_duration med", "s"),
                tuple("checks rate", ""),
                tuple("http_req_duration{name:search} avg", "ms"));
        TrendLine failed = chart.lines().get(1);
        assertThat(failed.values()).startsWith(0.21, 0.34).endsWith(5.36);
        assertThat(failed.limits()).containsExactly(new TrendLimitLine("rate<1%", 1.0));
        assertThat(chart.lines().get(3).values()).startsWith(0.5123);
        assertThat(chart.lines().get(3).limits()).containsExactly(new TrendLimitLine("med<1s", 1.0));
    }

    @Test
    void shouldLeaveAGapForABuildWithoutAReport() {
        BuildTrendChart chart = BuildTrend.of(fourteenBuilds());

        int gap = chart.builds().indexOf(108);
        assertThat(chart.lines()).allSatisfy(line -> assertThat(line.values().get(gap)).isNull());
        assertThat(chart.lines()).allSatisfy(line -> assertThat(line.values()).hasSize(14));
    }

    @Test
    void shouldFindTheChangePointAmongEnoughBuilds() {
        BuildTrendChart chart = BuildTrend.of(fourteenBuilds());

        assertThat(chart.lines().get(0).changePointBuilds()).containsExactly(109);
        assertThat(chart.lines().get(0).values()).containsSequence(303.3, null, 418.6);
        assertThat(BuildTrend.of(fourteenBuilds().subList(4, 14)).lines().get(0).changePointBuilds())
                .as("nine values are too few").isEmpty();
    }

    @Test
    void shouldTakeValuesOfAnOlderBudgetAndFromTheSeriesSummary() {
        BuildTrendChart chart = BuildTrend.of(fourteenBuilds());

        assertThat(chart.lines().get(0).values().get(0)).as("build 101 wrote p(95)<600ms").isEqualTo(301.2);
        assertThat(chart.lines().get(0).limits()).containsExactly(new TrendLimitLine("p(95)<500ms", 500.0));
        assertThat(chart.lines().get(5).values().get(12)).as("build 113 undecided, its summary has avg")
                .isEqualTo(188.0);
    }

    @Test
    void shouldTakeTheBudgetOfTheNewestBuildWithAReport() {
        List<BuildReport> builds = new ArrayList<>(fourteenBuilds());
        builds.add(BuildReport.withoutReport(115, null));

        BuildTrendChart chart = BuildTrend.of(builds);

        assertThat(chart.buildNames()).last().isEqualTo("#115");
        assertThat(chart.lines()).hasSize(6).allSatisfy(line -> assertThat(line.values()).hasSize(15).endsWith(
                (Double) null));
    }

    @Test
    void shouldDrawBuildsWithoutLinesWhenNoBuildKeptAReport() {
        BuildTrendChart chart = BuildTrend.of(List.of(BuildReport.withoutReport(2, "#2"),
                BuildReport.withoutReport(1, "#1")));

        assertThat(chart.builds()).containsExactly(1, 2);
        assertThat(chart.lines()).isEmpty();
        assertThat(chart.toJson()).isEqualTo("{\n  \"builds\": [ 1, 2 ],\n  \"buildNames\": [ \"#1\", \"#2\" ],\n"
                + "  \"lines\": []\n}\n");
        assertThat(BuildTrend.of(List.of()).builds()).isEmpty();
    }

    @Test
    void shouldKeepTheNewestFiftyBuilds() {
        List<BuildReport> builds = new ArrayList<>();
        for (int number = 1; number <= 60; number++) {
            builds.add(build(number, null, budgetOf(number, 300 + number % 7, 0.002)));
        }

        BuildTrendChart chart = BuildTrend.of(shuffled(builds));

        assertThat(chart.builds()).hasSize(BuildTrend.MAX_BUILDS).startsWith(11, 12).endsWith(60);
        assertThat(chart.lines().get(0).values()).hasSize(BuildTrend.MAX_BUILDS).startsWith(304.0);
    }

    @Test
    void shouldRefuseABuildListedTwice() {
        GateReport report = budgetOf(1, 300, 0.001);

        assertThatThrownBy(() -> BuildTrend.of(List.of(build(7, null, report), build(7, "#7 again", report))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("build 7 is listed twice");
    }

    @Test
    void shouldCleanHostileNamesAndEscapeThemInJson() {
        List<BuildReport> builds = List.of(new BuildReport(1, "#1 " + HOSTILE, ReportFixtures.hostile(HOSTILE)),
                new BuildReport(2, "#2", ReportFixtures.hostile(HOSTILE)));

        BuildTrendChart chart = BuildTrend.of(builds);

        assertThat(chart.lines()).singleElement().satisfies(line -> {
            assertThat(line.name()).doesNotContainPattern("[\u202A-\u202E\u2066-\u2069\n]").contains("<script>");
            assertThat(line.limits()).extracting(TrendLimitLine::expression)
                    .allSatisfy(expression -> assertThat(expression).doesNotContain("\u202E"));
        });
        assertThat(chart.buildNames().get(0)).isEqualTo("#1 <script>alert(1)</script>&' @everyone gnp.exe\u2028");
        String json = chart.toJson();
        assertThat(json).doesNotContain("<", ">", "&", "'", "\u2028").contains("\\u003Cscript\\u003E", "\\u2028");
        Goldens.assertMatches("build-trend-hostile.json", json);
    }

    @Test
    void shouldCutAHugeNameAndKeepCutNamesApart() {
        String huge = "x".repeat(70_000);
        GateReport report = withSeries(List.of("http_req_duration{name:" + huge + "a}",
                "http_req_duration{name:" + huge + "b}"));

        BuildTrendChart chart = BuildTrend.of(List.of(build(1, null, report)));

        assertThat(chart.lines()).extracting(TrendLine::name).allSatisfy(name -> assertThat(
                name.codePointCount(0, name.length())).isLessThanOrEqualTo(BuildTrend.MAX_NAME_CODE_POINTS + 4));
        assertThat(chart.lines().get(1).name()).isEqualTo(chart.lines().get(0).name() + " (2)");
        assertThat(chart.toJson().length()).isLessThan(2_000);
    }

    private static List<BuildReport> fourteenBuilds() {
        List<BuildReport> builds = new ArrayList<>();
        for (int i = 0; i < CHECKOUT.length; i++) {
            int number = 101 + i;
            if (number == 108) {
                builds.add(BuildReport.withoutReport(number, "#108"));
                continue;
            }
            double failedRate = new double[] {0.0021, 0.0034, 0.0012, 0.0048, 0.0095, 0.0126, 0.0311, 0, 0.0044,
                0.0051, 0.0032, 0.0029, 0.0061, 0.0536}[i];
            builds.add(build(number, number == 114 ? "release 1.4 (#114)" : null,
                    budgetOf(number, CHECKOUT[i], failedRate)));
        }
        return builds;
    }

    /**
     * The report of one build: fixed limits on checkout's p(95) (build 101 still wrote 600 ms), a regression
     * rule on it, the failure rate in percent, the request rate per second, the iteration's median in
     * seconds, the checks' rate as a fraction and the search's avg, undecided in build 113.
     */
    private static GateReport budgetOf(int build, double checkoutP95, double failedRate) {
        int i = build - 101;
        List<LineResult> lines = List.of(
                threshold("http_req_duration{name:checkout}", MetricType.TREND, MetricContents.TIME,
                        Statistic.percentile(95), Operator.LESS,
                        build == 101 ? new Limit(600, Limit.Dimension.TIME, "ms", "600ms")
                                : new Limit(500, Limit.Dimension.TIME, "ms", "500ms"), 4, checkoutP95),
                regression(checkoutP95),
                threshold("http_req_failed", MetricType.RATE, MetricContents.DEFAULT, Statistic.RATE, Operator.LESS,
                        new Limit(0.01, Limit.Dimension.PERCENT, "%", "1%"), 7, failedRate),
                threshold("http_reqs", MetricType.COUNTER, MetricContents.DEFAULT, Statistic.RATE, Operator.GREATER,
                        new Limit(100, Limit.Dimension.NONE, "", "100"), 9, 118.5 + i),
                threshold("iteration_duration", MetricType.TREND, MetricContents.TIME, Statistic.MED, Operator.LESS,
                        new Limit(1000, Limit.Dimension.TIME, "s", "1s"), 11, 512.3 + i),
                threshold("checks", MetricType.RATE, MetricContents.DEFAULT, Statistic.RATE, Operator.GREATER,
                        new Limit(0.95, Limit.Dimension.NONE, "", "0.95"), 13, 0.9571),
                threshold("http_req_duration{name:search}", MetricType.TREND, MetricContents.TIME, Statistic.AVG,
                        Operator.LESS, new Limit(200, Limit.Dimension.NONE, "", "200"), 15,
                        build == 113 ? null : 180.0 + i));
        SeriesSummary search = new SeriesSummary(SeriesKey.parse("http_req_duration{name:search}"),
                MetricContents.TIME, 404, OptionalDouble.of(40.4), OptionalDouble.of(120.5), OptionalDouble.of(188),
                OptionalDouble.of(181), OptionalDouble.of(230), OptionalDouble.of(250), OptionalDouble.empty(),
                OptionalDouble.of(402.2), OptionalDouble.empty());
        return new GateReport(FIRST_BUILD.plusSeconds(3600L * i), "perf-budget.yaml", List.of(), lines,
                List.of(search), List.of(), lines.stream().map(LineResult::verdict).reduce(Verdict.PASS, Verdict::worse));
    }

    private static LineResult threshold(String selector, MetricType type, MetricContents contents, Statistic statistic,
            Operator operator, Limit limit, int budgetLine, Double observed) {
        String expression = statistic + operator.symbol() + limit.text();
        ThresholdLine line = new ThresholdLine(SeriesKey.parse(selector),
                new Threshold(statistic, operator, limit, expression), Severity.FAIL, "",
                new SourceLocation("perf-budget.yaml", budgetLine, 7));
        if (observed == null) {
            return new LineResult(line, OptionalDouble.empty(), Verdict.ERROR,
                    LineSentence.unevaluated(line, "no sample in this run"), "", LineSentence.limitText(line, type,
                            contents));
        }
        boolean kept = operator.holds(observed, limit.value());
        return new LineResult(line, OptionalDouble.of(observed), kept ? Verdict.PASS : Verdict.FAIL,
                LineSentence.measured(line, type, contents, observed, kept),
                LineSentence.observedText(line, type, contents, observed), LineSentence.limitText(line, type, contents));
    }

    private static LineResult regression(double observed) {
        RegressionLine line = new RegressionLine(SeriesKey.parse("http_req_duration{name:checkout}"),
                RegressionRule.of(Statistic.percentile(95), "<", "baseline + 10%"), "p(95) < baseline + 10%",
                Severity.WARN, "", new SourceLocation("perf-budget.yaml", 5, 7));
        return new LineResult(line, OptionalDouble.of(observed), Verdict.PASS, "http_req_duration{name:checkout} "
                + "p(95) is within 10% of the baseline", observed + " ms", "< baseline + 10%");
    }

    private static GateReport withSeries(List<String> selectors) {
        List<LineResult> lines = selectors.stream().map(selector -> threshold(selector, MetricType.TREND,
                MetricContents.TIME, Statistic.percentile(95), Operator.LESS,
                new Limit(300, Limit.Dimension.TIME, "ms", "300ms"), 3, 250.0)).toList();
        return new GateReport(FIRST_BUILD, "perf-budget.yaml", List.of(), lines, List.of(), List.of(), Verdict.PASS);
    }

    private static BuildReport build(int number, String name, GateReport report) {
        return new BuildReport(number, name, report);
    }

    /** The same builds in a fixed, scrambled order: the chart must not depend on it. */
    private static List<BuildReport> shuffled(List<BuildReport> builds) {
        List<BuildReport> scrambled = new ArrayList<>(builds);
        Collections.shuffle(scrambled, new Random(42));
        return scrambled;
    }
}
