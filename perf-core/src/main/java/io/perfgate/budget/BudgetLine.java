package io.perfgate.budget;

import io.perfgate.diag.SourceLocation;

/**
 * One line of the budget file's {@code thresholds} map, of any kind: a fixed limit on a k6 metric
 * ({@link ThresholdLine}), a rule against the baseline ({@link RegressionLine}) or a limit on the
 * database's statements ({@link DatabaseLine}). Every report lists them in the order written.
 */
public sealed interface BudgetLine permits ThresholdLine, RegressionLine, DatabaseLine {

    /** What the line is about, as the key of the thresholds map reads: {@code http_req_duration{name:checkout}}. */
    String subject();

    /** The expression exactly as written, e.g. {@code p(95)<300ms}. */
    String expression();

    Severity severity();

    /** The user's description, empty if none. */
    String description();

    /** File, line and column of the expression. */
    SourceLocation location();

    /** {@code http_req_duration{name:checkout}: p(95)<300ms}, the way the budget file reads. */
    default String label() {
        return subject() + ": " + expression();
    }
}
