package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.budget.Severity;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.Statistic;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportWriterTest {

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9-]*)\\b[^<>]*?(/?)>");
    private static final Set<String> VOID_ELEMENTS = Set.of("meta", "br", "hr", "img", "input", "link");

    @Test
    void shouldLoadNothingFromTheNetwork() {
        String html = render(TestReports.realistic());

        assertThat(html).doesNotContain("http://", "https://", "//cdn", "url(", "@import", " src=", " href=",
                "<script", "<link", "<iframe", "<object");
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; "
                + "style-src &#39;unsafe-inline&#39;; img-src data:\">");
    }

    @Test
    void shouldDeclareUtf8First() {
        String html = render(TestReports.realistic());

        assertThat(html).startsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        assertThat(html).contains("<style>\n:root {").contains("</style>");
    }

    @Test
    void shouldBeWellNested() {
        assertWellNested(render(TestReports.realistic()));
    }

    @Test
    void shouldDrawOneLimitChartPerSeriesOfTheBudget() {
        String html = render(TestReports.realistic());

        List<String> charted = Pattern.compile("aria-label=\"([^\"]+) observed against limits\"").matcher(html)
                .results().map(match -> match.group(1)).toList();
        assertThat(charted).containsExactly("http_req_duration", "http_req_duration{name:checkout}",
                "http_req_duration{name:search}", "http_req_failed", "http_req_duration{name:slow}", "checks",
                "http_reqs", "iteration_duration");
    }

    @Test
    void shouldDrawABrokenBudgetsBarPastItsLimitMarker() {
        String html = render(TestReports.realistic());
        String checkout = figure(html, "http_req_duration{name:checkout} observed against limits");

        double barEnd = 230 + number(checkout, "<rect class=\"bar fail\" x=\"230\" y=\"8\" width=\"([0-9.]+)\"");
        double limit = number(checkout, "<line class=\"limit\" x1=\"([0-9.]+)\"");
        assertThat(barEnd).isGreaterThan(limit);
        assertThat((barEnd - 230) / (limit - 230)).isCloseTo(612.4 / 300, org.assertj.core.data.Offset.offset(0.01));
        assertThat(checkout).contains("612.4 ms vs &lt; 300 ms");

        String overall = figure(html, "http_req_duration observed against limits");
        double passEnd = 230 + number(overall, "<rect class=\"bar pass\" x=\"230\" y=\"8\" width=\"([0-9.]+)\"");
        assertThat(passEnd).isLessThan(number(overall, "<line class=\"limit\" x1=\"([0-9.]+)\""));
    }

    @Test
    void shouldDrawNoBarForAnUndecidedLine() {
        String slow = figure(render(TestReports.realistic()), "http_req_duration{name:slow} observed against limits");

        assertThat(slow).doesNotContain("class=\"bar").contains("class=\"limit\"", "no value vs &lt; 50 ms");
    }

    @Test
    void shouldChartPercentilesOfTheBusiestTimeSeriesFirst() {
        List<String> charted = Pattern.compile("aria-label=\"([^\"]+) percentiles\"")
                .matcher(render(TestReports.realistic())).results().map(match -> match.group(1)).toList();

        assertThat(charted).hasSize(HtmlReportWriter.PERCENTILE_CHARTS)
                .containsExactly("http_req_duration", "http_req_duration{name:checkout}",
                        "http_req_duration{name:search}");
    }

    @Test
    void shouldChartTheSeriesTheBudgetNamesBeforeBusierOnes() {
        LineResult slow = TestReports.line("http_req_duration{name:slow}", Statistic.percentile(95), "<",
                TestReports.bare(50), "p(95)<50", Severity.FAIL, "", 2, 76.0, Verdict.FAIL, "slow is slow");
        List<SeriesSummary> series = List.of(
                TestReports.summary("http_req_duration", MetricContents.TIME, 1000, 10.0, 1.0, 2.0, 3.0, 4.0, 5.0,
                        6.0, 7.0, null),
                TestReports.summary("http_req_duration{name:slow}", MetricContents.TIME, 100, 1.0, 20.0, 50.0,
                        53.0, 73.0, 76.0, 79.0, 84.0, null),
                TestReports.summary("http_req_blocked", MetricContents.TIME, 5000, 50.0, 0.001, 0.002, 0.003,
                        0.004, 0.005, 0.006, 1.0, null));
        GateReport report = new GateReport(TestReports.CREATED_AT, "perf-budget.yaml", List.of(), List.of(slow),
                series, List.of(), Verdict.FAIL);

        List<String> charted = Pattern.compile("aria-label=\"([^\"]+) percentiles\"")
                .matcher(render(report)).results().map(match -> match.group(1)).toList();

        assertThat(charted).containsExactly("http_req_duration{name:slow}", "http_req_duration", "http_req_blocked");
    }

    @Test
    void shouldShowTheLineTableWithLocationAndDescription() {
        String html = render(TestReports.realistic());

        assertThat(html).contains("<td><code>http_req_duration{name:checkout}</code></td><td><code>p(95)&lt;300</code>"
                + "</td><td class=\"num\">612.4 ms</td><td>fails</td><td>http_req_duration{name:checkout} p(95) is "
                + "612.4 ms, but the budget is &lt; 300 ms</td><td>Checkout must stay snappy</td><td>perf-budget.yaml "
                + "line 7, column 7</td></tr>");
    }

    @Test
    void shouldStayWellNestedWhateverTheInput() {
        String html = render(TestReports.hostile("</td></tr></table><script>alert(1)</script>\"><svg onload=x>"));

        assertWellNested(html);
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<svg onload");
    }

    /** Every opened element is closed in order, so no string opened or closed one. */
    static void assertWellNested(String html) {
        String body = html.substring(html.indexOf("<html"));
        Deque<String> open = new ArrayDeque<>();
        Matcher tag = TAG.matcher(body);
        while (tag.find()) {
            String name = tag.group(2).toLowerCase(Locale.ROOT);
            if (VOID_ELEMENTS.contains(name) || !tag.group(3).isEmpty()) {
                continue;
            }
            if (tag.group(1).isEmpty()) {
                open.push(name);
            } else {
                assertThat(open).as("closing </%s> at %d", name, tag.start()).isNotEmpty();
                assertThat(open.pop()).as("closing </%s> at %d", name, tag.start()).isEqualTo(name);
            }
        }
        assertThat(open).as("unclosed elements").isEmpty();
    }

    private static String figure(String html, String label) {
        int start = html.indexOf("aria-label=\"" + label + "\"");
        assertThat(start).as(label).isNotNegative();
        return html.substring(start, html.indexOf("</svg>", start));
    }

    private static double number(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static String render(GateReport report) {
        return TestReports.render(new HtmlReportWriter(), report);
    }
}
