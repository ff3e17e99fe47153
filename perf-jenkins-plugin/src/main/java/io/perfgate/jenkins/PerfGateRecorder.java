package io.perfgate.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.security.ACL;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.AncestorInPath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.BuildStepMonitor;
import hudson.tasks.Publisher;
import hudson.tasks.Recorder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.perfgate.gate.GateSettings;
import io.perfgate.gate.HistoryLocation;
import io.perfgate.gate.HistoryOptions;
import io.perfgate.model.DecisionPolicy;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * The perfgate step's options, and the step itself for freestyle jobs (a post-build action) and for
 * Pipeline through {@code perfGate budget: 'perf-budget.yaml'}. This is the one place the options are
 * declared and bound to perf-core's {@link GateSettings}; the Pipeline step {@link PerfGateStep} binds
 * and carries an instance of this class, and the agent receives it to evaluate there.
 */
public class PerfGateRecorder extends Recorder implements SimpleBuildStep, Serializable {

    private static final long serialVersionUID = 1L;

    static final String DEFAULT_RESULTS = "target/perf/**";
    static final String DEFAULT_REPORT_DIRECTORY = "target/perf";
    static final String DEFAULT_HISTORY = JobHistory.JOB;
    static final String DEFAULT_CHECKS_NAME = "perfgate";

    private final String budget;
    private String results = DEFAULT_RESULTS;
    private String reportDirectory = DEFAULT_REPORT_DIRECTORY;
    private String mode = GateMode.EVALUATE.id();
    private boolean failOnViolation = true;
    private boolean unstableOnWarning = true;
    private String history = DEFAULT_HISTORY;
    private String historyCredentialsId = "";
    private String checksName = DEFAULT_CHECKS_NAME;
    private int baselineRuns = HistoryOptions.DEFAULT_BASELINE_RUNS;
    private boolean failOnK6Thresholds = true;

    /** @param budget the budget file, relative to the workspace, e.g. {@code perf-budget.yaml} */
    @DataBoundConstructor
    public PerfGateRecorder(String budget) {
        this.budget = budget == null || budget.isBlank() ? "perf-budget.yaml" : budget.strip();
    }

    public String getBudget() {
        return budget;
    }

    public String getResults() {
        return results;
    }

    /** Ant pattern(s), comma separated, of the results inside the workspace. */
    @DataBoundSetter
    public void setResults(String results) {
        this.results = orDefault(results, DEFAULT_RESULTS);
    }

    public String getReportDirectory() {
        return reportDirectory;
    }

    /** Where the reports are written (evaluate) or read (publish), relative to the workspace. */
    @DataBoundSetter
    public void setReportDirectory(String reportDirectory) {
        this.reportDirectory = orDefault(reportDirectory, DEFAULT_REPORT_DIRECTORY);
    }

    public String getMode() {
        return mode;
    }

    /** {@code evaluate} or {@code publish}. */
    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = orDefault(mode, GateMode.EVALUATE.id()).toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isFailOnViolation() {
        return failOnViolation;
    }

    @DataBoundSetter
    public void setFailOnViolation(boolean failOnViolation) {
        this.failOnViolation = failOnViolation;
    }

    public boolean isUnstableOnWarning() {
        return unstableOnWarning;
    }

    @DataBoundSetter
    public void setUnstableOnWarning(boolean unstableOnWarning) {
        this.unstableOnWarning = unstableOnWarning;
    }

    public String getHistory() {
        return history;
    }

    /**
     * {@code job} (the runs of this job's earlier builds, kept on the controller), {@code none}, a folder
     * (relative to the workspace, or absolute on the agent), or a PostgreSQL JDBC URL.
     */
    @DataBoundSetter
    public void setHistory(String history) {
        this.history = orDefault(history, DEFAULT_HISTORY);
    }

    public String getHistoryCredentialsId() {
        return historyCredentialsId;
    }

    @DataBoundSetter
    public void setHistoryCredentialsId(String historyCredentialsId) {
        this.historyCredentialsId = historyCredentialsId == null ? "" : historyCredentialsId.strip();
    }

    public String getChecksName() {
        return checksName;
    }

    @DataBoundSetter
    public void setChecksName(String checksName) {
        this.checksName = orDefault(checksName, DEFAULT_CHECKS_NAME);
    }

    public int getBaselineRuns() {
        return baselineRuns;
    }

    @DataBoundSetter
    public void setBaselineRuns(int baselineRuns) {
        this.baselineRuns = baselineRuns;
    }

    public boolean isFailOnK6Thresholds() {
        return failOnK6Thresholds;
    }

    @DataBoundSetter
    public void setFailOnK6Thresholds(boolean failOnK6Thresholds) {
        this.failOnK6Thresholds = failOnK6Thresholds;
    }

