package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.model.GateReport;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A script tag, quotes and an ampersand in every string of a report (series, tag, expression, limit,
 * description, budget and source files, sentences, messages, the database's address, statement texts,
 * roles and notes) come out escaped in every report.
 */
class UntrustedContentTest {

    private static final String PAYLOAD = "<script>alert(1)</script>\"'&";
    private static final GateReport REPORT = TestReports.hostile(PAYLOAD);

    @Test
    void shouldEscapeEveryStringInHtml() {
        String html = TestReports.render(new HtmlReportWriter(), REPORT);

        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script");
        String escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;";
        for (String field : new String[] {
            "<title>perfgate: ERROR · budget" + escaped + "</title>",
            "<code>budget" + escaped + "</code>",
            "<code>m" + escaped + "{name" + escaped + ":" + escaped + "}</code>",
            "<code>p(95)&lt;" + escaped + "</code>",
            "<td>sentence " + escaped + "<ul class=\"explanations\"><li>failed requests 10% → 30% against the "
                    + "baseline of 4 runs of " + escaped + ": 3 of 10, by status status " + escaped + " ×2, other ×1"
                    + "</li><li>&quot;SELECT &#39;" + escaped + "&#39;&quot;: 0.5 → 1.5 calls per request, mean 1 → 2 ms,"
                    + " against the baseline of 4 runs of " + escaped + "; the plan changed since the baseline (Index Scan"
                    + " → Seq Scan on t" + escaped + ")</li></ul></td>",
            "<p class=\"muted\">plan after the load: Seq Scan: Seq Scan on t" + escaped + "</p><pre class=\"plan\">"
                    + "[{&quot;Plan&quot;: &quot;" + escaped + "&quot;}]</pre>",
            "<td>description " + escaped + "</td>",
            "<td>budget" + escaped + ".yaml line 3, column 5</td>",
            "aria-label=\"m" + escaped + "{name" + escaped + ":" + escaped + "} observed against limits\"",
            "<code>file" + escaped + "</code>",
            "<td>format" + escaped + "</td>",
            "<strong>Error:</strong> error " + escaped + "</li>",
            "aria-label=\"m" + escaped + "{name" + escaped + ":" + escaped + "} p(95) trend\"",
            "<title>run run" + escaped + "6 · commit commit" + escaped + "6 · ",
            "flagged: flag" + escaped + "</title>",
            "<p>pg_stat_statements of <code>db" + escaped + "</code> ",
            "<li>note " + escaped + "</li>",
            "<summary><code>SELECT &#39;" + escaped + "&#39; FROM t" + escaped + "</code></summary>",
            "<pre>SELECT &#39;" + escaped + "&#39;\nFROM t" + escaped + "</pre>",
            "queryid 42 · run by user" + escaped + "</p>",
        }) {
            assertThat(html).contains(field);
        }
        HtmlReportWriterTest.assertWellNested(html);
        assertNoUnescapedQuoteInsideAttributes(html);
    }

    @Test
    void shouldEscapeEveryStringInMarkdown() {
        String markdown = TestReports.render(new MarkdownReportWriter(), REPORT);

        assertThat(markdown.toLowerCase(Locale.ROOT)).doesNotContain("<script", "</script");
        String escaped = "&lt;script&gt;alert(1)&lt;/script&gt;&quot;'&amp;";
        assertThat(markdown).contains(
                "budget budget" + escaped + " ·",
                "| m" + escaped + "{name" + escaped + ":" + escaped + "} | p(95)&lt;" + escaped + " | 612 ms" + escaped + " | sentence "
                        + escaped + "<br>↳ failed requests 10% → 30% against the baseline of 4 runs of " + escaped
                        + ": 3 of 10, by status status " + escaped + " ×2, other ×1<br>↳ &quot;SELECT '" + escaped
                        + "'&quot;: 0.5 → 1.5 calls per request, mean 1 → 2 ms, against the baseline of 4 runs of "
                        + escaped + "; the plan changed since the baseline (Index Scan → Seq Scan on t" + escaped
                        + ") |",
                "- **Error:** error " + escaped,
                "- file" + escaped + " (format" + escaped + ", 10 samples)",
                "- p(95) of m" + escaped + "{name" + escaped + ":" + escaped + "}: 12 runs",
                "`pg_stat_statements` of db" + escaped + " from ",
                "| SELECT '" + escaped + "' FROM t" + escaped + " | 3 | 1.5 | 2 ms | 6 ms | 3 |");
    }

