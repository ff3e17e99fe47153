package io.perfgate.report;

import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.Severity;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.Diagnostic;
import io.perfgate.ingest.ResultSource;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.Explanation;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Trend;
import io.perfgate.model.UntrustedText;
import io.perfgate.model.ValueFormat;
import io.perfgate.model.Verdict;
import io.perfgate.model.VerdictWording;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Writes {@code perf-report.html}: one self-contained page that opens offline and from a CI
 * artifact store. Styles are inline, charts are inline SVG drawn here (trends by {@link TrendChart}),
 * there is no script, and a Content-Security-Policy forbids every network load. Every string from
 * results, the budget, the history (run ids, commits, flag reasons) or the database (statement texts,
 * roles) is escaped; build URLs are left to
 * {@code perf-report.json}, since the page links nowhere.
 */
public final class HtmlReportWriter implements ReportWriter {

    public static final String FILE_NAME = "perf-report.html";

    /** Nothing may be fetched; inline styles and {@code data:} images are all the page needs. */
    public static final String CONTENT_SECURITY_POLICY =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    /** How many series get a percentile chart. */
    static final int PERCENTILE_CHARTS = 3;

    private static final String CSS = loadCss();

    /** Layout of an observed-against-limit chart, in SVG user units. */
    private static final int LIMIT_ROW = 28;
    private static final int LIMIT_LABEL_CODE_POINTS = 30;
    private static final int LIMIT_BAR_X = 230;
    private static final int LIMIT_BAR_WIDTH = 360;
    private static final int LIMIT_TEXT_X = 600;
    private static final int LIMIT_CHART_WIDTH = 820;

    /** Layout of a percentile chart. */
    private static final int STAT_COLUMN = 80;
    private static final int STAT_BAR = 48;
    private static final int STAT_LEFT = 20;
    private static final int STAT_TOP = 24;
    private static final int STAT_BASELINE = 184;
    private static final int STAT_CHART_HEIGHT = 208;

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
        StringBuilder html = new StringBuilder(16_384);
        String verdict = VerdictWording.key(report.verdict());
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(HtmlEscaping.escape(CONTENT_SECURITY_POLICY)).append("\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>perfgate: ").append(VerdictWording.gateStatus(report.verdict()))
                .append(" · ").append(escape(report.budgetFile())).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");

        html.append("<header class=\"banner ").append(verdict).append("\">\n<h1>")
                .append(VerdictWording.symbol(report.verdict())).append(" perfgate: ")
                .append(escape(VerdictWording.headline(report))).append("</h1>\n<p>Budget <code>")
                .append(escape(report.budgetFile())).append("</code> · evaluated ")
                .append(report.createdAt()).append("</p>\n</header>\n");
        appendCounts(html, report);
        appendLineTable(html, report);
        appendLimitCharts(html, report);
        appendTrends(html, report);
        appendSummaryTable(html, report);
        appendPercentileCharts(html, report);
        appendDatabase(html, report);
        appendSources(html, report);
        appendMessages(html, report);
        html.append("<footer>perfgate · machine-readable twin: ").append(JsonReportWriter.FILE_NAME)
                .append(" (schema version ").append(GateReport.SCHEMA_VERSION).append(")</footer>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    private static void appendCounts(StringBuilder html, GateReport report) {
        html.append("<ul class=\"counts\">\n");
        appendCount(html, report.count(Verdict.FAIL), "failed", Verdict.FAIL);
        appendCount(html, report.count(Verdict.ERROR), "undecided", Verdict.ERROR);
        appendCount(html, report.count(Verdict.WARN), report.count(Verdict.WARN) == 1 ? "warning" : "warnings",
                Verdict.WARN);
        appendCount(html, report.count(Verdict.PASS), "passed", Verdict.PASS);
        html.append("<li><strong>").append(report.lines().size()).append("</strong> ")
                .append(report.lines().size() == 1 ? "budget line" : "budget lines").append("</li>\n");
        html.append("</ul>\n");
    }

