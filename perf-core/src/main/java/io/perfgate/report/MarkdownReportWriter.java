package io.perfgate.report;

import io.perfgate.diag.Diagnostic;
import io.perfgate.ingest.ResultSource;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.DatabaseSentence;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.Explanation;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Trend;
import io.perfgate.model.Verdict;
import io.perfgate.model.VerdictWording;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes {@code perf-report.md} for pull-request comments and CI step summaries (GitHub-flavoured
 * Markdown): the verdict as a heading, the budget lines with failing and undecided ones first, the
 * per-series summary, the statements the database spent most time on, a line per trend over the
 * branch's history, messages (errors first) and sources. Every untrusted string is escaped for Markdown
 * and HTML. The whole stays under {@link #MAX_CHARS} characters, below GitHub's comment limit of
 * 65,536; rows that do not fit are cut, with a note pointing to the HTML report.
 */
public final class MarkdownReportWriter implements ReportWriter {

    public static final String FILE_NAME = "perf-report.md";

    /** The most characters the report may hold. */
    public static final int MAX_CHARS = 60_000;

    /** Room kept for each "... N more" note. */
    private static final int NOTE_ROOM = 100;

    /** Statements listed per ranking of the database section; the HTML report lists them all. */
    static final int DATABASE_ROWS = 5;

    /** Worst first; within a verdict, the budget's order. */
    private static final Comparator<LineResult> WORST_FIRST =
            Comparator.comparing(LineResult::verdict, Comparator.reverseOrder());

    /** Errors, then warnings, then notes; within a level, the order reported. */
    private static final Comparator<Diagnostic> MOST_SEVERE_FIRST =
            Comparator.comparing(Diagnostic::level, Comparator.reverseOrder());

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public void write(GateReport report, Writer out) throws IOException {
        out.write(render(report));
        out.flush();
    }

    private static String render(GateReport report) {
        String head = "## " + VerdictWording.symbol(report.verdict()) + " perfgate: "
                + VerdictWording.headline(report) + "\n\n"
                + "**" + VerdictWording.lines(report.lines().size()) + ":** " + VerdictWording.counts(report)
                + " · budget " + MarkdownEscaping.cell(report.budgetFile())
                + " · " + report.createdAt() + "\n";

        List<LineResult> ordered = report.lines().stream().sorted(WORST_FIRST).toList();
        List<String> lineRows = ordered.stream().map(line -> lineRow(line)).toList();
        int notPassing = (int) ordered.stream().filter(line -> line.verdict() != Verdict.PASS).count();
        List<String> summaryRows = report.series().stream().map(MarkdownReportWriter::summaryRow).toList();
        List<Diagnostic> orderedMessages = report.messages().stream().sorted(MOST_SEVERE_FIRST).toList();
        List<String> messageItems = orderedMessages.stream().map(MarkdownReportWriter::messageItem).toList();
        int errorMessages = (int) VerdictWording.errorMessages(report);
        List<String> sourceItems = report.sources().stream().map(MarkdownReportWriter::sourceItem).toList();
        List<String> trendItems = report.trends().stream().map(MarkdownReportWriter::trendItem).toList();
        List<String> byTotalRows = report.database().map(section -> section.byTotalTime().stream()
                .map(MarkdownReportWriter::statementRow).toList()).orElse(List.of());
        List<String> byMeanRows = report.database().map(section -> section.byMeanTime().stream()
                .map(MarkdownReportWriter::statementRow).toList()).orElse(List.of());

        String linesTitle = "\n### Budget lines\n\n";
        String linesHeader = "| Status | Series | Threshold | Observed | Result |\n| --- | --- | --- | ---: | --- |\n";
        String noLines = "No budget lines were evaluated.\n";
        String summaryTitle = "\n### Series summary\n\n";
        String summaryHeader = summaryHeader();
        String databaseHead = report.database().map(MarkdownReportWriter::databaseHead).orElse("");
        String byTotalTitle = "\n**By total time**\n\n" + statementHeader();
        String byMeanTitle = "\n**By mean time**\n\n" + statementHeader();
        String databaseTables = byTotalRows.isEmpty() ? "" : byTotalTitle + byMeanTitle;
        String trendsTitle = "\n### Trends\n\n";
        String messagesTitle = "\n### Messages\n\n";
        String sourcesTitle = "\n### Sources\n\n";

        // Room is handed out by importance: lines that need attention, error messages, the other
        // lines, the other messages, then the database's statements, trends, summary rows and sources.
        int room = MAX_CHARS - head.length() - linesTitle.length() - linesHeader.length() - noLines.length()
                - summaryTitle.length() - summaryHeader.length() - databaseHead.length() - databaseTables.length()
                - trendsTitle.length() - messagesTitle.length() - sourcesTitle.length() - 7 * NOTE_ROOM;
        Allotment lines = new Allotment(lineRows);
        room = lines.take(notPassing, room);
        Allotment messages = new Allotment(messageItems);
        room = messages.take(errorMessages, room);
        room = lines.take(lineRows.size(), room);
        room = messages.take(messageItems.size(), room);
        Allotment byTotal = new Allotment(byTotalRows);
        room = byTotal.take(Math.min(DATABASE_ROWS, byTotalRows.size()), room);
        Allotment byMean = new Allotment(byMeanRows);
        room = byMean.take(Math.min(DATABASE_ROWS, byMeanRows.size()), room);
        Allotment trends = new Allotment(trendItems);
        room = trends.take(trendItems.size(), room);
        Allotment summaries = new Allotment(summaryRows);
        room = summaries.take(summaryRows.size(), room);
        Allotment sources = new Allotment(sourceItems);
        sources.take(sourceItems.size(), room);

        StringBuilder markdown = new StringBuilder(MAX_CHARS);
        markdown.append(head).append(linesTitle);
        if (lineRows.isEmpty()) {
            markdown.append(noLines);
        } else {
            markdown.append(linesHeader);
            lines.appendTo(markdown, "line", "lines");
        }
        if (!summaryRows.isEmpty()) {
            markdown.append(summaryTitle).append(summaryHeader);
            summaries.appendTo(markdown, "series", "series");
        }
        if (!databaseHead.isEmpty()) {
            markdown.append(databaseHead);
            if (!byTotalRows.isEmpty()) {
                markdown.append(byTotalTitle);
                byTotal.appendTo(markdown, "statement", "statements");
                markdown.append(byMeanTitle);
                byMean.appendTo(markdown, "statement", "statements");
            }
        }
        if (!trendItems.isEmpty()) {
            markdown.append(trendsTitle);
            trends.appendTo(markdown, "trend", "trends");
        }
        if (!messageItems.isEmpty()) {
            markdown.append(messagesTitle);
            messages.appendTo(markdown, "message", "messages");
        }
        if (!sourceItems.isEmpty()) {
            markdown.append(sourcesTitle);
            sources.appendTo(markdown, "source", "sources");
        }
        return markdown.toString();
    }

    private static String lineRow(LineResult result) {
        return "| " + VerdictWording.symbol(result.verdict()) + " " + VerdictWording.label(result.verdict())
                + " | " + MarkdownEscaping.cell(result.line().subject())
                + " | " + MarkdownEscaping.cell(result.line().expression())
                + " | " + MarkdownEscaping.cell(ReportCells.observed(result, ReportCells.EMPTY))
                + " | " + MarkdownEscaping.cell(result.sentence()) + explanations(result) + " |\n";
    }

    /** What changed behind a broken line, each on a line of its own within the cell. */
    private static String explanations(LineResult result) {
        StringBuilder text = new StringBuilder();
        for (Explanation explanation : result.explanations()) {
            text.append("<br>↳ ").append(MarkdownEscaping.cell(explanation.sentence()));
        }
        return text.toString();
    }

    private static String summaryHeader() {
        StringBuilder header = new StringBuilder("| Series |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (String column : ReportCells.SUMMARY_HEADERS) {
            header.append(' ').append(column).append(" |");
            rule.append(" ---: |");
        }
        return header.append('\n').append(rule).append('\n').toString();
    }

    private static String summaryRow(SeriesSummary summary) {
        StringBuilder row = new StringBuilder("| ").append(MarkdownEscaping.cell(summary.key().toString())).append(" |");
        for (String value : ReportCells.summaryValues(summary)) {
            row.append(' ').append(MarkdownEscaping.cell(value)).append(" |");
        }
        return row.append('\n').toString();
    }

    /** The section's title with its window and totals; the notes are among the messages. */
    private static String databaseHead(DatabaseSection section) {
        String head = "\n### Database\n\n`pg_stat_statements` of " + MarkdownEscaping.cell(section.database()) + " "
                + MarkdownEscaping.cell(ReportCells.databaseWindow(section)) + ": "
                + MarkdownEscaping.cell(ReportCells.databaseTotals(section)) + ".\n";
        return section.byTotalTime().isEmpty() ? head + "\nNo statements ran between the snapshots.\n" : head;
    }

    private static String statementHeader() {
        StringBuilder header = new StringBuilder("| Statement |");
        StringBuilder rule = new StringBuilder("| --- |");
        for (String column : ReportCells.DATABASE_HEADERS) {
            header.append(' ').append(column).append(" |");
            rule.append(" ---: |");
        }
        return header.append('\n').append(rule).append('\n').toString();
    }

    /** The statement's text cut short, as in the budget lines' sentences; the HTML report has all of it. */
    private static String statementRow(DatabaseStatementRow row) {
        String text = DatabaseSentence.shortQuery(row.query());
        StringBuilder line = new StringBuilder("| ")
                .append(text.isEmpty() ? "(text unknown, queryid " + row.queryId() + ")" : MarkdownEscaping.cell(text))
                .append(" |");
        for (String value : ReportCells.databaseValues(row)) {
            line.append(' ').append(MarkdownEscaping.cell(value)).append(" |");
        }
        return line.append('\n').toString();
    }

    /**
     * {@code - p(95) of http_req_duration{name:checkout}: 30 runs · last 641.2 ms (run 1230) · +29.8% since
     * run 1201 · 1 change point: +30.1% at run 1217 (9fceb02d0ae5)}. The statistic comes first, so untrusted
     * text never starts the item.
     */
    private static String trendItem(Trend trend) {
        TrendText text = new TrendText(trend);
        StringBuilder item = new StringBuilder(trend.statistic().toString()).append(" of ").append(trend.series())
                .append(": ").append(text.summary());
        if (!trend.changePoints().isEmpty()) {
            item.append(": ").append(String.join(", ", trend.changePoints().stream().map(text::changePoint).toList()));
        }
        return "- " + MarkdownEscaping.cell(item.toString()) + "\n";
    }

    /** The level comes first, so untrusted text never starts a line and cannot open a heading or list. */
    private static String messageItem(Diagnostic message) {
        return "- **" + VerdictWording.level(message.level()) + ":** " + MarkdownEscaping.cell(message.text()) + "\n";
    }

    private static String sourceItem(ResultSource source) {
        return "- " + MarkdownEscaping.cell(source.path()) + " (" + MarkdownEscaping.cell(source.format())
                + ", " + source.samples() + " samples)\n";
    }

    /** How many of a section's entries fit; they are taken in order, so the kept ones are a prefix. */
    private static final class Allotment {

        private final List<String> entries;
        private int kept;

        Allotment(List<String> entries) {
            this.entries = new ArrayList<>(entries);
        }

        /** Keeps entries up to index {@code limit} while they fit; returns the room left. */
        int take(int limit, int room) {
            int left = room;
            while (kept < limit && entries.get(kept).length() <= left) {
                left -= entries.get(kept).length();
                kept++;
            }
            return left;
        }

        void appendTo(StringBuilder markdown, String one, String many) {
            for (int i = 0; i < kept; i++) {
                markdown.append(entries.get(i));
            }
            int cut = entries.size() - kept;
            if (cut > 0) {
                markdown.append("\n... ").append(cut).append(" more ").append(cut == 1 ? one : many)
                        .append(", see ").append(HtmlReportWriter.FILE_NAME).append('\n');
            }
        }
    }
}
