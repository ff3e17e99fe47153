package io.perfgate.maven;

import io.perfgate.diag.Diagnostics;
import io.perfgate.gate.HistoryOptions;
import io.perfgate.history.HistoryException;
import io.perfgate.history.HistoryStore;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;

/** Takes the branch's pinned baseline away: its recent passing runs are the baseline again. */
@Mojo(name = "unpin", requiresProject = true, threadSafe = true)
public class UnpinMojo extends HistoryMojo {

    @Override
    public void execute() throws MojoExecutionException {
        Diagnostics diagnostics = new Diagnostics(message -> getLog().info(message.text()));
        HistoryOptions history = historyOptions(diagnostics).orElseThrow(() -> new MojoExecutionException(
                "perf.history is none: there is no history to unpin a run in"));
        HistoryStore store = history.store();
        String unpinnedBranch = history.identity().branch();
        try {
            boolean had = store.unpin(project, unpinnedBranch);
            getLog().info(had ? "Unpinned the baseline of " + unpinnedBranch + " of " + project
                    : unpinnedBranch + " of " + project + " had no pinned baseline");
        } catch (HistoryException e) {
            throw new MojoExecutionException("perf:unpin: " + e.getMessage(), e);
        }
    }
}
