package io.perfgate.budget;

import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.SeriesKey;
import java.util.Objects;

/**
 * A fixed limit on a k6 metric, as k6 writes thresholds: {@code http_req_duration{name:checkout}: p(95)<300ms}.
 *
 * @param series      the metric and tag filter it applies to
 * @param threshold   the expression
 * @param severity    fail or warn
 * @param description the user's description, empty if none
 * @param location    file, line and column of the expression
 */
public record ThresholdLine(SeriesKey series, Threshold threshold, Severity severity, String description,
        SourceLocation location) implements BudgetLine {

    public ThresholdLine {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(threshold, "threshold");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String subject() {
        return series.toString();
    }

    @Override
    public String expression() {
        return threshold.expression();
    }
}
