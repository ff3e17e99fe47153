package io.perfgate.jenkins;

import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Run;
import io.perfgate.diag.BadInputException;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Trend;
import io.perfgate.model.TrendPoint;
import io.perfgate.model.UntrustedText;
import io.perfgate.model.ValueFormat;
import io.perfgate.model.VerdictWording;
import io.perfgate.publish.BuildSummary;
import io.perfgate.report.HtmlReportWriter;
import io.perfgate.report.JsonReportReader;
import io.perfgate.report.JsonReportWriter;
import io.perfgate.report.TableLine;
import io.perfgate.report.VerdictTable;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.SoftReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jakarta.servlet.ServletException;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The gate's result on the build page: a summary box and a page with the verdict table, the per-series
 * summary, the messages and the HTML report for download. The report's JSON is kept in the build's own
 * folder ({@code perfgate/perf-report.json}), so the page and the job's trend survive a restart and the
 * deletion of the workspace; the build's {@code build.xml} keeps only the counts the summary box shows.
 */
public class PerfGateBuildAction implements RunAction2, SimpleBuildStep.LastBuildAction {

    /** The build's subfolder with the stored reports. */
    static final String FOLDER = "perfgate";

    private static final Logger LOGGER = Logger.getLogger(PerfGateBuildAction.class.getName());

    private final String headline;
    private final String verdict;
    private final String result;
    private final long passed;
    private final long warned;
    private final long failed;
    private final long undecided;
    private final boolean htmlReport;

    private transient Run<?, ?> run;
    private transient SoftReference<GateReport> report;

    /**
     * @param summary    the report's summary, as the box shows it
     * @param result     the build result the gate asked for
     * @param htmlReport whether {@code perf-report.html} was stored beside the JSON
     */
    PerfGateBuildAction(Run<?, ?> run, BuildSummary summary, String result, boolean htmlReport) {
        this.run = run;
        this.headline = summary.headline();
        this.verdict = summary.verdict().toString();
        this.result = result;
        this.passed = summary.passed();
        this.warned = summary.warned();
        this.failed = summary.failed();
        this.undecided = summary.undecided();
        this.htmlReport = htmlReport;
    }

    /** Where a build's stored report files are. */
    static Path folder(Run<?, ?> run) {
        return run.getRootDir().toPath().resolve(FOLDER);
    }

    /** Stores the report's JSON in the build's folder; returns the file written. */
    static Path storeJson(Run<?, ?> run, String json) throws IOException {
        Path folder = folder(run);
        Files.createDirectories(folder);
        Path file = folder.resolve(JsonReportWriter.FILE_NAME);
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }

    @Override
    public void onAttached(Run<?, ?> run) {
        this.run = run;
    }

    @Override
    public void onLoad(Run<?, ?> run) {
        this.run = run;
    }

    public Run<?, ?> getOwner() {
        return run;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return Messages.BuildAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "perfgate";
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return run == null ? List.of() : List.of(new PerfGateJobAction(run.getParent()));
    }

    public String getHeadline() {
        return headline;
    }

    public String getVerdict() {
        return verdict;
    }

    public String getResult() {
        return result;
    }

    public long getPassed() {
        return passed;
    }

    public long getWarned() {
        return warned;
    }

    public long getFailed() {
        return failed;
    }

    public long getUndecided() {
        return undecided;
    }

    public boolean isHtmlReport() {
        return htmlReport && Files.isRegularFile(folder(run).resolve(HtmlReportWriter.FILE_NAME));
    }

    /** Whether the build's folder still holds the report's JSON. */
    boolean hasStoredReport() {
        return run != null && Files.isRegularFile(folder(run).resolve(JsonReportWriter.FILE_NAME));
    }

    /**
     * The stored report, read again after a restart or when memory ran short; empty when it is gone or
     * cannot be read any more (the page then shows the counts only).
     */
    public Optional<GateReport> report() {
        GateReport cached = report == null ? null : report.get();
        if (cached != null) {
            return Optional.of(cached);
        }
        Path file = folder(run).resolve(JsonReportWriter.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            GateReport read = JsonReportReader.read(file);
            report = new SoftReference<>(read);
            return Optional.of(read);
        } catch (BadInputException | UncheckedIOException e) {
            LOGGER.log(Level.WARNING, "perfgate: cannot read the stored report " + file, e);
            return Optional.empty();
        }
    }

