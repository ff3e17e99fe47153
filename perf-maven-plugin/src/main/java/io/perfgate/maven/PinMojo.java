package io.perfgate.maven;

import io.perfgate.diag.Diagnostics;
import io.perfgate.gate.HistoryOptions;
import io.perfgate.history.HistoryException;
import io.perfgate.history.HistoryStore;
import io.perfgate.history.RecordedRun;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Approves a run as its branch's baseline: regression rules then compare every later build of the
 * branch (and pull requests into it) with that run, until another is pinned or {@code perf:unpin}. Pins
 * {@code perf.runId}, or when it is not given the branch's newest run:
 * {@code mvn perf:pin -Dperf.branch=main -Dperf.runId=jenkins-shop-main-1234}.
 */
@Mojo(name = "pin", requiresProject = true, threadSafe = true)
public class PinMojo extends HistoryMojo {

    @Override
    public void execute() throws MojoExecutionException {
        Diagnostics diagnostics = new Diagnostics(message -> getLog().info(message.text()));
        HistoryOptions history = historyOptions(diagnostics).orElseThrow(() -> new MojoExecutionException(
                "perf.history is none: there is no history to pin a run in"));
        HistoryStore store = history.store();
        String pinnedBranch = history.identity().branch();
        try {
            String pinned = runId != null && !runId.isBlank() ? runId : newestRun(store, pinnedBranch);
            store.pin(project, pinnedBranch, pinned);
            getLog().info("Pinned run " + pinned + " as the baseline of " + pinnedBranch + " of " + project + " in "
                    + store.location());
        } catch (HistoryException e) {
            throw new MojoExecutionException("perf:pin: " + e.getMessage(), e);
        }
    }

    private String newestRun(HistoryStore store, String pinnedBranch) throws MojoExecutionException {
        List<RecordedRun> newest = store.runs(project, pinnedBranch, 1);
        Optional<String> id = newest.stream().map(run -> run.run().runId()).findFirst();
        return id.orElseThrow(() -> new MojoExecutionException("the history in " + store.location() + " has no run of "
                + pinnedBranch + " of " + project + " to pin; give -Dperf.branch or run perf:check first"));
    }
}
