package io.perfgate.database;

import java.util.Objects;

/**
 * What one statement did during the load run: the difference of its counters between the two
 * snapshots.
 *
 * @param key              the entry's identity
 * @param user             the role that ran it, empty if unknown
 * @param query            the normalized statement text; untrusted
 * @param calls            executions during the run, at least 1
 * @param totalTimeMs      execution time during the run, milliseconds
 * @param rows             rows returned or affected during the run
 * @param sharedBlocksHit  shared buffer hits during the run
 * @param sharedBlocksRead shared blocks read during the run
 * @param origin           how the numbers were found
 */
public record StatementChange(StatementKey key, String user, String query, long calls, double totalTimeMs, long rows,
        long sharedBlocksHit, long sharedBlocksRead, Origin origin) {

    /** How a change was found. */
    public enum Origin {
        /** The second snapshot's counters less the first's. */
        DIFFERENCE,
        /** Only the second snapshot has the statement: all its counters are of the run. */
        NEW,
        /** Its counters were reset (or the entry evicted and made again) in between: the second's are used. */
        SINCE_RESET
    }

    public StatementChange {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(origin, "origin");
        if (calls < 1) {
            throw new IllegalArgumentException("a change holds at least one call, not " + calls);
        }
    }

    /** Mean execution time per call during the run, milliseconds. */
    public double meanTimeMs() {
        return totalTimeMs / calls;
    }
}
