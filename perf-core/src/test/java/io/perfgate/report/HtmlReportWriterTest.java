package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.budget.Severity;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Verdict;
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
                + "612.4 ms, but the budget is &lt; 300 ms<ul class=\"explanations\"><li>p(95) +24% against the "
                + "baseline of 10 runs of main (494 → 612.4 ms): waiting +26% (470.2 → 590.8 ms), receiving +913% "
                + "(2.4 → 24.3 ms); blocked, connecting, tls_handshaking, sending unchanged</li><li>failed requests "
                + "0.4% → 1.238% against the baseline of 10 runs of main: 5 of 404, by status 503 ×4, 0 (no response) "
                + "×1</li><li>&quot;SELECT id, room, nights, price FROM bookings WHERE guest_id = $1&quot;: 1 → 20 "
                + "calls per request, mean 39.8 → 41.2 µs, against the baseline of 10 runs of main; the plan changed "
                + "since the baseline (Index Scan → Bitmap Heap Scan on bookings)</li><li>&quot;SELECT "
                + "name, email FROM guests WHERE id = $1&quot;: new since the baseline of 10 runs of main, 1 call per "
                + "request, mean 38.78 µs</li></ul></td><td>Checkout must stay snappy</td><td>perf-budget.yaml line 7, "
                + "column 7</td></tr>");
    }

    @Test
    void shouldListNothingBelowTheSentenceOfALineWithoutExplanations() {
        String html = render(TestReports.realistic());

        assertThat(html).contains("<td>iteration_duration med is 0.5123 s, within the budget of &lt; 1 s</td>");
        assertThat(html.split("<ul class=\"explanations\">", -1)).as("one list per line with explanations").hasSize(6);
    }

    @Test
    void shouldStayWellNestedWhateverTheInput() {
        String html = render(TestReports.hostile("</td></tr></table><script>alert(1)</script>\"><svg onload=x>"));

        assertWellNested(html);
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script", "<svg onload");
    }

    @Test
    void shouldDrawOneTrendChartPerTrend() {
        List<String> charted = Pattern.compile("aria-label=\"([^\"]+) trend\"").matcher(render(TestReports.realistic()))
                .results().map(match -> match.group(1)).toList();

        assertThat(charted).containsExactly("http_req_duration p(95)", "http_req_failed rate");
    }

    @Test
    void shouldColourEachPointByItsVerdictWithItsRunCommitAndValueInATooltip() {
        String html = render(TestReports.realistic());
        String failures = figure(html, "http_req_failed rate trend");
        String latency = figure(html, "http_req_duration p(95) trend");

        assertThat(count(failures, "<circle class=\"point pass\"")).isEqualTo(5);
        assertThat(count(failures, "<circle class=\"point fail\"")).isEqualTo(3);
        assertThat(count(latency, "<circle class=\"point ")).as("the run without a value has no point").isEqualTo(29);
        assertThat(count(latency, "<circle class=\"point pass flagged\"")).isEqualTo(1);
        assertThat(count(latency, "<circle class=\"pinned\"")).isEqualTo(1);
        assertThat(latency).contains("<title>run 1219 · commit " + TestReports.commit(18)
                + " · 2025-05-22 09:30 UTC · 66.58 ms · budget PASS · run PASS</title>");
        assertThat(latency).contains("<title>run 1208 · commit " + TestReports.commit(7)
                + " · 2025-05-11 09:30 UTC · 95.3 ms · budget PASS · run PASS · flagged: noisy agent</title>");
        assertThat(latency).contains("<line class=\"missing\"").contains("no value · run ERROR</title>");
        assertThat(pointY(failures, "1230")).as("a larger value stands higher").isLessThan(pointY(failures, "1223"));
    }

    @Test
    void shouldMarkTheChangePointBetweenTheRunBeforeAndTheRunThatBroughtIt() {
        String latency = figure(render(TestReports.realistic()), "http_req_duration p(95) trend");

        double x = number(latency, "<line class=\"change\" x1=\"([0-9.]+)\"");
        assertThat(x).isCloseTo((pointX(latency, "1218") + pointX(latency, "1219")) / 2,
                org.assertj.core.data.Offset.offset(0.11));
        assertThat(latency).contains(">+23.6% · run 1219</text>")
                .contains("<title>change point at run 1219: mean 55.2 ms → 68.25 ms (+23.6%), p = 0.002</title>");
        assertThat(count(latency, "<line class=\"segment\"")).as("a mean before and after").isEqualTo(2);
    }

    @Test
    void shouldDrawANearLimitDashedAndNameAFarOneAtTheEdge() {
        String html = render(TestReports.realistic());
        String failures = figure(html, "http_req_failed rate trend");
        String latency = figure(html, "http_req_duration p(95) trend");

        double limitY = number(failures, "<line class=\"limit\" x1=\"84\" y1=\"([0-9.]+)\"");
        assertThat(limitY).isBetween(pointY(failures, "1228"), pointY(failures, "1227"));
        assertThat(latency).doesNotContain("class=\"limit\"")
                .contains("↑ p(95)&lt;500ms (500 ms, off scale)");
    }

    @Test
    void shouldLeaveOutTheTrendsWithoutHistory() {
        String html = render(TestReports.withLines(Verdict.PASS, List.of(), Verdict.PASS));

        assertThat(html).doesNotContain("Trends", "trend\"");
        assertWellNested(html);
    }

    @Test
    void shouldDrawTrendsWithoutValuesOrWithOneRun() {
        GateReport report = TestReports.withLines(Verdict.PASS, List.of(), Verdict.PASS)
                .withTrends(List.of(TrendTest.trend(null, null, null), TrendTest.trend(42.0), TrendTest.trend(7.0, 7.0)));

        String html = render(report);

        assertWellNested(html);
        assertThat(html).contains("no run recorded a value", "1 run · last 42 ms (run 1) · no change point",
                "2 runs · last 7 ms (run 2) · +0.0% since run 1");
        assertThat(html).doesNotContain("NaN", "Infinity");
    }

    @Test
    void shouldEscapeHostileRunIdsCommitsAndFlagsInTrends() {
        String payload = "</title></circle><script>alert(1)</script>\"'&";
        String html = render(TestReports.hostile(payload));
        String escaped = "&lt;/title&gt;&lt;/circle&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;";

        assertWellNested(html);
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script");
        assertThat(html).contains("<title>run run" + escaped + "5 · commit commit" + escaped + "5 · ",
                "· flagged: flag" + escaped + "</title>", "<title>limit p(95)&lt;" + escaped + ": 300 ms</title>");
        assertThat(html).as("build URLs stay in the JSON report").doesNotContain("url&lt;", "url<");
    }

    @Test
    void shouldShowTheDatabaseWindowTotalsAndNotes() {
        String database = databaseSection(render(TestReports.realistic()));

        assertThat(database).startsWith("<h2>Database</h2>\n<p>pg_stat_statements of <code>db.test:5432/shop</code> "
                + "from 2025-06-02T09:24:41.118Z to 2025-06-02T09:29:52.904Z (311.8 s): 12 statements, 30825 calls, "
                + "2.413 s in all; 1212 HTTP requests, 25.43 calls per request.</p>\n");
        assertThat(database).contains("<ul class=\"notes\">\n<li>" + TestReports.EVICTED_NOTE + "</li>\n</ul>");
    }

    @Test
    void shouldRankTheStatementsByTotalThenByMeanTime() {
        String database = databaseSection(render(TestReports.realistic()));
        String byTotal = database.substring(database.indexOf("<h3>Top statements by total time</h3>"),
                database.indexOf("<h3>Top statements by mean time</h3>"));
        String byMean = database.substring(database.indexOf("<h3>Top statements by mean time</h3>"));

        assertThat(count(byTotal, "<tr><td>")).isEqualTo(DatabaseSection.TOP);
        assertThat(count(byMean, "<tr><td>")).isEqualTo(DatabaseSection.TOP);
        assertThat(byTotal).contains("<th>Statement</th><th class=\"num\">Calls</th><th class=\"num\">Calls per "
                + "request</th><th class=\"num\">Mean</th><th class=\"num\">Total</th><th class=\"num\">Rows</th>");
        int body = byTotal.indexOf("<tbody>");
        String first = byTotal.substring(body, byTotal.indexOf("</tr>", body) + "</tr>".length());
        assertThat(first).startsWith("<tbody>\n<tr><td><details><summary>"
                + "<code>SELECT id, room, nights, price FROM bookings WHERE guest_id = $1</code></summary><p class="
                + "\"muted\">queryid -6917402351266385121 · run by shop_app</p><p class=\"muted\">plan after the load: "
                + "Bitmap Heap Scan: Bitmap Heap Scan on bookings</p><pre class=\"plan\">[\n  {\n    &quot;Plan&quot;: {")
                .endsWith("</pre></details></td><td class=\"num\">24240</td><td class=\"num\">20</td><td class=\"num\">"
                        + "41.2 µs</td><td class=\"num\">998.7 ms</td><td class=\"num\">24240</td></tr>");
        assertThat(byMean.substring(byMean.indexOf("<tbody>"))).startsWith("<tbody>\n<tr><td><details><summary>"
                + "<code>SELECT r.id, r.name, count(b.id) AS nights_booked");
        assertThat(byTotal).as("BEGIN has the least total time").doesNotContain("<code>BEGIN</code>");
    }

    @Test
    void shouldShortenALongStatementInItsCellAndKeepTheWholeTextBelowIt() {
        String database = databaseSection(render(TestReports.realistic()));
        int start = database.indexOf("<code>SELECT r.id, r.name");
        String cell = database.substring(start, database.indexOf("</details>", start));

        String shown = cell.substring("<code>".length(), cell.indexOf("</code>"));
        assertThat(shown.codePointCount(0, shown.length())).isEqualTo(DatabaseStatementRow.DISPLAY_LENGTH);
        assertThat(shown).endsWith("…").doesNotContain("\n");
        assertThat(cell).contains("</summary><pre>" + TestReports.REVENUE_QUERY + "</pre>");
    }

    @Test
    void shouldSayWhenNoStatementRanAndLeaveTheSectionOutWithoutSnapshots() {
        DatabaseSection idle = new DatabaseSection("db:5432/shop", TestReports.CREATED_AT.minusSeconds(60),
                TestReports.CREATED_AT, 0, 0, 0, java.util.OptionalLong.empty(), List.of(), List.of(), List.of());
        GateReport report = TestReports.withLines(Verdict.PASS, List.of(), Verdict.PASS);

        String html = render(report.withDatabase(java.util.Optional.of(idle)));

        assertWellNested(html);
        assertThat(databaseSection(html)).contains("0 statements, 0 calls, 0 ms in all; the results count no HTTP "
                + "requests.</p>\n<p class=\"muted\">No statements ran between the snapshots.</p>")
                .doesNotContain("<table");
        assertThat(render(report)).doesNotContain("<h2>Database</h2>");
    }

    private static String databaseSection(String html) {
        int start = html.indexOf("<h2>Database</h2>");
        assertThat(start).as("the database section").isNotNegative();
        int end = html.indexOf("<h2>", start + 1);
        return html.substring(start, end < 0 ? html.indexOf("<footer>") : end);
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

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    private static double pointX(String chart, String runId) {
        return number(chart, "<circle class=\"point [a-z ]+\" cx=\"([0-9.]+)\" cy=\"[0-9.]+\" r=\"4\"><title>run "
                + runId + " ");
    }

    private static double pointY(String chart, String runId) {
        return number(chart, "<circle class=\"point [a-z ]+\" cx=\"[0-9.]+\" cy=\"([0-9.]+)\" r=\"4\"><title>run "
                + runId + " ");
    }

    private static String render(GateReport report) {
        return TestReports.render(new HtmlReportWriter(), report);
    }
}
