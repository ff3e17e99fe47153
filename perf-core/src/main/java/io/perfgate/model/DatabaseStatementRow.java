package io.perfgate.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One statement in the report's database section: what it did during the load run.
 *
 * @param queryId          {@code pg_stat_statements.queryid}, to find the statement in the database
 * @param user             the role that ran it, empty if unknown
 * @param query            the normalized statement text, raw; untrusted, so writers print
 *                         {@link #displayQuery()} and escape it
 * @param calls            executions during the run
 * @param callsPerRequest  calls per HTTP request of the run, empty when the results count no requests
 * @param meanTimeMs       mean execution time, milliseconds
 * @param totalTimeMs      total execution time, milliseconds
 * @param rows             rows returned or affected
 * @param plan             the statement's plan after the load, when it was taken
 */
public record DatabaseStatementRow(long queryId, String user, String query, long calls, OptionalDouble callsPerRequest,
        double meanTimeMs, double totalTimeMs, long rows, Optional<StatementPlan> plan) {

    /** Most code points of a statement's text shown in a report; the rest is cut with an ellipsis. */
    public static final int DISPLAY_LENGTH = 200;

    public DatabaseStatementRow {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(callsPerRequest, "callsPerRequest");
        Objects.requireNonNull(plan, "plan");
    }

    /** A statement without its plan. */
    public DatabaseStatementRow(long queryId, String user, String query, long calls, OptionalDouble callsPerRequest,
            double meanTimeMs, double totalTimeMs, long rows) {
        this(queryId, user, query, calls, callsPerRequest, meanTimeMs, totalTimeMs, rows, Optional.empty());
    }

    /**
     * The statement's text for a table cell: on one line, without control characters, at most
     * {@value #DISPLAY_LENGTH} code points. Still untrusted: writers escape it for their format.
     */
    public String displayQuery() {
        return UntrustedText.shorten(UntrustedText.oneLine(query).strip().replaceAll(" {2,}", " "), DISPLAY_LENGTH);
    }
}
