package io.perfgate.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.ItemGroup;
import hudson.model.Job;
import hudson.slaves.WorkspaceList;
import java.io.File;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;

/**
 * The default history, {@code history: 'job'}: the runs this job's earlier builds recorded, kept on the
 * controller in the job's folder ({@code perfgate-history/}, perf-core's file history layout, one JSON
 * file per run). For a branch of a multibranch project it is the multibranch project's folder, so a pull
 * request's baseline is its target branch's runs. Before the evaluation the stored runs are copied to a
 * folder beside the workspace on the agent, where perf-core reads its baseline and records the new run;
 * afterwards the new run files come back. The results themselves never travel.
 */
final class JobHistory {

    /** The option value that selects this history. */
    static final String JOB = "job";

    /** The folder in the job's (or the multibranch project's) folder on the controller. */
    static final String FOLDER = "perfgate-history";

    /** The run files and the pins, never the lock file. */
    private static final String RUN_FILES = "**/runs/**/*.json,**/marks.json";

    private final FilePath stored;
    private final FilePath onAgent;

    private JobHistory(FilePath stored, FilePath onAgent) {
        this.stored = Objects.requireNonNull(stored, "stored");
        this.onAgent = Objects.requireNonNull(onAgent, "onAgent");
    }

    /** Whether the option asks for the job's history. */
    static boolean isJob(String history) {
        return history != null && history.strip().toLowerCase(Locale.ROOT).equals(JOB);
    }

    /**
     * @param job       the build's job
     * @param workspace the build's workspace; the runs are copied beside it ({@code <workspace>@tmp})
     */
    static JobHistory of(Job<?, ?> job, EnvVars environment, FilePath workspace) {
        File root = projectItem(job, environment).getRootDir();
        FilePath temporary = WorkspaceList.tempDir(workspace);
        FilePath onAgent = (temporary == null ? workspace.child(".perfgate") : temporary).child(FOLDER);
        return new JobHistory(new FilePath(new File(root, FOLDER)), onAgent);
    }

    /** The job, or for a branch of a multibranch project (the build has {@code BRANCH_NAME}) that project. */
    static Item projectItem(Job<?, ?> job, EnvVars environment) {
        ItemGroup<?> parent = job.getParent();
        if (environment.get("BRANCH_NAME") != null && parent instanceof Item item) {
            return item;
        }
        return job;
    }

    /** Where the evaluation finds the history on the agent: an absolute path there. */
    String agentLocation() {
        return onAgent.getRemote();
    }

    /** Copies the stored runs to the agent, replacing what an earlier build left there. */
    void send() throws IOException, InterruptedException {
        if (onAgent.exists()) {
            onAgent.deleteRecursive();
        }
        onAgent.mkdirs();
        if (stored.exists()) {
            stored.copyRecursiveTo(RUN_FILES, onAgent);
        }
    }

    /** Copies the runs back, the new one among them, and clears the agent's copy. */
    void receive() throws IOException, InterruptedException {
        stored.mkdirs();
        onAgent.copyRecursiveTo(RUN_FILES, stored);
        onAgent.deleteRecursive();
    }
}
