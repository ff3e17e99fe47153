package io.perfgate.history;

import java.util.List;

/**
 * The run history of many projects. Every implementation behaves the same (one contract test runs
 * over all of them) and is safe for several threads and several processes at once.
 *
 * <p><b>Baseline rule.</b> The baseline of a branch is its pinned run, when one is pinned and not
 * flagged; otherwise its last {@code size} runs whose verdict is PASS or WARN and that are not
 * flagged. A pinned run counts whatever its verdict: pinning is an explicit approval. A flagged run
 * never counts, pinned or not. Runs are ordered newest first by {@code startedAt}, then by run id
 * (Unicode code point order, descending) for runs started in the same microsecond.
 */
public interface HistoryStore {

    /**
     * Adds a run. Idempotent per {@code (project, runId)}: when the store already holds that run (a
     * retried build), nothing is changed, the first record wins, and the outcome says
     * {@link RecordOutcome#ALREADY_STORED}.
     *
     * @throws HistoryException when the run could not be stored
     */
    RecordOutcome record(RunRecord run);

    /**
     * The runs a new run of {@code query.branch()} is compared with (see the baseline rule above).
     * Never throws for a store that cannot be read: the result is then
     * {@link Baseline#unavailable(String)} with the reason.
     */
    Baseline baseline(BaselineQuery query);

    /**
     * The last {@code limit} runs of a branch, newest first, whatever their verdicts, with their flags,
     * for trends.
     *
     * @throws HistoryException when the store cannot be read
     */
    List<RecordedRun> runs(String project, String branch, int limit);

    /**
     * Makes a run of the branch its approved baseline, replacing an earlier pin.
     *
     * @throws UnknownRunException when the branch of the project has no such run
     */
    void pin(String project, String branch, String runId);

    /** Removes the branch's pin; returns whether there was one. */
    boolean unpin(String project, String branch);

    /**
     * Leaves a run out of every baseline from now on (a noisy agent, a known-bad build); flagging it
     * again replaces the reason.
     *
     * @throws UnknownRunException when the project has no such run
     */
    void flag(String project, String runId, String reason);

    /**
     * Takes a run's flag away; returns whether it had one.
     *
     * @throws UnknownRunException when the project has no such run
     */
    boolean unflag(String project, String runId);

    /** Where the history is kept, for messages, e.g. {@code PostgreSQL at db:5432/perf}; no credentials. */
    String location();
}
