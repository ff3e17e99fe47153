package io.perfgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Run;
import io.perfgate.gate.PerfGate;
import io.perfgate.model.GateReport;
import io.perfgate.model.Verdict;
import io.perfgate.publish.BuildSummary;
import io.perfgate.publish.BuildTrendChart;
import io.perfgate.report.JsonReportReader;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/** The job page's trend over builds whose reports were stored, as the build action stores them. */
class PerfGateJobActionTest {

    @TempDir
    Path root;

    private Run<?, ?> build(Job<?, ?> job, int number, String budget, Run<?, ?> previous) throws Exception {
        Path workspace = Files.createDirectories(root.resolve("ws-" + number));
        Workspaces.withResults(workspace, budget);
        AgentResult result = new FilePath(workspace.toFile()).act(new AgentGate(new PerfGateRecorder("perf-budget.yaml"),
                Map.of(), HistoryAccess.NONE, "shop", null));
        Run<?, ?> run = mock(Run.class);
        when(run.getNumber()).thenReturn(number);
        when(run.getDisplayName()).thenReturn("#" + number);
        when(run.getRootDir()).thenReturn(Files.createDirectories(root.resolve("builds/" + number)).toFile());
        doReturn(job).when(run).getParent();
        doReturn(previous).when(run).getPreviousBuild();
        String json = result.reportJson().orElseThrow();
        PerfGateBuildAction.storeJson(run, json);
        GateReport report = JsonReportReader.read(new java.io.StringReader(json), "perf-report.json");
        PerfGateBuildAction action = new PerfGateBuildAction(run, BuildSummary.of(report), "SUCCESS", false);
        action.onAttached(run);
        when(run.getAction(PerfGateBuildAction.class)).thenReturn(action);
        return run;
    }

    @Test
    void drawsOneLinePerBudgetStatisticOverTheBuildsWithReports() throws Exception {
        Job<?, ?> job = mock(Job.class);
        Run<?, ?> first = build(job, 1, Workspaces.PASSING_BUDGET, null);
        Run<?, ?> second = mock(Run.class); // a build without perfgate
        doReturn(first).when(second).getPreviousBuild();
        Run<?, ?> third = build(job, 3, Workspaces.FAILING_BUDGET, second);
        doReturn(third).when(job).getLastBuild();

        PerfGateJobAction trend = new PerfGateJobAction(job);
        BuildTrendChart model = trend.chart();

        assertThat(trend.isTrendVisible()).isTrue();
        assertThat(model.builds()).containsExactly(1, 3);
        assertThat(model.buildNames()).containsExactly("#1", "#3");
        assertThat(model.lines()).isNotEmpty().allSatisfy(line -> assertThat(line.values()).hasSize(2));
        assertThat(model.lines()).anySatisfy(line -> assertThat(line.limits()).isNotEmpty());
    }

    @Test
    void theBuildPageReadsTheStoredReportBack() throws Exception {
        Job<?, ?> job = mock(Job.class);
        Run<?, ?> run = build(job, 4, Workspaces.FAILING_BUDGET, null);

        PerfGateBuildAction action = run.getAction(PerfGateBuildAction.class);

        assertThat(action.report().orElseThrow().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(action.getLines()).singleElement().satisfies(row -> {
            assertThat(row.verdict()).isEqualTo("FAIL");
            assertThat(row.explanations()).containsExactly(
                    "p(95) of the timing phases, no baseline to compare with: waiting 52.5 ms, connecting 1.75 ms",
                    "failed requests 16.67%: 1 of 6, by status 500 ×1");
        });
        assertThat(action.getTable()).last().satisfies(line -> assertThat(line.text()).startsWith("perfgate: FAILED"));
        assertThat(action.getSeries()).isNotEmpty();
        assertThat(action.getProjectActions()).singleElement().isInstanceOf(PerfGateJobAction.class);
    }

    @Test
    void aStoredReportThatCannotBeReadLeavesTheCountsAndTheTrendWithoutIt() throws Exception {
        Job<?, ?> job = mock(Job.class);
        Run<?, ?> run = build(job, 5, Workspaces.PASSING_BUDGET, null);
        BuildSummary summary = BuildSummary.of(run.getAction(PerfGateBuildAction.class).report().orElseThrow());
        Files.writeString(root.resolve("builds/5/perfgate/perf-report.json"), "{\"schemaVersion\": 99}");
        // as after a restart: a new action object, nothing cached
        PerfGateBuildAction action = new PerfGateBuildAction(run, summary, "SUCCESS", false);
        when(run.getAction(PerfGateBuildAction.class)).thenReturn(action);
        doReturn(run).when(job).getLastBuild();

        assertThat(action.report()).isEmpty();
        assertThat(action.getLines()).isEmpty();
        assertThat(action.getPassed()).isEqualTo(1);
        assertThat(new PerfGateJobAction(job).chart().builds()).isEmpty();
    }

    @Test
    void servesTheChartAsJsonToThoseWhoMayReadTheJob() throws Exception {
        Job<?, ?> job = mock(Job.class);
        doReturn(build(job, 6, Workspaces.PASSING_BUDGET, null)).when(job).getLastBuild();
        StaplerResponse2 response = mock(StaplerResponse2.class);
        StringWriter body = new StringWriter();
        when(response.getWriter()).thenReturn(new PrintWriter(body));

        new PerfGateJobAction(job).doTrend(mock(StaplerRequest2.class), response);

        verify(job).checkPermission(Item.READ);
        verify(response).setContentType("application/json;charset=UTF-8");
        assertThat(body.toString()).isEqualTo(new PerfGateJobAction(job).chart().toJson()).contains("\"builds\"");
    }

    @Test
    void offersTheHtmlReportAsADownloadToThoseWhoMayReadTheBuild() throws Exception {
        Job<?, ?> job = mock(Job.class);
        Run<?, ?> run = build(job, 7, Workspaces.PASSING_BUDGET, null);
        when(run.getNumber()).thenReturn(7);
        Path html = Files.writeString(root.resolve("builds/7/perfgate/perf-report.html"), "<html></html>");
        StaplerResponse2 response = mock(StaplerResponse2.class);
        StaplerRequest2 request = mock(StaplerRequest2.class);

        run.getAction(PerfGateBuildAction.class).doDownload(request, response);

        verify(run).checkPermission(Item.READ);
        verify(response).setHeader("Content-Disposition", "attachment; filename=\"perf-report-7.html\"");
        verify(response).serveFile(eq(request), any(InputStream.class), anyLong(), eq(Files.size(html)),
                eq("perf-report.html"));
    }

    @Test
    void aBuildWithoutTheHtmlReportAnswersNotFound() throws Exception {
        Job<?, ?> job = mock(Job.class);
        Run<?, ?> run = build(job, 8, Workspaces.PASSING_BUDGET, null);
        StaplerResponse2 response = mock(StaplerResponse2.class);

        run.getAction(PerfGateBuildAction.class).doDownload(mock(StaplerRequest2.class), response);

        verify(response).sendError(eq(404), any());
        verify(response, never()).serveFile(any(), any(InputStream.class), anyLong(), anyLong(), any(String.class));
    }

    @Test
    void aJobWithoutReportsShowsNoTrend() {
        Job<?, ?> job = mock(Job.class);

        assertThat(new PerfGateJobAction(job).isTrendVisible()).isFalse();
        assertThat(PerfGate.class).isNotNull();
    }
}
