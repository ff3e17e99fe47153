package io.perfgate.budget;

import io.perfgate.stats.Statistic;
import java.util.Objects;

/**
 * One parsed threshold expression such as {@code p(95)<300ms}.
 *
 * @param statistic  the aggregation on the left
 * @param operator   the comparison
 * @param limit      the number on the right
 * @param expression the expression verbatim, as the user wrote it
 */
public record Threshold(Statistic statistic, Operator operator, Limit limit, String expression) {

    public Threshold {
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(expression, "expression");
    }

    /**
     * Reads k6's expression syntax, {@code aggregation operator limit} with optional whitespace:
     * aggregations {@code avg min max med p(N) count rate value}, operators {@code < <= > >= == === !=},
     * and a limit that may carry a {@link LimitUnit}, e.g. {@code p(95) < 1.5s} or {@code rate<1%}.
     *
     * @throws IllegalArgumentException naming the expression, what is wrong and what is allowed
     */
    public static Threshold parse(String expression) {
        return ExpressionReader.read(expression);
    }
}