    /** For the page: the console's verdict table, line by line. */
    public List<TableLine> getTable() {
        return report().map(VerdictTable::lines).orElse(List.of());
    }

    /** For the page: one row per budget line, with what changed behind a failed or warned one. */
    public List<LineRow> getLines() {
        List<LineRow> rows = new ArrayList<>();
        for (LineResult line : report().map(GateReport::lines).orElse(List.of())) {
            rows.add(new LineRow(VerdictWording.label(line.verdict()), clean(line.line().subject()),
                    clean(line.line().expression()), clean(line.observedText()), clean(line.sentence()),
                    line.explanations().stream().map(explanation -> clean(explanation.sentence())).toList()));
        }
        return rows;
    }

    /**
     * One budget line as the page shows it; every text is one line of untrusted text made safe to show.
     *
     * @param explanations what changed behind the line against the baseline (timing phases, failed
     *     requests, database statements); empty for a line that passed or when nothing is known
     */
    public record LineRow(String verdict, String series, String limit, String observed, String sentence,
            List<String> explanations) {

        public LineRow {
            explanations = List.copyOf(explanations);
        }
    }

    /** For the page: one row per measured series (series, samples, samples per second). */
    public List<List<String>> getSeries() {
        List<List<String>> rows = new ArrayList<>();
        for (SeriesSummary series : report().map(GateReport::series).orElse(List.of())) {
            rows.add(List.of(clean(series.key().toString()), Long.toString(series.count()),
                    series.rate().isPresent() ? String.format(java.util.Locale.ROOT, "%.1f/s", series.rate().getAsDouble())
                            : "–"));
        }
        return rows;
    }

    /** For the page: the messages from reading and evaluating, each as level and text. */
    public List<List<String>> getMessages() {
        List<List<String>> rows = new ArrayList<>();
        report().ifPresent(found -> found.messages().forEach(message -> rows.add(
                List.of(VerdictWording.level(message.level()), clean(message.text())))));
        return rows;
    }

    /** For the page: the database section's headline, empty when the report has none. */
    public String getDatabase() {
        return report().flatMap(GateReport::database)
                .map(section -> clean(section.database()) + ": " + section.statementCount() + " statements, "
                        + section.calls() + " calls")
                .orElse("");
    }

    /** For the page: how many trends the report carries (drawn on the job page and in the HTML report). */
    public int getTrendCount() {
        return report().map(found -> found.trends().size()).orElse(0);
    }

    /**
     * For the page: one row per trend of the run history (statistic, runs, first and newest value, where
     * the level shifted).
     */
    public List<List<String>> getTrends() {
        List<List<String>> rows = new ArrayList<>();
        for (Trend trend : report().map(GateReport::trends).orElse(List.of())) {
            String first = trend.firstMeasured().map(point -> value(trend, point)).orElse("–");
            String last = trend.lastMeasured().map(point -> value(trend, point)).orElse("–");
            String shifts = trend.changePoints().isEmpty() ? "–" : String.join(", ", trend.changePoints().stream()
                    .map(change -> clean(change.runId())).toList());
            rows.add(List.of(clean(trend.label()), Integer.toString(trend.points().size()), first, last, shifts));
        }
        return rows;
    }

    private static String value(Trend trend, TrendPoint point) {
        return point.value().isPresent() ? ValueFormat.value(point.value().getAsDouble(), trend.contents(), "") : "–";
    }

    /**
     * Serves the stored HTML report as a download (never rendered inside Jenkins' pages: it is a
     * standalone document). Needs read permission on the job.
     */
    public void doDownload(StaplerRequest2 request, StaplerResponse2 response) throws IOException, ServletException {
        run.checkPermission(Item.READ);
        File html = folder(run).resolve(HtmlReportWriter.FILE_NAME).toFile();
        if (!html.isFile()) {
            response.sendError(404, "this build has no perfgate HTML report");
            return;
        }
        response.setHeader("Content-Disposition", "attachment; filename=\"perf-report-" + run.getNumber() + ".html\"");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (InputStream in = Files.newInputStream(html.toPath())) {
            response.serveFile(request, in, html.lastModified(), html.length(), "perf-report.html");
        }
    }

    private static String clean(String text) {
        return UntrustedText.oneLine(text);
    }

}
