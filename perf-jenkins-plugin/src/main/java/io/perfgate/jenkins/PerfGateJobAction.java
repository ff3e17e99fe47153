package io.perfgate.jenkins;

import edu.hm.hafner.echarts.JacksonFacade;
import edu.hm.hafner.echarts.line.LineSeries;
import edu.hm.hafner.echarts.line.LinesChartModel;
import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.jenkins.plugins.echarts.JenkinsPalette;
import io.perfgate.model.GateReport;
import io.perfgate.publish.BuildReport;
import io.perfgate.publish.BuildTrend;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * The job page's perfgate trend: the budget's statistics over the job's last builds, read from the
 * reports those builds stored, drawn with ECharts (echarts-api). The chart's data is served as JSON by
 * {@link #doTrend}; the page's script fetches it, so no data is written into the page as script.
 */
public class PerfGateJobAction implements Action {

    /** How many recent builds the trend reads. */
    static final int MAX_BUILDS = 50;

    private final Job<?, ?> job;

    public PerfGateJobAction(Job<?, ?> job) {
        this.job = Objects.requireNonNull(job, "job");
    }

    public Job<?, ?> getOwner() {
        return job;
    }

    @Override
    public String getIconFileName() {
        return null; // the chart sits on the job page; no page of its own in the side panel
    }

    @Override
    public String getDisplayName() {
        return Messages.JobAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "perfgate";
    }

    /**
     * Whether any of the recent builds stored a report, i.e. whether the job page shows the chart; looks
     * at the files only, the chart's request reads them.
     */
    public boolean isTrendVisible() {
        int seen = 0;
        for (Run<?, ?> build = job.getLastBuild(); build != null && seen < MAX_BUILDS; build = build.getPreviousBuild()) {
            seen++;
            PerfGateBuildAction action = build.getAction(PerfGateBuildAction.class);
            if (action != null && action.hasStoredReport()) {
                return true;
            }
        }
        return false;
    }

    /** The chart's model as echarts-api's trend charts read it: builds on the x axis, one line per statistic. */
    LinesChartModel chartModel() {
        var chart = BuildTrend.of(reports());
        LinesChartModel model = new LinesChartModel(chart.buildNames(), chart.builds());
        int color = 0;
        for (var line : chart.lines()) {
            String name = line.unit() == null || line.unit().isBlank() ? line.name() : line.name() + " (" + line.unit() + ")";
            LineSeries series = new LineSeries(name, JenkinsPalette.chartColor(color++).normal(),
                    LineSeries.StackedMode.SEPARATE_LINES, LineSeries.FilledMode.LINES);
            series.addAll(line.values());
            model.addSeries(series);
        }
        return model;
    }

    /** The chart's model as JSON; needs read permission on the job. */
    public void doTrend(StaplerRequest2 request, StaplerResponse2 response) throws IOException {
        job.checkPermission(Item.READ);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (PrintWriter out = response.getWriter()) {
            out.write(new JacksonFacade().toJson(chartModel()));
        }
    }

    /** The stored reports of the job's last {@value #MAX_BUILDS} builds, oldest first. */
    List<BuildReport> reports() {
        List<BuildReport> found = new ArrayList<>();
        int seen = 0;
        for (Run<?, ?> build = job.getLastBuild(); build != null && seen < MAX_BUILDS; build = build.getPreviousBuild()) {
            seen++;
            PerfGateBuildAction action = build.getAction(PerfGateBuildAction.class);
            Optional<GateReport> report = action == null ? Optional.empty() : readQuietly(action);
            if (report.isPresent()) {
                found.add(new BuildReport(build.getNumber(), build.getDisplayName(), report.get()));
            }
        }
        Collections.reverse(found);
        return found;
    }

    /** A report that cannot be read any more (deleted, from an older schema) is left out of the trend. */
    private static Optional<GateReport> readQuietly(PerfGateBuildAction action) {
        try {
            return action.report();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