    /** How failed lines and warnings map to the build result. */
    DecisionPolicy decisionPolicy() {
        return DecisionPolicy.of(failOnViolation, unstableOnWarning);
    }

    /**
     * The options as perf-core's settings, every path resolved inside the workspace. Runs on the agent.
     *
     * @param project    what the history calls the project measured
     * @param jobHistory where the job's history was copied to on the agent, for {@code history: 'job'}; else null
     * @throws WorkspacePaths.UnsafePathException when a path is absolute or leaves the workspace
     */
    GateSettings settings(WorkspacePaths workspace, String project, String jobHistory) throws IOException {
        WorkspacePaths.Selection selected = workspace.select(results, "results");
        return GateSettings.builder()
                .budgetFile(workspace.resolve(budget, "budget"))
                .resultsDirectory(selected.directory())
                .resultFiles(selected.files())
                .reportDirectory(workspace.resolve(reportDirectory, "reportDirectory"))
                .baseDirectory(workspace.workspace())
                .failOnK6Thresholds(failOnK6Thresholds)
                .history(historyLocation(workspace, jobHistory))
                .historyCredentials(historyCredentialsId)
                .project(project)
                .baselineRuns(baselineRuns)
                .decisionPolicy(decisionPolicy())
                .build();
    }

    /**
     * {@code job} (the job's history, copied to the agent), {@code none} (also for blank: the step never
     * falls back to a folder in the agent's home), a PostgreSQL URL, an absolute folder on the agent, or a
     * folder inside the workspace.
     */
    private String historyLocation(WorkspacePaths workspace, String jobHistory) throws IOException {
        String location = history.strip();
        if (JobHistory.isJob(location)) {
            return jobHistory == null ? HistoryLocation.NONE : jobHistory;
        }
        if (location.isEmpty() || location.equalsIgnoreCase(HistoryLocation.NONE)) {
            return HistoryLocation.NONE;
        }
        if (HistoryLocation.isDatabase(location) || Path.of(location).isAbsolute()) {
            return location;
        }
        return workspace.resolve(location, "history").toString();
    }

    @Override
    public BuildStepMonitor getRequiredMonitorService() {
        return BuildStepMonitor.NONE;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env,
            @NonNull Launcher launcher, @NonNull TaskListener listener) throws InterruptedException, IOException {
        GateRunner.run(this, run, workspace, env, listener);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** The freestyle post-build action; {@code perfGate} in Pipeline. */
    @Extension
    @Symbol("perfGate")
    public static final class DescriptorImpl extends BuildStepDescriptor<Publisher> {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.Recorder_DisplayName();
        }

        @POST
        public ListBoxModel doFillModeItems() {
            ListBoxModel items = new ListBoxModel();
            items.add(Messages.Mode_Evaluate(), GateMode.EVALUATE.id());
            items.add(Messages.Mode_Publish(), GateMode.PUBLISH.id());
            return items;
        }

        /** The "Username with password" credentials the user may pick for the PostgreSQL history. */
        @POST
        public ListBoxModel doFillHistoryCredentialsIdItems(@AncestorInPath Item item,
                @QueryParameter String historyCredentialsId) {
            StandardListBoxModel items = new StandardListBoxModel();
            boolean allowed = item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
                    : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
            if (!allowed) {
                items.includeCurrentValue(historyCredentialsId);
                return items;
            }
            items.includeEmptyValue();
            if (item == null) {
                items.includeAs(ACL.SYSTEM2, Jenkins.get(), StandardUsernamePasswordCredentials.class, List.of());
            } else {
                items.includeAs(ACL.SYSTEM2, item, StandardUsernamePasswordCredentials.class, List.of());
            }
            items.includeCurrentValue(historyCredentialsId);
            return items;
        }

        @POST
        public FormValidation doCheckBudget(@QueryParameter String value) {
            return checkPath(value);
        }

        @POST
        public FormValidation doCheckResults(@QueryParameter String value) {
            if (value == null || value.isBlank()) {
                return FormValidation.ok();
            }
            for (String pattern : value.split(",")) {
                FormValidation checked = checkPath(pattern);
                if (checked.kind != FormValidation.Kind.OK) {
                    return checked;
                }
            }
            return FormValidation.ok();
        }

        @POST
        public FormValidation doCheckReportDirectory(@QueryParameter String value) {
            return value == null || value.isBlank() ? FormValidation.ok() : checkPath(value);
        }

        @POST
        public FormValidation doCheckBaselineRuns(@QueryParameter int value) {
            return value >= 5 && value <= 100 ? FormValidation.ok()
                    : FormValidation.warning(Messages.BaselineRuns_Range());
        }

        /** Only the text is checked, no file is looked at: the workspace lives on an agent. */
        private static FormValidation checkPath(String value) {
            try {
                WorkspacePaths.checkedPattern(value, "the path");
                return FormValidation.ok();
            } catch (WorkspacePaths.UnsafePathException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
