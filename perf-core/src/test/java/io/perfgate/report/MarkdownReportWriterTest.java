package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostic;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.GateReport;
import io.perfgate.model.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarkdownReportWriterTest {

    @Test
    void shouldStayUnderTheCommentLimitKeepingEveryFailingLine() {
        GateReport report = TestReports.manyLines(5_000, 50);

        String markdown = render(report);

        assertThat(markdown.length()).isLessThanOrEqualTo(MarkdownReportWriter.MAX_CHARS);
        List<String> rows = markdown.lines().filter(line -> line.startsWith("| ✅") || line.startsWith("| ❌")).toList();
        long failing = rows.stream().filter(row -> row.startsWith("| ❌ FAIL")).count();
        assertThat(failing).isEqualTo(100);
        assertThat(rows.subList(0, 100)).allMatch(row -> row.startsWith("| ❌ FAIL"));
        Matcher note = Pattern.compile("\n\\.\\.\\. (\\d+) more lines, see perf-report\\.html\n").matcher(markdown);
        assertThat(note.find()).as("a note on the cut rows").isTrue();
        assertThat(Integer.parseInt(note.group(1))).isEqualTo(5_000 - rows.size()).isPositive();
        assertThat(markdown).startsWith("## ❌ perfgate: 100 of 5000 budget lines failed\n");
    }

    @Test
    void shouldCutMessagesTooWhenThereAreTooMany() {
        List<Diagnostic> messages = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            messages.add(new Diagnostic(Diagnostic.Level.WARNING, "results.csv line " + i + ": no timestamp, skipped"));
        }
        GateReport report = TestReports.withLines(Verdict.FAIL, messages, Verdict.FAIL, Verdict.PASS);

        String markdown = render(report);

        assertThat(markdown.length()).isLessThanOrEqualTo(MarkdownReportWriter.MAX_CHARS);
        assertThat(markdown).contains("| ❌ FAIL |", "| ✅ PASS |").containsPattern("\\.\\.\\. \\d+ more messages, see");
    }

    @Test
    void shouldKeepASmallReportWhole() {
        String markdown = render(TestReports.realistic());

        assertThat(markdown).doesNotContain("more lines", "more series", "more messages");
        assertThat(markdown.lines().filter(line -> line.matches("\\| (✅|⚠️|❌|⛔) .*"))).hasSize(10);
        assertThat(markdown.lines().filter(line -> line.matches("\\| .* \\| \\d+ \\| [0-9.]+/s \\|.*")))
                .as("summary rows").hasSize(8);
    }

    @Test
    void shouldListFailingAndUndecidedLinesFirst() {
        List<String> statuses = render(TestReports.realistic()).lines()
                .filter(line -> line.matches("\\| (✅|⚠️|❌|⛔) [A-Z]+ \\|.*"))
                .map(line -> line.substring(line.indexOf(' ', 2) + 1, line.indexOf(" |", 2)))
                .toList();

        assertThat(statuses).containsExactly("ERROR", "FAIL", "FAIL", "FAIL", "FAIL", "WARN", "PASS", "PASS", "PASS", "PASS");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "PASS;PASS,PASS,PASS;;## ✅ perfgate: all 3 budget lines passed",
        "PASS;PASS;;## ✅ perfgate: 1 budget line passed",
        "WARN;PASS,WARN;;## ⚠️ perfgate: all 2 budget lines passed, 1 with a warning",
        "FAIL;PASS,FAIL,WARN;;## ❌ perfgate: 1 of 3 budget lines failed",
        "ERROR;PASS,ERROR;;## ⛔ perfgate: 1 of 2 budget lines could not be decided",
        "ERROR;PASS,PASS;no results found;## ⛔ perfgate: the evaluation reported 1 error",
    })
    void shouldHeadTheReportWithTheVerdict(Verdict verdict, String lines, String error, String heading) {
        Verdict[] verdicts = java.util.Arrays.stream(lines.split(",")).map(Verdict::valueOf).toArray(Verdict[]::new);
        List<Diagnostic> messages = error == null ? List.of() : List.of(new Diagnostic(Diagnostic.Level.ERROR, error));

        String markdown = render(TestReports.withLines(verdict, messages, verdicts));

        assertThat(markdown).startsWith(heading + "\n");
    }

    @Test
    void shouldShowEmptySummaryValuesAsDashes() {
        String markdown = render(TestReports.realistic());

        assertThat(markdown).contains("| http\\_reqs | 1212 | 121.2/s | – | – | – | – | – | – | – | – |")
                .contains("| 69.27 ms | – | 81.3 ms | 5.36% |");
    }

    @Test
    void shouldEscapeMarkdownAndHtmlInCells() {
        assertThat(MarkdownEscaping.cell("a|b\\c`d*e_f[g](h)<i>&j\nk\r\nl~m\"n"))
                .isEqualTo("a\\|b\\\\c\\`d\\*e\\_f\\[g\\](h)&lt;i&gt;&amp;j k l\\~m&quot;n");
    }

    @Test
    void shouldShortenHugeCells() {
        String cell = MarkdownEscaping.cell("x".repeat(10_000));

        assertThat(cell).hasSize(MarkdownEscaping.MAX_CELL_CODE_POINTS).endsWith("…");
    }

    @Test
    void shouldKeepUntrustedTextFromStartingALine() {
        String payload = "\n# heading\n- item\n| a | b |";
        String markdown = render(TestReports.hostile(payload));

        assertThat(markdown.lines()).noneMatch(line -> line.startsWith("# heading") || line.startsWith("- item")
                || line.startsWith("\\| a"));
    }

    @Test
    void shouldListTheTopStatementsOfEachRankingCompactly() {
        String markdown = render(TestReports.realistic());
        String database = markdown.substring(markdown.indexOf("### Database\n"), markdown.indexOf("### Trends"));

        assertThat(database).contains("`pg_stat_statements` of db.test:5432/shop from 2025-06-02T09:24:41.118Z to "
                + "2025-06-02T09:29:52.904Z (311.8 s): 12 statements, 30825 calls, 2.413 s in all; 1212 HTTP requests, "
                + "25.43 calls per request.\n");
        List<String> rows = database.lines()
                .filter(line -> line.startsWith("| ") && !line.startsWith("| Statement") && !line.startsWith("| ---"))
                .toList();
        assertThat(rows).hasSize(2 * MarkdownReportWriter.DATABASE_ROWS);
        assertThat(rows.get(0)).isEqualTo("| SELECT id, room, nights, price FROM bookings WHERE guest\\_id = $1 | 24240 "
                + "| 20 | 41.2 µs | 998.7 ms | 24240 |");
        assertThat(rows.get(MarkdownReportWriter.DATABASE_ROWS)).as("the slowest by mean, cut short on one line")
                .startsWith("| SELECT r.id, r.name, count(b.id) AS nights\\_booked, sum(b.price) AS revenue FROM… |");
        assertThat(database.lines().filter(line -> line.equals("... 5 more statements, see perf-report.html")))
                .hasSize(2);
    }

    @Test
    void shouldGiveTheDatabaseRowsRoomOnlyAfterTheLinesAndMessages() {
        GateReport report = TestReports.manyLines(5_000, 50).withDatabase(Optional.of(TestReports.databaseSection()));

        String markdown = render(report);

        assertThat(markdown.length()).isLessThanOrEqualTo(MarkdownReportWriter.MAX_CHARS);
        assertThat(markdown.lines().filter(line -> line.startsWith("| ❌ FAIL"))).hasSize(100);
        String database = markdown.substring(markdown.indexOf("### Database\n"));
        assertThat(database).contains("12 statements, 30825 calls");
        long shown = database.lines().filter(line -> line.startsWith("| SELECT") || line.startsWith("| INSERT")
                || line.startsWith("| UPDATE")).count();
        long cut = Pattern.compile("\n\\.\\.\\. (\\d+) more statements, see perf-report\\.html\n").matcher(database)
                .results().mapToLong(match -> Long.parseLong(match.group(1))).sum();
        assertThat(shown).as("at most what is left once the lines are in").isLessThan(2);
        assertThat(shown + cut).isEqualTo(2 * DatabaseSection.TOP);
    }

    @Test
    void shouldNotifyNobodyAndKeepTheReadingOrderOfHostileNames() {
        String markdown = render(TestReports.hostile("@everyone @here \u202Egnp.exe"));

        assertThat(markdown).doesNotContain("@everyone").doesNotContain("@here").doesNotContain("\u202E")
                .contains("@\u200Beveryone");
    }

    private static String render(GateReport report) {
        return TestReports.render(new MarkdownReportWriter(), report);
    }

    @Test
    void shouldSayInOneLinePerTrendWhereItEndedHowFarItMovedAndWhereItShifted() {
        String markdown = render(TestReports.realistic());

        String trends = markdown.substring(markdown.indexOf("### Trends\n"), markdown.indexOf("### Messages"));
        assertThat(trends.lines().filter(line -> line.startsWith("- "))).containsExactly(
                "- p(95) of http\\_req\\_duration: 30 runs · last 66.34 ms (run 1230) · +20.6% since run 1201 · "
                        + "1 change point: +23.6% at run 1219 (" + TestReports.commit(18).substring(0, 12) + ")",
                "- rate of http\\_req\\_failed: 8 runs · last 5.36% (run 1230) · +2452% since run 1223 · "
                        + "no change point");
    }

    @Test
    void shouldLeaveOutTheTrendsWithoutHistory() {
        assertThat(render(TestReports.withLines(Verdict.PASS, List.of(), Verdict.PASS))).doesNotContain("Trends");
    }

    @Test
    void shouldSayWhenATrendHasNoValueAndPrintAChangeFromZeroInTheUnit() {
        GateReport report = TestReports.withLines(Verdict.PASS, List.of(), Verdict.PASS)
                .withTrends(List.of(TrendTest.trend(null, null), TrendTest.trend(0.0, 12.5)));

        String markdown = render(report);

        assertThat(markdown).contains("- avg of http\\_req\\_duration: 2 runs · no value recorded · no change point\n",
                "- avg of http\\_req\\_duration: 2 runs · last 12.5 ms (run 2) · +12.5 ms since run 1 · no change point\n");
    }
}
