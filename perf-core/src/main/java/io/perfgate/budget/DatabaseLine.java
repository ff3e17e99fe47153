package io.perfgate.budget;

import io.perfgate.diag.SourceLocation;
import java.util.Objects;

/**
 * A limit on the statements the database ran during the load test, read from
 * {@code pg_stat_statements}: {@code db.query{match:"from bookings"}: ["calls_per_request<=3"]}.
 *
 * @param selector    which statements, and whether together or each on its own
 * @param statistic   what is measured of them
 * @param operator    the comparison
 * @param limit       the number on the right, in the statistic's unit (milliseconds for times)
 * @param expression  the expression exactly as written
 * @param severity    fail or warn
 * @param description the user's description, empty if none
 * @param location    file, line and column of the expression
 */
public record DatabaseLine(DatabaseSelector selector, DatabaseStatistic statistic, Operator operator, Limit limit,
        String expression, Severity severity, String description, SourceLocation location) implements BudgetLine {

    public DatabaseLine {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(location, "location");
    }

    @Override
    public String subject() {
        return selector.text();
    }
}
