package io.perfgate.history;

/** What {@link HistoryStore#record} did with a run. */
public enum RecordOutcome {
    /** The run is now in the store. */
    STORED,
    /** The store already held a run with the same project and run id; it was left as it was. */
    ALREADY_STORED,
    /** The database could not be reached; the run waits in the local spool for a later build. */
    SPOOLED
}
