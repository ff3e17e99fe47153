package io.perfgate.model;

import java.util.Objects;

/**
 * A fixed limit a trend is drawn against: the right side of a budget's threshold line on the trend's
 * statistic.
 *
 * @param expression the threshold as written, e.g. {@code p(95)<300ms}
 * @param value      the limit in the metric's base unit (milliseconds, bytes, a fraction for {@code %})
 * @param unit       the unit as written, e.g. {@code ms} or {@code %}; empty for a bare number
 */
public record TrendLimit(String expression, double value, String unit) {

    public TrendLimit {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(unit, "unit");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("limit of " + expression + " is not a finite number: " + value);
        }
        if (!unit.isEmpty()) {
            ValueFormat.unitSize(unit); // a unit no writer could print fails here, not in a report
        }
    }
}