    private static void appendCount(StringBuilder html, long count, String what, Verdict verdict) {
        html.append("<li class=\"").append(VerdictWording.key(verdict)).append("\"><strong>").append(count)
                .append("</strong> ").append(what).append("</li>\n");
    }

    private static void appendLineTable(StringBuilder html, GateReport report) {
        html.append("<h2>Budget lines</h2>\n");
        if (report.lines().isEmpty()) {
            html.append("<p class=\"muted\">No budget lines were evaluated.</p>\n");
            return;
        }
        html.append("<table class=\"lines\">\n<thead><tr><th>Status</th><th>Series</th><th>Threshold</th>")
                .append("<th class=\"num\">Observed</th><th>If broken</th><th>Result</th><th>Description</th>")
                .append("<th>Location</th></tr></thead>\n<tbody>\n");
        for (LineResult result : report.lines()) {
            BudgetLine line = result.line();
            String verdict = VerdictWording.key(result.verdict());
            html.append("<tr class=\"").append(verdict).append("\"><td><span class=\"badge ").append(verdict)
                    .append("\">").append(VerdictWording.label(result.verdict())).append("</span></td>")
                    .append("<td><code>").append(escape(line.subject())).append("</code></td>")
                    .append("<td><code>").append(escape(line.expression())).append("</code></td>")
                    .append("<td class=\"num\">").append(escape(ReportCells.observed(result, ReportCells.EMPTY)))
                    .append("</td><td>").append(line.severity() == Severity.WARN ? "warns" : "fails")
                    .append("</td><td>").append(escape(result.sentence()));
            appendExplanations(html, result);
            html.append("</td><td>").append(escape(line.description()))
                    .append("</td><td>").append(escape(line.location().toString()))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** What changed behind a broken line, below its sentence. */
    private static void appendExplanations(StringBuilder html, LineResult result) {
        if (result.explanations().isEmpty()) {
            return;
        }
        html.append("<ul class=\"explanations\">");
        for (Explanation explanation : result.explanations()) {
            html.append("<li>").append(escape(explanation.sentence())).append("</li>");
        }
        html.append("</ul>");
    }

    /** One chart per series of the budget: a bar per line with its observed value and a limit marker. */
    private static void appendLimitCharts(StringBuilder html, GateReport report) {
        Map<SeriesKey, List<LineResult>> bySeries = new LinkedHashMap<>();
        for (LineResult result : report.lines()) {
            if (result.line() instanceof ThresholdLine line) {
                bySeries.computeIfAbsent(line.series(), key -> new ArrayList<>()).add(result);
            }
        }
        if (bySeries.isEmpty()) {
            return;
        }
        html.append("<h2>Observed against limits</h2>\n")
                .append("<p class=\"muted\">Bars show the observed value, the dashed line the limit; ")
                .append("each bar has its own scale.</p>\n");
        for (Map.Entry<SeriesKey, List<LineResult>> series : bySeries.entrySet()) {
            String name = escape(series.getKey().toString());
            List<LineResult> results = series.getValue();
            int height = results.size() * LIMIT_ROW + 8;
            html.append("<figure class=\"chart\">\n<h3>").append(name).append("</h3>\n")
                    .append("<svg role=\"img\" aria-label=\"").append(name)
                    .append(" observed against limits\" width=\"").append(LIMIT_CHART_WIDTH)
                    .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(LIMIT_CHART_WIDTH)
                    .append(' ').append(height).append("\">\n");
            for (int i = 0; i < results.size(); i++) {
                appendLimitRow(html, results.get(i), 4 + i * LIMIT_ROW);
            }
            html.append("</svg>\n</figure>\n");
        }
    }

    private static void appendLimitRow(StringBuilder html, LineResult result, int top) {
        ThresholdLine line = (ThresholdLine) result.line();
        double limit = Math.max(0, line.threshold().limit().value());
        OptionalDouble observed = result.observed();
        double largest = Math.max(limit, observed.isPresent() ? Math.max(0, observed.getAsDouble()) : 0);
        double scale = largest > 0 && Double.isFinite(largest) ? LIMIT_BAR_WIDTH / (largest * 1.1) : 0;
        String expression = line.threshold().expression();
        String limitText = escape(result.limitText());

        html.append("<text x=\"0\" y=\"").append(top + 17).append("\">")
                .append(escape(UntrustedText.shorten(UntrustedText.oneLine(expression), LIMIT_LABEL_CODE_POINTS)))
                .append("<title>").append(escape(expression)).append("</title></text>\n");
        html.append("<rect class=\"track\" x=\"").append(LIMIT_BAR_X).append("\" y=\"").append(top + 4)
                .append("\" width=\"").append(LIMIT_BAR_WIDTH).append("\" height=\"18\"/>\n");
        if (observed.isPresent() && Double.isFinite(observed.getAsDouble())) {
            double width = Math.max(0, observed.getAsDouble()) * scale;
            html.append("<rect class=\"bar ").append(VerdictWording.key(result.verdict())).append("\" x=\"")
                    .append(LIMIT_BAR_X).append("\" y=\"").append(top + 4).append("\" width=\"")
                    .append(coordinate(width)).append("\" height=\"18\"><title>")
                    .append(escape(result.sentence())).append("</title></rect>\n");
        }
        double limitX = LIMIT_BAR_X + limit * scale;
        html.append("<line class=\"limit\" x1=\"").append(coordinate(limitX)).append("\" y1=\"").append(top)
                .append("\" x2=\"").append(coordinate(limitX)).append("\" y2=\"").append(top + 26)
                .append("\"><title>limit ").append(limitText).append("</title></line>\n");
        html.append("<text x=\"").append(LIMIT_TEXT_X).append("\" y=\"").append(top + 17).append("\">")
                .append(escape(ReportCells.observed(result, "no value"))).append(" vs ").append(limitText)
                .append("</text>\n");
    }

    /** One line chart per trend, under a legend that says once how to read them all. */
    private static void appendTrends(StringBuilder html, GateReport report) {
        if (report.trends().isEmpty()) {
            return;
        }
        html.append("<h2>Trends</h2>\n")
                .append("<p class=\"muted\">One point per recorded run of the branch, oldest on the left, coloured ")
                .append("by the verdict of the budget lines on that statistic (hollow: by the run's verdict, where ")
                .append("the run recorded no such line). Dashed: fixed limits. Vertical lines: change points, where ")
                .append("the values shifted (E-divisive means with a permutation test), labelled with the ")
                .append("shift; dotted: the mean between them. Faded: flagged runs, left out of change-point ")
                .append("detection. Ringed: the pinned baseline. Hover a point for its run and commit.</p>\n");
        for (Trend trend : report.trends()) {
            TrendChart.append(html, trend);
        }
    }

    private static void appendSummaryTable(StringBuilder html, GateReport report) {
        if (report.series().isEmpty()) {
            return;
        }
        html.append("<h2>Series summary</h2>\n<table class=\"summary\">\n<thead><tr><th>Series</th>");
        for (String column : ReportCells.SUMMARY_HEADERS) {
            html.append("<th class=\"num\">").append(column).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (SeriesSummary summary : report.series()) {
            html.append("<tr><td><code>").append(escape(summary.key().toString())).append("</code></td>");
            for (String value : ReportCells.summaryValues(summary)) {
                html.append("<td class=\"num\">").append(escape(value)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /**
     * The series people care about most, each as bars of min, med, p90, p95, p99 and max: those the
     * budget names, then time series (latency is what budgets are mostly about), then the busiest, in
     * the summary's order, which puts http_req_duration first.
     */
    private static void appendPercentileCharts(StringBuilder html, GateReport report) {
        Set<SeriesKey> budgeted = new HashSet<>();
        report.lines().forEach(result -> {
            if (result.line() instanceof ThresholdLine line) {
                budgeted.add(line.series());
            } else if (result.line() instanceof RegressionLine line) {
                budgeted.add(line.series());
            }
        });
        List<SeriesSummary> charted = report.series().stream()
                .filter(summary -> distribution(summary).stream().filter(OptionalDouble::isPresent).count() >= 2)
                .sorted(Comparator.comparing((SeriesSummary summary) -> !budgeted.contains(summary.key()))
                        .thenComparing(summary -> summary.contents() != MetricContents.TIME)
                        .thenComparing(summary -> report.series().indexOf(summary))
                        .thenComparing(SeriesSummary::key))
                .limit(PERCENTILE_CHARTS)
                .toList();
        if (charted.isEmpty()) {
            return;
        }
        html.append("<h2>Percentiles</h2>\n");
        for (SeriesSummary summary : charted) {
            appendPercentileChart(html, summary);
        }
    }

    private static void appendPercentileChart(StringBuilder html, SeriesSummary summary) {
        List<String> labels = List.of("min", "med", "p90", "p95", "p99", "max");
        List<OptionalDouble> values = distribution(summary);
        double largest = values.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble)
                .filter(Double::isFinite).map(value -> Math.max(0, value)).max().orElse(0);
        double scale = largest > 0 ? (STAT_BASELINE - STAT_TOP) / largest : 0;
        int width = STAT_LEFT * 2 + labels.size() * STAT_COLUMN;
        String name = escape(summary.key().toString());
        html.append("<figure class=\"chart\">\n<h3>").append(name).append(" · ")
                .append(summary.count()).append(" samples</h3>\n")
                .append("<svg role=\"img\" aria-label=\"").append(name).append(" percentiles\" width=\"")
                .append(width).append("\" height=\"").append(STAT_CHART_HEIGHT).append("\" viewBox=\"0 0 ")
                .append(width).append(' ').append(STAT_CHART_HEIGHT).append("\">\n")
                .append("<line class=\"axis\" x1=\"").append(STAT_LEFT).append("\" y1=\"").append(STAT_BASELINE)
                .append("\" x2=\"").append(width - STAT_LEFT).append("\" y2=\"").append(STAT_BASELINE)
                .append("\"/>\n");
        for (int i = 0; i < labels.size(); i++) {
            double centre = STAT_LEFT + i * STAT_COLUMN + STAT_COLUMN / 2.0;
            OptionalDouble value = values.get(i);
            String text = ReportCells.EMPTY;
            double labelY = STAT_BASELINE - 4;
            if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
                double height = Math.max(0, value.getAsDouble()) * scale;
                text = ValueFormat.value(value.getAsDouble(), summary.contents(), "");
                labelY = STAT_BASELINE - height - 4;
                html.append("<rect class=\"bar stat\" x=\"").append(coordinate(centre - STAT_BAR / 2.0))
                        .append("\" y=\"").append(coordinate(STAT_BASELINE - height)).append("\" width=\"")
                        .append(STAT_BAR).append("\" height=\"").append(coordinate(height)).append("\"><title>")
                        .append(labels.get(i)).append(' ').append(escape(text)).append("</title></rect>\n");
            }
            html.append("<text x=\"").append(coordinate(centre)).append("\" y=\"").append(coordinate(labelY))
                    .append("\" text-anchor=\"middle\">").append(escape(text)).append("</text>\n")
                    .append("<text x=\"").append(coordinate(centre)).append("\" y=\"").append(STAT_BASELINE + 16)
                    .append("\" text-anchor=\"middle\">").append(labels.get(i)).append("</text>\n");
        }
        html.append("</svg>\n</figure>\n");
    }

    private static List<OptionalDouble> distribution(SeriesSummary summary) {
        return List.of(summary.min(), summary.med(), summary.p90(), summary.p95(), summary.p99(), summary.max());
    }

    /**
     * What the database ran during the load: the window and totals, then the statements with the most
     * total and the highest mean time. A statement's text is put on one line and shortened in its cell;
     * the text as written (when it differs), its query id and role, and its plan after the load (its shape
     * and the server's JSON) open below it without script ({@code <details>}).
     */
    private static void appendDatabase(StringBuilder html, GateReport report) {
        if (report.database().isEmpty()) {
            return;
        }
        DatabaseSection section = report.database().get();
        html.append("<h2>Database</h2>\n<p>pg_stat_statements of <code>").append(escape(section.database()))
                .append("</code> ").append(escape(ReportCells.databaseWindow(section))).append(": ")
                .append(escape(ReportCells.databaseTotals(section))).append(".</p>\n");
        if (!section.notes().isEmpty()) {
            html.append("<ul class=\"notes\">\n");
            for (String note : section.notes()) {
                html.append("<li>").append(escape(note)).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        if (section.byTotalTime().isEmpty()) {
            html.append("<p class=\"muted\">No statements ran between the snapshots.</p>\n");
            return;
        }
        appendStatements(html, "Top statements by total time", section.byTotalTime());
        appendStatements(html, "Top statements by mean time", section.byMeanTime());
    }

    private static void appendStatements(StringBuilder html, String title, List<DatabaseStatementRow> rows) {
        html.append("<h3>").append(title).append("</h3>\n<table class=\"statements\">\n<thead><tr><th>Statement</th>");
        for (String column : ReportCells.DATABASE_HEADERS) {
            html.append("<th class=\"num\">").append(column).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (DatabaseStatementRow row : rows) {
            String shown = row.displayQuery();
            html.append("<tr><td><details><summary>")
                    .append(shown.isEmpty() ? "<span class=\"muted\">(text unknown)</span>"
                            : "<code>" + escape(shown) + "</code>")
                    .append("</summary>");
            if (!shown.equals(row.query())) {
                html.append("<pre>").append(escape(row.query())).append("</pre>");
            }
            html.append("<p class=\"muted\">queryid ").append(row.queryId());
            if (!row.user().isEmpty()) {
                html.append(" · run by ").append(escape(row.user()));
            }
            html.append("</p>");
            if (row.plan().isPresent()) {
                html.append("<p class=\"muted\">plan after the load: ").append(escape(row.plan().get().shape()))
                        .append("</p>");
                if (!row.plan().get().text().isEmpty()) {
                    html.append("<pre class=\"plan\">").append(escape(row.plan().get().text())).append("</pre>");
                }
            }
            html.append("</details></td>");
            for (String value : ReportCells.databaseValues(row)) {
                html.append("<td class=\"num\">").append(escape(value)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void appendSources(StringBuilder html, GateReport report) {
        if (report.sources().isEmpty()) {
            return;
        }
        html.append("<h2>Sources</h2>\n<table class=\"sources\">\n<thead><tr><th>File</th><th>Format</th>")
                .append("<th class=\"num\">Samples</th></tr></thead>\n<tbody>\n");
        for (ResultSource source : report.sources()) {
            html.append("<tr><td><code>").append(escape(source.path())).append("</code></td><td>")
                    .append(escape(source.format())).append("</td><td class=\"num\">").append(source.samples())
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    private static void appendMessages(StringBuilder html, GateReport report) {
        if (report.messages().isEmpty()) {
            return;
        }
        html.append("<h2>Messages</h2>\n<ul class=\"messages\">\n");
        for (Diagnostic message : report.messages()) {
            html.append("<li class=\"").append(message.level().name().toLowerCase(Locale.ROOT))
                    .append("\"><strong>").append(VerdictWording.level(message.level())).append(":</strong> ")
                    .append(escape(message.text())).append("</li>\n");
        }
        html.append("</ul>\n");
    }

    private static String escape(String text) {
        return HtmlEscaping.escape(text);
    }

    /** One decimal, a dot whatever the default locale. */
    private static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String loadCss() {
        try (InputStream css = HtmlReportWriter.class.getResourceAsStream("report.css")) {
            if (css == null) {
                throw new IllegalStateException("report.css is missing beside " + HtmlReportWriter.class.getName());
            }
            return new String(css.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read report.css", e);
        }
    }
}
