package io.perfgate.budget;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The number on the right of a threshold expression.
 *
 * @param value     the limit in the metric's base unit: milliseconds for time, a fraction (0.01) for
 *                  a percentage, bytes for data, else the number itself
 * @param dimension what the written unit says the number is, or {@link Dimension#NONE} for a bare
 *                  number (which means k6's unit of the metric)
 * @param unit      the unit as written ({@code ms}, {@code s}, {@code %}, ...), empty for none
 * @param text      the limit exactly as written, e.g. {@code 1.5s}
 */
public record Limit(double value, Dimension dimension, String unit, String text) {

    public enum Dimension { NONE, TIME, PERCENT, DATA }

    public Limit {
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(text, "text");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("limit must be a finite number: " + text);
        }
    }

    /**
     * The number as written, in the written unit: {@code 1.5} for {@code 1.5s}, {@code 1} for
     * {@code 1%}. Reports print this rather than {@link #value}, so a limit reads as the user wrote it.
     */
    public BigDecimal number() {
        return new BigDecimal(text.substring(0, text.length() - unit.length()).strip());
    }
}
