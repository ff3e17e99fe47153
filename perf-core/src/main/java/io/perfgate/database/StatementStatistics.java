package io.perfgate.database;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of {@code pg_stat_statements} as a snapshot found it: counters since the entry's statistics
 * began (its creation or last reset), not since the load run.
 *
 * @param key              the entry's identity
 * @param user             the name of the role {@code userid}, empty if it no longer exists
 * @param query            the normalized statement text (constants replaced by {@code $1}); untrusted
 * @param calls            times executed
 * @param totalTimeMs      total execution time, milliseconds ({@code total_exec_time}, before 1.8 {@code total_time})
 * @param meanTimeMs       mean execution time, milliseconds
 * @param maxTimeMs        longest execution, milliseconds
 * @param rows             rows returned or affected
 * @param sharedBlocksHit  shared buffer hits
 * @param sharedBlocksRead shared blocks read from disk (or the OS cache)
 * @param statsSince       when the entry's statistics began ({@code stats_since}, pg_stat_statements 1.11 on)
 */
public record StatementStatistics(StatementKey key, String user, String query, long calls, double totalTimeMs,
        double meanTimeMs, double maxTimeMs, long rows, long sharedBlocksHit, long sharedBlocksRead,
        Optional<Instant> statsSince) {

    public StatementStatistics {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(statsSince, "statsSince");
        if (calls < 0 || rows < 0 || sharedBlocksHit < 0 || sharedBlocksRead < 0) {
            throw new IllegalArgumentException("counters cannot be negative: calls " + calls + ", rows " + rows
                    + ", shared blocks hit " + sharedBlocksHit + ", read " + sharedBlocksRead);
        }
        if (!(totalTimeMs >= 0) || !(meanTimeMs >= 0) || !(maxTimeMs >= 0) || Double.isInfinite(totalTimeMs)
                || Double.isInfinite(meanTimeMs) || Double.isInfinite(maxTimeMs)) {
            throw new IllegalArgumentException("times must be finite numbers of milliseconds >= 0: total "
                    + totalTimeMs + ", mean " + meanTimeMs + ", max " + maxTimeMs);
        }
    }
}
