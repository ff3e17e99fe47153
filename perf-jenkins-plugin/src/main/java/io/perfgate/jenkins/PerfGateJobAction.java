package io.perfgate.jenkins;

import hudson.model.Action;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.perfgate.model.GateReport;
import io.perfgate.publish.BuildReport;
import io.perfgate.publish.BuildTrend;
import io.perfgate.publish.BuildTrendChart;
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
 * reports those builds stored, drawn with the ECharts of echarts-api. perf-core builds the chart's model
 * ({@link BuildTrend}); {@link #doTrend} serves it as JSON and the page's script fetches it, so no data
 * is written into the page as script.
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

    /**
     * The chart's model, built by perf-core: builds on the x axis, one line per statistic the newest
     * budget watches, with its limits and change points.
     */
    BuildTrendChart chart() {
        return BuildTrend.of(reports());
    }

    /** The chart's model as JSON, drawn by trend-chart.js with ECharts; needs read permission on the job. */
    public void doTrend(StaplerRequest2 request, StaplerResponse2 response) throws IOException {
        job.checkPermission(Item.READ);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (PrintWriter out = response.getWriter()) {
            out.write(chart().toJson());
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
