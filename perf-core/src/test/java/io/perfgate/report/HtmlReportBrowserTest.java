package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.perfgate.budget.Severity;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.Diagnostics;
import io.perfgate.gate.CheckRequest;
import io.perfgate.gate.GateOutcome;
import io.perfgate.gate.HistoryOptions;
import io.perfgate.gate.PerfGate;
import io.perfgate.gate.RunIdentity;
import io.perfgate.history.FileHistoryStore;
import io.perfgate.model.Explanation;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Trend;
import io.perfgate.model.VerdictWording;
import io.perfgate.run.K6RunRecord;
import io.perfgate.run.RunRole;
import io.perfgate.stats.SeriesKey;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * perf-report.html as people see it: each report is opened in headless Chromium with no network, and
 * the page must load without a console error or warning, an uncaught exception, a Content-Security-Policy
 * violation or other DevTools issue, or any request but its own file; the verdict table must show every
 * budget line, every section the report calls for must be there, every chart must have a size and as
 * many bars, points and markers as the report has values, no point of a trend may lie under something
 * else, and nothing may stick out sideways. A hostile report's payload must show as text and not run,
 * even with the page's CSP switched off. The reports are the realistic and hostile ones of
 * {@link TestReports} and one the real gate writes over recorded k6 runs with a history. Each page and a
 * screenshot of it are left in the build folder's {@code browser/} for people to look at.
 *
 * <p>Without Chromium the tests are skipped, but on CI ({@code CI=true}) they fail: see
 * {@link ChromiumExecutable}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HtmlReportBrowserTest {

    /** What the payload sets if any of it runs. */
    private static final String INJECTED = "perfgateInjected";

    /** Markup that would run script three ways, and break out of a title, a code element and an attribute. */
    private static final String PAYLOAD = "</title></code><script>window." + INJECTED + "=1</script>"
            + "<img src=x onerror=\"window." + INJECTED + "=2\"><svg onload=\"window." + INJECTED + "=3\">\"'&";

    /** The chart marks that are counted against the report; each is a class the writer gives. */
    private static final List<String> MARKS = List.of("rect.track", "rect.bar", "line.limit", "circle.point",
            "line.missing", "line.change", "circle.pinned", "text.limit-label");

    /**
     * What the page shows, read in the page itself: texts of the verdict table, every section heading,
     * table and chart with their rendered sizes, and traces of the payload.
     */
    private static final String PAGE_FACTS = """
            (() => {
              const marks = %s;
              const size = element => {
                const box = element.getBoundingClientRect();
                return { width: box.width, height: box.height };
              };
              const drawn = element => {
                const box = element.getBoundingClientRect();
                return box.width > 0 || box.height > 0;
              };
              const all = (root, selector) => [...root.querySelectorAll(selector)];
              return {
                title: document.title,
                scripts: all(document, 'script').length,
                handlers: all(document, '*').filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
                injected: typeof window.%s !== 'undefined',
                scrollWidth: document.documentElement.scrollWidth,
                clientWidth: document.documentElement.clientWidth,
                scrollHeight: document.documentElement.scrollHeight,
                sections: all(document, 'h2').map(h => ({ title: h.textContent, ...size(h) })),
                lineRows: all(document, 'table.lines > tbody > tr')
                    .map(row => ({ cells: [...row.cells].map(cell => cell.textContent), ...size(row) })),
                tables: all(document, 'table').map(table => ({
                  className: table.className,
                  headers: table.tHead ? table.tHead.rows[0].cells.length : 0,
                  rows: [...table.tBodies].flatMap(body => [...body.rows]).map(row => row.cells.length),
                  ...size(table)
                })),
                charts: all(document, 'svg').map(svg => ({
                  label: svg.getAttribute('aria-label'),
                  ...size(svg),
                  marks: Object.fromEntries(marks.map(mark => [mark, all(svg, mark).length])),
                  shapes: all(svg, 'rect, circle, line, polyline, path').length,
                  drawnShapes: all(svg, 'rect, circle, line, polyline, path').filter(drawn).length
                }))
              };
            })()
            """.formatted(toJsArray(MARKS), INJECTED);

    /**
     * The points of the trends with something else drawn over their centre, and what that is (shortened;
     * elementFromPoint sees only the window, so each point is scrolled into it first).
     */
    private static final String COVERED_POINTS = """
            (() => {
              const covered = [...document.querySelectorAll('svg circle.point')].map(point => {
                point.scrollIntoView({ block: 'center', inline: 'center' });
                const box = point.getBoundingClientRect();
                const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
                const title = point.querySelector('title');
                const cut = text => text.length > 60 ? text.substring(0, 59) + '…' : text;
                return top === point ? null : {
                  chart: cut(point.closest('svg').getAttribute('aria-label')),
                  run: (title ? title.textContent.split(' · ')[0] : '').slice(-30),
                  coveredBy: top ? top.tagName + '.' + top.getAttribute('class') + ' "' + cut(top.textContent) + '"'
                      : 'nothing'
                };
              }).filter(found => found !== null);
              window.scrollTo(0, 0);
              return covered;
            })()
            """;

    /** How many builds of main the gate judges: five passing runs make a baseline, the sixth is slower. */
    private static final int BUILDS = 6;

    private static final String BUDGET = """
            thresholds:
              http_req_duration: ["p(95)<500ms", "p(95) < baseline + 1%"]
              http_req_duration{name:fast}:
                - threshold: "p(99)<250"
                  severity: warn
                  description: "The fast endpoint's tail"
              http_req_failed: ["rate<0.01"]
              checks: ["rate>0.9"]
            """;

    private static HeadlessChromium browser;
    private static final Map<String, ReportPage> PAGES = new LinkedHashMap<>();

    @TempDir
    static Path folder;

    /** A report and the page written from it. */
    private record ReportPage(GateReport report, Path file) {
    }

    /** Started for the first test and shared; looked for before each, so that each says why it is skipped. */
    @BeforeEach
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startBrowser() throws IOException {
        Path executable = ChromiumExecutable.require();
        if (browser == null) {
            browser = HeadlessChromium.start(executable);
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void shouldRenderTheRealisticReport() throws IOException {
        ReportPage page = page("realistic");

        JsonNode facts = assertRendersSoundly(page, "realistic");

        assertThat(facts.path("charts")).extracting(chart -> chart.path("label").asText())
                .contains("http_req_duration p(95) trend", "http_req_failed rate trend",
                        "http_req_duration{name:checkout} observed against limits");
    }

    @Test
    void shouldShowTheHostilePayloadAsTextWithoutRunningIt() throws IOException {
        ReportPage page = page("hostile");

        JsonNode facts = assertRendersSoundly(page, "hostile");
        assertThat(facts.path("title").asText()).contains("budget" + PAYLOAD);

        // Escaping alone must hold: with the CSP off, markup that slipped through would run or fetch.
        try (BrowserPage unguarded = browser.open(page.file().toUri(), true)) {
            JsonNode shown = unguarded.evaluate(PAGE_FACTS);
            assertThat(shown.path("injected").asBoolean()).as("the payload ran").isFalse();
            assertThat(shown.path("scripts").asInt()).isZero();
            assertThat(shown.path("handlers").asInt()).isZero();
            assertThat(unguarded.requests()).containsExactly(page.file().toUri().toString());
            assertThat(unguarded.exceptions()).isEmpty();
            assertThat(unguarded.console()).isEmpty();
        }
    }

    @Test
    void shouldRenderTheGatesReportOfRecordedK6RunsWithTheirHistory() throws IOException {
        ReportPage page = page("gate");
        assertThat(page.report().trends()).as("one trend per statistic the budget watches").hasSize(4)
                .allSatisfy(trend -> assertThat(trend.points()).as(trend.series() + " runs").hasSize(BUILDS));

        JsonNode facts = assertRendersSoundly(page, "gate");

        assertThat(facts.path("charts")).extracting(chart -> chart.path("label").asText())
                .contains("http_req_duration p(95) trend", "http_req_duration observed against limits");
    }

    /**
     * No label or line is drawn over a run's point, least of all the newest run's, which is what the
     * report is about.
     */
    @ParameterizedTest
    @ValueSource(strings = {"realistic", "gate", "hostile"})
    void shouldLeaveEveryPointOfATrendInSight(String name) throws IOException {
        ReportPage page = page(name);
        long points = page.report().trends().stream()
                .flatMap(trend -> trend.points().stream()).filter(point -> point.value().isPresent()).count();
        assertThat(points).isPositive();

        try (BrowserPage shown = browser.open(page.file().toUri(), false)) {
            JsonNode covered = shown.evaluate(COVERED_POINTS);
            List<String> found = new ArrayList<>();
            covered.forEach(point -> found.add(point.path("chart").asText() + ": the point of "
                    + point.path("run").asText() + " lies under " + point.path("coveredBy").asText()));
            assertThat(found).as("points of the trends with something drawn over them").isEmpty();
        }
    }

    /** The checks above can fail: a page that does what a report must not is caught on every count. */
    @Test
    void shouldNoticeWhatABrokenPageDoes() throws IOException {
        Path guarded = Files.writeString(folder.resolve("guarded.html"), """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8">
                <meta http-equiv="Content-Security-Policy" content="%s">
                <title>guarded</title></head>
                <body><script>window.%s = 1;</script><img src="https://cdn.example.com/logo.png" alt=""></body></html>
                """.formatted(HtmlReportWriter.CONTENT_SECURITY_POLICY, INJECTED));
        try (BrowserPage page = browser.open(guarded.toUri(), false)) {
            // each violation is both an issue and a console error
            assertThat(page.cspViolations())
                    .anySatisfy(text -> assertThat(text).startsWith("kInlineViolation of script-src-elem"))
                    .anySatisfy(text -> assertThat(text).contains("violates the following Content Security Policy "
                            + "directive: \"img-src data:\""));
            assertThat(page.console()).extracting(BrowserPage.ConsoleMessage::level, BrowserPage.ConsoleMessage::source)
                    .containsExactly(tuple("error", "security"), tuple("error", "security"));
            assertThat(page.requests()).containsExactly(guarded.toUri().toString(), "https://cdn.example.com/logo.png");
            assertThat(page.issues()).hasSize(2)
                    .allSatisfy(issue -> assertThat(issue).startsWith("ContentSecurityPolicyIssue"));
            assertThat(page.evaluate(PAGE_FACTS).path("injected").asBoolean()).isFalse();
        }

        Path open = Files.writeString(folder.resolve("open.html"), """
                <!DOCTYPE html>
                <html><head><meta charset="utf-8"><title>open</title></head>
                <body><svg width="0" height="0" aria-label="empty"><circle r="0"/></svg>
                <script>
                  window.%s = 1;
                  console.error('broken page');
                  console.warn('careful');
                  fetch('https://cdn.example.com/data.json').catch(() => {});
                  throw new Error('uncaught in the page');
                </script></body></html>
                """.formatted(INJECTED));
        try (BrowserPage page = browser.open(open.toUri(), false)) {
            JsonNode facts = page.evaluate(PAGE_FACTS);
            assertThat(facts.path("injected").asBoolean()).isTrue();
            assertThat(facts.path("scripts").asInt()).isOne();
            assertThat(page.console()).extracting(BrowserPage.ConsoleMessage::level, BrowserPage.ConsoleMessage::text)
                    .contains(tuple("error", "broken page"), tuple("warning", "careful"));
            assertThat(page.exceptions()).anySatisfy(text -> assertThat(text).contains("uncaught in the page"));
            assertThat(page.requests()).contains(open.toUri().toString(), "https://cdn.example.com/data.json");
            JsonNode chart = facts.path("charts").get(0);
            assertThat(chart.path("width").asDouble()).isZero();
            assertThat(chart.path("drawnShapes").asInt()).isZero();
        }
    }

    /**
     * Opens the page and checks everything a sound report page has; leaves a screenshot beside it.
     *
     * @return what the page showed, for further checks
     */
    private static JsonNode assertRendersSoundly(ReportPage reportPage, String name) throws IOException {
        GateReport report = reportPage.report();
        String url = reportPage.file().toUri().toString();
        try (BrowserPage page = browser.open(reportPage.file().toUri(), false)) {
            JsonNode facts = page.evaluate(PAGE_FACTS);
            Path screenshot = buildFolder().resolve("browser").resolve(name + ".png");
            page.screenshot(screenshot);

            assertThat(page.console()).as("console errors and warnings").isEmpty();
            assertThat(page.exceptions()).as("uncaught exceptions").isEmpty();
            assertThat(page.cspViolations()).as("Content-Security-Policy violations").isEmpty();
            assertThat(page.issues()).as("DevTools issues").isEmpty();
            assertThat(page.requests()).as("requests").containsExactly(url);
            assertThat(facts.path("injected").asBoolean()).as("the payload ran").isFalse();
            assertThat(facts.path("scripts").asInt()).as("script elements").isZero();
            assertThat(facts.path("handlers").asInt()).as("elements with event handlers").isZero();
            assertThat(facts.path("title").asText()).as("the page's title")
                    .isEqualTo("perfgate: " + VerdictWording.gateStatus(report.verdict()) + " · "
                            + report.budgetFile());

            assertVerdictTable(report, facts.path("lineRows"));
            assertSections(report, facts.path("sections"));
            assertTables(facts.path("tables"));
            assertCharts(report, facts.path("charts"));
            assertThat(facts.path("scrollWidth").asInt()).as("page width (nothing may stick out sideways)")
                    .isLessThanOrEqualTo(facts.path("clientWidth").asInt());
            assertScreenshot(screenshot, facts);
            return facts;
        }
    }

    /** One row per budget line, in order, each cell with the report's text; the result with what changed. */
    private static void assertVerdictTable(GateReport report, JsonNode rows) {
        List<List<String>> expected = new ArrayList<>();
        for (LineResult result : report.lines()) {
            expected.add(List.of(VerdictWording.label(result.verdict()), result.line().subject(),
                    result.line().expression(), ReportCells.observed(result, ReportCells.EMPTY),
                    result.line().severity() == Severity.WARN ? "warns" : "fails", result.sentence()
                            + String.join("", result.explanations().stream().map(Explanation::sentence).toList()),
                    result.line().description(), result.line().location().toString()));
        }
        List<List<String>> shown = new ArrayList<>();
        rows.forEach(row -> {
            List<String> cells = new ArrayList<>();
            row.path("cells").forEach(cell -> cells.add(cell.asText()));
            shown.add(cells);
            assertThat(row.path("height").asDouble()).as("height of the row of " + cells).isPositive();
        });
        assertThat(shown).as("rows of the verdict table").containsExactlyElementsOf(expected);
    }

    /** Every section the report has content for is there (others may be too), and none is hidden. */
    private static void assertSections(GateReport report, JsonNode sections) {
        List<String> titles = new ArrayList<>();
        sections.forEach(section -> {
            titles.add(section.path("title").asText());
            assertThat(section.path("width").asDouble()).as(section.path("title").asText() + " width").isPositive();
            assertThat(section.path("height").asDouble()).as(section.path("title").asText() + " height").isPositive();
        });
        List<String> expected = new ArrayList<>(List.of("Budget lines"));
        if (report.lines().stream().anyMatch(result -> result.line() instanceof ThresholdLine)) {
            expected.add("Observed against limits");
        }
        if (!report.trends().isEmpty()) {
            expected.add("Trends");
        }
        if (!report.series().isEmpty()) {
            expected.add("Series summary");
        }
        if (!percentileCharted(report).isEmpty()) {
            expected.add("Percentiles");
        }
        if (report.database().isPresent()) {
            expected.add("Database");
        }
        if (!report.sources().isEmpty()) {
            expected.add("Sources");
        }
        if (!report.messages().isEmpty()) {
            expected.add("Messages");
        }
        assertThat(titles).containsAll(expected).doesNotHaveDuplicates();
    }

    /** Every table is drawn, and each of its rows has a cell under each heading. */
    private static void assertTables(JsonNode tables) {
        assertThat(tables).isNotEmpty();
        tables.forEach(table -> {
            String name = "table." + table.path("className").asText();
            assertThat(table.path("width").asDouble()).as(name + " width").isPositive();
            assertThat(table.path("height").asDouble()).as(name + " height").isPositive();
            assertThat(table.path("rows")).as(name + " rows").isNotEmpty()
                    .allSatisfy(cells -> assertThat(cells.asInt()).as(name + " cells of a row")
                            .isEqualTo(table.path("headers").asInt()));
        });
    }

    /**
     * Every chart has a size and every shape in it an extent; the charts the report calls for are there
     * with one bar, point or marker per value.
     */
    private static void assertCharts(GateReport report, JsonNode charts) {
        Map<String, JsonNode> byLabel = new LinkedHashMap<>();
        charts.forEach(chart -> {
            String label = chart.path("label").asText();
            assertThat(chart.path("width").asDouble()).as(label + " width").isPositive();
            assertThat(chart.path("height").asDouble()).as(label + " height").isPositive();
            assertThat(chart.path("shapes").asInt()).as(label + " shapes").isPositive();
            assertThat(chart.path("drawnShapes").asInt()).as(label + " shapes with an extent")
                    .isEqualTo(chart.path("shapes").asInt());
            assertThat(byLabel.put(label, chart)).as("another chart labelled " + label).isNull();
        });
        Map<String, Map<String, Integer>> expected = expectedCharts(report);
        assertThat(byLabel.keySet()).containsAll(expected.keySet());
        expected.forEach((label, marks) -> {
            Map<String, Integer> shown = new LinkedHashMap<>();
            marks.keySet().forEach(mark -> shown.put(mark, byLabel.get(label).path("marks").path(mark).asInt()));
            assertThat(shown).as("marks of " + label).isEqualTo(marks);
        });
        assertPercentileCharts(report, byLabel);
    }

    /**
     * As many percentile charts as there is room for, each of a summary with values and a bar per value;
     * which summaries get one is the writer's choice.
     */
    private static void assertPercentileCharts(GateReport report, Map<String, JsonNode> byLabel) {
        Map<String, SeriesSummary> chartable = new LinkedHashMap<>();
        percentileCharted(report).forEach(summary -> chartable.put(summary.key() + " percentiles", summary));
        List<String> shown = byLabel.keySet().stream().filter(label -> label.endsWith(" percentiles")).toList();
        assertThat(shown).as("percentile charts")
                .hasSize(Math.min(HtmlReportWriter.PERCENTILE_CHARTS, chartable.size()))
                .allSatisfy(label -> assertThat(chartable).containsKey(label));
        for (String label : shown) {
            assertThat(byLabel.get(label).path("marks").path("rect.bar").asInt()).as("bars of " + label)
                    .isEqualTo(distribution(chartable.get(label)).stream().filter(HtmlReportBrowserTest::finite)
                            .count());
        }
    }

    /** The charts' labels, each with how many of each mark it must have. */
    private static Map<String, Map<String, Integer>> expectedCharts(GateReport report) {
        Map<String, Map<String, Integer>> charts = new LinkedHashMap<>();
        Map<SeriesKey, List<LineResult>> limitLines = new LinkedHashMap<>();
        for (LineResult result : report.lines()) {
            if (result.line() instanceof ThresholdLine line) {
                limitLines.computeIfAbsent(line.series(), key -> new ArrayList<>()).add(result);
            }
        }
        limitLines.forEach((series, results) -> charts.put(series + " observed against limits", Map.of(
                "rect.track", results.size(),
                "rect.bar", (int) results.stream().filter(result -> finite(result.observed())).count(),
                "line.limit", results.size())));
        for (Trend trend : report.trends()) {
            charts.put(trend.series() + " " + trend.statistic() + " trend", Map.of(
                    "circle.point", (int) trend.points().stream().filter(point -> point.value().isPresent()).count(),
                    "line.missing", (int) trend.points().stream().filter(point -> point.value().isEmpty()).count(),
                    "circle.pinned", (int) trend.points().stream()
                            .filter(point -> point.pinned() && point.value().isPresent()).count(),
                    "line.change", trend.changePoints().size(),
                    "text.limit-label", trend.limits().size()));
        }
        return charts;
    }

    /** The summaries that can have a percentile chart: those with two values or more. */
    private static List<SeriesSummary> percentileCharted(GateReport report) {
        return report.series().stream()
                .filter(summary -> distribution(summary).stream().filter(OptionalDouble::isPresent).count() >= 2)
                .toList();
    }

    private static List<OptionalDouble> distribution(SeriesSummary summary) {
        return List.of(summary.min(), summary.med(), summary.p90(), summary.p95(), summary.p99(), summary.max());
    }

    private static boolean finite(OptionalDouble value) {
        return value.isPresent() && Double.isFinite(value.getAsDouble());
    }

    /** A PNG of the whole page, as wide as the window and as long as the page. */
    private static void assertScreenshot(Path screenshot, JsonNode facts) throws IOException {
        BufferedImage image;
        try (InputStream in = Files.newInputStream(screenshot)) {
            image = ImageIO.read(in);
        }
        assertThat(image).as(screenshot + " as PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(facts.path("clientWidth").asInt());
        assertThat(image.getHeight()).isEqualTo(facts.path("scrollHeight").asInt());
    }

    /** The page of each report, written once: the realistic report, the hostile one, the gate's. */
    private static synchronized ReportPage page(String name) throws IOException {
        if (!PAGES.containsKey(name)) {
            ReportPage page = switch (name) {
                case "realistic" -> written(TestReports.realistic(), name);
                case "hostile" -> written(withObservedNumbers(TestReports.hostile(PAYLOAD)), name);
                case "gate" -> gatesPage(buildsOfMain(buildFolder().resolve("browser").resolve(name)));
                default -> throw new IllegalArgumentException("no report " + name);
            };
            PAGES.put(name, page);
        }
        return PAGES.get(name);
    }

    /**
     * The report with the payload taken out of the observed values again. Those are numbers the
     * evaluator formats with the unit of the budget's limit, never text from outside; and the column
     * keeps them on one line, so a payload there would only widen the page.
     */
    private static GateReport withObservedNumbers(GateReport report) {
        List<LineResult> lines = report.lines().stream().map(result -> new LineResult(result.line(), result.observed(),
                result.verdict(), result.sentence(), result.observedText().replace(PAYLOAD, ""), result.limitText(),
                result.regression())).toList();
        return new GateReport(report.createdAt(), report.budgetFile(), report.sources(), lines, report.series(),
                report.messages(), report.verdict(), report.trends(), report.database());
    }

    private static ReportPage written(GateReport report, String name) throws IOException {
        return new ReportPage(report, write(report, name));
    }

    private static ReportPage gatesPage(GateOutcome outcome) {
        return new ReportPage(outcome.report(), outcome.reportFiles().stream()
                .filter(path -> path.getFileName().toString().equals(HtmlReportWriter.FILE_NAME)).findFirst()
                .orElseThrow(() -> new AssertionError("the gate wrote no " + HtmlReportWriter.FILE_NAME)));
    }

    /** Writes the page where people find it beside its screenshot: the build folder's {@code browser/}. */
    private static Path write(GateReport report, String name) throws IOException {
        Path file = buildFolder().resolve("browser").resolve(name + ".html");
        Files.createDirectories(file.getParent());
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new HtmlReportWriter().write(report, out);
        }
        return file;
    }

    /**
     * {@value #BUILDS} builds of main through the real gate, each over a k6 run laid out as perf:k6
     * leaves it and recorded in a folder history: the passing recording, then at last the failing one.
     *
     * @return the last build's outcome, its reports in {@code reports}
     */
    private static GateOutcome buildsOfMain(Path reports) throws IOException {
        Path project = folder.resolve("shop");
        Path budget = Files.writeString(Files.createDirectories(project).resolve("perf-budget.yaml"), BUDGET);
        FileHistoryStore history = new FileHistoryStore(project.resolve("history"), new Diagnostics());
        Instant firstBuild = Instant.parse("2026-11-16T10:00:00Z");
        GateOutcome outcome = null;
        for (int build = 1; build <= BUILDS; build++) {
            Path results = project.resolve("build-" + build);
            layOutK6Run(results.resolve("shop"), build < BUILDS ? "a_pass" : "b_fail");
            RunIdentity identity = new RunIdentity("main", "main", Optional.of(TestReports.commit(build)),
                    "build-" + build, Optional.of("https://ci.example/job/shop/" + build + "/"));
            HistoryOptions options = new HistoryOptions(history, "io.perfgate.demo:shop", identity,
                    HistoryOptions.DEFAULT_BASELINE_RUNS, true, Map.of("agent", "linux-4"));
            Clock clock = Clock.fixed(firstBuild.plus(Duration.ofDays(build)), ZoneOffset.UTC);
            outcome = PerfGate.check(new CheckRequest(budget, results, List.of(), reports, true).withHistory(options),
                    new Diagnostics(), clock);
        }
        return outcome;
    }

    /** A recorded k6 run (fixtures/k6) in {@code folder} with the {@code k6-run.json} perf:k6 writes. */
    private static void layOutK6Run(Path runFolder, String recording) throws IOException {
        Files.createDirectories(runFolder);
        for (String file : List.of("run.ndjson.gz", "summary.json")) {
            Files.copy(fixture(recording + "/" + file), runFolder.resolve(file));
        }
        int exitCode = Integer.parseInt(Files.readString(fixture(recording + "/exit_code.txt")).strip());
        new K6RunRecord(K6RunRecord.SCHEMA_VERSION, "src/test/k6/shop.js", List.of("k6", "run"), List.of("BASE_URL"),
                exitCode, false, Instant.parse("2026-11-23T10:00:00Z"), 10_000, "run.ndjson.gz", "summary.json",
                RunRole.CANDIDATE, 1).write(runFolder.resolve(K6RunRecord.FILE_NAME));
    }

    private static Path fixture(String path) {
        URL resource = HtmlReportBrowserTest.class.getResource("/fixtures/k6/" + path);
        if (resource == null) {
            throw new IllegalStateException("test resource fixtures/k6/" + path + " is missing");
        }
        try {
            return Path.of(resource.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The build folder these tests run from ({@code target/} or whatever perf.buildDirName names). */
    private static Path buildFolder() {
        try {
            return Path.of(HtmlReportBrowserTest.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String toJsArray(List<String> values) {
        return values.stream().map(value -> "'" + value + "'").reduce((a, b) -> a + ", " + b)
                .map(joined -> "[" + joined + "]").orElse("[]");
    }
}
