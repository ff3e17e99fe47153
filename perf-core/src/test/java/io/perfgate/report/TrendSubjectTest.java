package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.Severity;
import io.perfgate.model.TrendLimit;
import io.perfgate.model.TrendSubject;
import io.perfgate.model.Verdict;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrendSubjectTest {

    private static final SeriesKey CHECKOUT = SeriesKey.parse("http_req_duration{name:checkout}");

    @Test
    void shouldFollowEachWatchedStatisticOnceWithItsLimitsAndLines() {
        List<BudgetLine> lines = List.of(
                TestReports.regressionLine().line(),
                TestReports.line("http_req_duration{name:checkout}", Statistic.percentile(95), "<",
                        TestReports.time(300, "ms", "300ms"), "p(95)<300ms", Severity.FAIL, "", 7, 612.4, Verdict.FAIL,
                        "").line(),
                TestReports.line("http_req_duration{name:checkout}", Statistic.AVG, "<", TestReports.bare(200),
                        "avg<200", Severity.WARN, "", 8, 150.0, Verdict.PASS, "").line(),
                TestReports.databaseLine().line(),
                TestReports.line("http_req_duration{name:checkout}", Statistic.percentile(95), "<",
                        TestReports.time(1000, "s", "1s"), "p(95)<1s", Severity.FAIL, "", 9, 612.4, Verdict.PASS,
                        "").line(),
                TestReports.line("http_req_failed", Statistic.RATE, "<", TestReports.percent(0.01, "1%"), "rate<1%",
                        Severity.FAIL, "", 10, 0.0536, Verdict.FAIL, "").line());

        List<TrendSubject> subjects = TrendSubject.ofLines(lines);

        assertThat(subjects).containsExactly(
                new TrendSubject(CHECKOUT, Statistic.percentile(95),
                        List.of(new TrendLimit("p(95)<300ms", 300, "ms"), new TrendLimit("p(95)<1s", 1000, "s")),
                        List.of("p(95)<300ms", "p(95)<1s", "p(95) < baseline + 10%")),
                new TrendSubject(CHECKOUT, Statistic.AVG, List.of(new TrendLimit("avg<200", 200, "")),
                        List.of("avg<200")),
                new TrendSubject(SeriesKey.of("http_req_failed"), Statistic.RATE,
                        List.of(new TrendLimit("rate<1%", 0.01, "%")), List.of("rate<1%")));
    }

    @Test
    void shouldFollowARegressionRuleWithoutALimit() {
        assertThat(TrendSubject.ofLines(List.of(TestReports.regressionLine().line()))).containsExactly(
                new TrendSubject(CHECKOUT, Statistic.percentile(95), List.of(), List.of("p(95) < baseline + 10%")));
    }
}