    @Test
    void shouldEscapeEveryStringInJunitXml() throws Exception {
        String xml = TestReports.render(new JunitReportWriter(), REPORT);

        assertThat(xml).doesNotContain("<script", "</script");
        Document parsed = JunitReportWriterTest.parse(xml);
        Element failed = JunitReportWriterTest.testCases(parsed).get(2);
        assertThat(failed.getAttribute("classname"))
                .isEqualTo("m" + PAYLOAD + "{name" + PAYLOAD + ":" + PAYLOAD + "}");
        assertThat(failed.getAttribute("name")).isEqualTo("p(95)<" + PAYLOAD);
        Element failure = JunitReportWriterTest.children(failed, "failure").get(0);
        assertThat(failure.getAttribute("message")).isEqualTo("sentence " + PAYLOAD);
        assertThat(failure.getTextContent()).isEqualTo("sentence " + PAYLOAD + "\nwhat changed: failed requests 10% → 30%"
                + " against the baseline of 4 runs of " + PAYLOAD + ": 3 of 10, by status status " + PAYLOAD + " ×2, other ×1"
                + "\nwhat changed: \"SELECT '" + PAYLOAD + "'\": 0.5 → 1.5 calls per request, mean 1 → 2 ms, against the"
                + " baseline of 4 runs of " + PAYLOAD + "; the plan changed since the baseline (Index Scan → Seq Scan on t"
                + PAYLOAD + ")"
                + "\nbudget line: budget" + PAYLOAD
                + ".yaml line 3, column 5\ndescription: description " + PAYLOAD);
        Element evaluation = JunitReportWriterTest.testCases(parsed).get(4);
        assertThat(JunitReportWriterTest.children(evaluation, "error").get(0).getAttribute("message"))
                .isEqualTo("error " + PAYLOAD);
    }

    @Test
    void shouldEscapeEveryStringInJson() throws Exception {
        String text = TestReports.render(new JsonReportWriter(), REPORT);

        assertThat(text).doesNotContain("<script", "\"'&");
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.get("lines").get(2).get("sentence").asText()).isEqualTo("sentence " + PAYLOAD);
        assertThat(json.get("lines").get(2).get("location").get("file").asText())
                .isEqualTo("budget" + PAYLOAD + ".yaml");
        JsonNode point = json.get("trends").get(0).get("points").get(2);
        assertThat(point.get("runId").asText()).isEqualTo("run" + PAYLOAD + "2");
        assertThat(point.get("commit").asText()).isEqualTo("commit" + PAYLOAD + "2");
        assertThat(point.get("buildUrl").asText()).isEqualTo("url" + PAYLOAD + "2");
        assertThat(point.get("flagReason").asText()).isEqualTo("flag" + PAYLOAD);
        assertThat(json.get("trends").get(0).get("changePoints").get(0).get("runId").asText())
                .isEqualTo("run" + PAYLOAD + "6");
        JsonNode database = json.get("database");
        assertThat(database.get("address").asText()).isEqualTo("db" + PAYLOAD);
        assertThat(database.get("notes").get(0).get("text").asText()).isEqualTo("note " + PAYLOAD);
        for (String ranking : new String[] {"byTotalTime", "byMeanTime"}) {
            JsonNode statement = database.get(ranking).get(0);
            assertThat(statement.get("query").asText()).isEqualTo("SELECT '" + PAYLOAD + "'\nFROM t" + PAYLOAD);
            assertThat(statement.get("user").asText()).isEqualTo("user" + PAYLOAD);
        }
    }

    @Test
    void shouldKeepTerminalEscapesOutOfTheConsoleTable() {
        String table = VerdictTable.render(TestReports.hostile("\u001b[2J\u001b]0;owned\u0007\u009b31m\nnext"));

        assertThat(table).doesNotContain("\u001b", "\u0007", "\u009b");
        assertThat(table.lines()).noneMatch(line -> line.startsWith("next"));
    }

    /** Inside a double-quoted attribute only {@code &quot;} may stand for a quote. */
    private static void assertNoUnescapedQuoteInsideAttributes(String html) {
        Pattern attribute = Pattern.compile("\\s([a-z-]+)=\"([^\"]*)\"");
        attribute.matcher(html).results().forEach(match ->
                assertThat(match.group(2)).as(match.group(1)).doesNotContain("<", ">", "'"));
        assertThat(html).doesNotContainPattern("=\"[^\"<>]*\"[^\\s>/]");
    }
}
