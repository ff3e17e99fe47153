package io.perfgate.publish;

import java.util.Objects;

/**
 * A fixed limit drawn across a trend line: a threshold of the newest build's budget.
 *
 * @param expression the threshold as written, e.g. {@code p(95)<500ms}, cleaned like a line's name
 * @param value      the limit in the unit of its trend line's values
 */
public record TrendLimitLine(String expression, double value) {

    public TrendLimitLine {
        Objects.requireNonNull(expression, "expression");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("limit of " + expression + " is not a finite number: " + value);
        }
    }
}
