package io.perfgate.budget;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a database budget line measures of the statements it selects, over the load run (the
 * difference of two {@code pg_stat_statements} snapshots, one before and one after).
 */
public enum DatabaseStatistic {
    /** Mean execution time per call, milliseconds: total time / calls. */
    MEAN("mean", Limit.Dimension.TIME),
    /** Total execution time, milliseconds. */
    TOTAL("total", Limit.Dimension.TIME),
    /** Number of calls. */
    CALLS("calls", Limit.Dimension.NONE),
    /** Calls per HTTP request of the load run ({@code http_reqs}): the N+1 pattern in one number. */
    CALLS_PER_REQUEST("calls_per_request", Limit.Dimension.NONE),
    /** Calls per iteration of the load script ({@code iterations}). */
    CALLS_PER_ITERATION("calls_per_iteration", Limit.Dimension.NONE),
    /** Rows returned or affected per call. */
    ROWS_PER_CALL("rows_per_call", Limit.Dimension.NONE);

    private final String spelling;
    private final Limit.Dimension dimension;

    DatabaseStatistic(String spelling, Limit.Dimension dimension) {
        this.spelling = spelling;
        this.dimension = dimension;
    }

    /** The name as written in the budget file, e.g. {@code calls_per_request}. */
    public String spelling() {
        return spelling;
    }

    /** {@link Limit.Dimension#TIME} for times, whose limits may carry a time unit; else NONE (a plain number). */
    public Limit.Dimension dimension() {
        return dimension;
    }

    public static Optional<DatabaseStatistic> bySpelling(String text) {
        return Arrays.stream(values()).filter(statistic -> statistic.spelling.equals(text)).findFirst();
    }

    /** {@code mean, total, calls, ...}, for messages. */
    public static String allowed() {
        return Arrays.stream(values()).map(DatabaseStatistic::spelling).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return spelling;
    }
}
