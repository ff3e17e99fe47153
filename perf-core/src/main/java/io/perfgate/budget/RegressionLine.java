package io.perfgate.budget;

import io.perfgate.diag.SourceLocation;
import io.perfgate.regression.RegressionRule;
import io.perfgate.stats.SeriesKey;
import java.util.Objects;

/**
 * A rule against the baseline, beside the fixed limits of the same metric:
 * {@code http_req_duration{name:checkout}: ["p(95)<300ms", "p(95) < baseline + 10%"]}.
 *
 * @param series      the metric and tag filter it applies to
 * @param rule        the statistic, its direction and the allowed change
 * @param expression  the expression exactly as written
 * @param severity    fail or warn; a regression fails the build only with fail
 * @param description the user's description, empty if none
 * @param location    file, line and column of the expression
 */
public record RegressionLine(SeriesKey series, RegressionRule rule, String expression, Severity severity,
        String description, SourceLocation location) implements BudgetLine {

    public RegressionLine {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String subject() {
        return series.toString();
    }
}
