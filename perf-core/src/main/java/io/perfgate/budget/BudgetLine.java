package io.perfgate.budget;

import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.SeriesKey;
import java.util.Objects;

/**
 * One threshold of the budget file, with where it was written.
 *
 * @param series      the metric and tag filter it applies to
 * @param threshold   the expression
 * @param severity    fail or warn
 * @param description the user's description, empty if none
 * @param location    file, line and column of the expression
 */
public record BudgetLine(SeriesKey series, Threshold threshold, Severity severity, String description,
        SourceLocation location) {

    public BudgetLine {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(location, "location");
    }

    /** {@code http_req_duration{name:checkout}: p(95)<300}, the way k6 users write it. */
    public String label() {
        return series + ": " + threshold.expression();
    }
}
