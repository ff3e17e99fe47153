package io.perfgate.model;

import io.perfgate.stats.MetricContents;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * Prints measured values for people, in one way everywhere: four significant digits at most, never
 * rounding away integer digits, with the unit a user wrote where there is one.
 */
public final class ValueFormat {

    private static final MathContext FOUR_DIGITS = new MathContext(4, RoundingMode.HALF_EVEN);

    private ValueFormat() {
    }

    /** {@code 67.35}, {@code 612}, {@code 0.0536}, {@code 12346}. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(FOUR_DIGITS);
        if (rounded.scale() < 0) {
            rounded = new BigDecimal(value).setScale(0, RoundingMode.HALF_EVEN);
        }
        String text = rounded.stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }

    /**
     * A value of a metric with the given contents, in {@code unit} when given (as written in the
     * budget: {@code ms}, {@code s}, {@code %}, {@code kB}...), otherwise in a unit chosen for it.
     *
     * @param value    in the metric's base unit: milliseconds for time, bytes for data
     * @param contents the metric's contents
     * @param unit     the preferred unit, or empty
     */
    public static String value(double value, MetricContents contents, String unit) {
        String chosen = unit.isEmpty() ? defaultUnit(value, contents) : unit;
        if (chosen.isEmpty()) {
            return number(value);
        }
        double scaled = value / unitSize(chosen);
        String separator = chosen.equals("%") ? "" : " ";
        return number(scaled) + separator + chosen;
    }

    /** A fraction as a percentage: {@code 0.0536} becomes {@code 5.36%}. */
    public static String percent(double fraction) {
        return number(fraction * 100) + "%";
    }

    /** The unit {@link #value} picks for a value when the caller names none. */
    public static String defaultUnit(double value, MetricContents contents) {
        double magnitude = Math.abs(value);
        return switch (contents) {
            case TIME -> magnitude >= 1000 ? "s" : magnitude > 0 && magnitude < 1 ? "µs" : "ms";
            case DATA -> magnitude >= 1_000_000 ? "MB" : magnitude >= 1000 ? "kB" : "B";
            case DEFAULT -> "";
        };
    }

    /**
     * The one unit all values of a trend print in, so they compare at a glance: the unit of the first
     * limit that names one, as the budget wrote it, else the unit that suits the largest of the values
     * and limits.
     *
     * @param largestValue the largest absolute value of the trend, in the metric's base unit
     */
    public static String commonUnit(List<TrendLimit> limits, double largestValue, MetricContents contents) {
        for (TrendLimit limit : limits) {
            if (!limit.unit().isEmpty()) {
                return limit.unit();
            }
        }
        double largest = Math.abs(largestValue);
        for (TrendLimit limit : limits) {
            largest = Math.max(largest, Math.abs(limit.value()));
        }
        return defaultUnit(largest, contents);
    }

    /**
     * How many base units one {@code unit} is: milliseconds for time units, bytes for data units,
     * a fraction for {@code %}.
     *
     * @throws IllegalArgumentException for a unit this project does not know
     */
    public static double unitSize(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns" -> 1e-6;
            case "us", "µs" -> 1e-3;
            case "ms" -> 1;
            case "s" -> 1000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            case "%" -> 0.01;
            case "b" -> 1;
            case "kb" -> 1000;
            case "mb" -> 1_000_000;
            case "gb" -> 1_000_000_000;
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "'");
        };
    }
}
