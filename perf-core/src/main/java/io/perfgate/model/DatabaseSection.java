package io.perfgate.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The report's database section: which statements the load run spent its database time on, from
 * {@code pg_stat_statements} snapshots taken before and after it.
 *
 * @param database       {@code host:port/database}, without credentials
 * @param from           when the snapshot before the load was taken
 * @param to             when the snapshot after the load was taken
 * @param statementCount how many distinct statements ran in between
 * @param calls          how many statement executions in all
 * @param totalTimeMs    their total execution time, milliseconds
 * @param requests       HTTP requests the load run made ({@code http_reqs}), empty when the results count none
 * @param byTotalTime    the statements with the most total time, at most {@value #TOP}, most first
 * @param byMeanTime     the statements with the highest mean time, at most {@value #TOP}, highest first
 * @param notes          what the numbers may miss, e.g. a reset between the snapshots
 */
public record DatabaseSection(String database, Instant from, Instant to, int statementCount, long calls,
        double totalTimeMs, OptionalLong requests, List<DatabaseStatementRow> byTotalTime,
        List<DatabaseStatementRow> byMeanTime, List<String> notes) {

    /** How many statements each ranking lists. */
    public static final int TOP = 10;

    public DatabaseSection {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(requests, "requests");
        byTotalTime = List.copyOf(byTotalTime);
        byMeanTime = List.copyOf(byMeanTime);
        notes = List.copyOf(notes);
        if (byTotalTime.size() > TOP || byMeanTime.size() > TOP) {
            throw new IllegalArgumentException("each ranking lists at most " + TOP + " statements");
        }
    }
}
