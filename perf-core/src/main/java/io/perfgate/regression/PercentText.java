package io.perfgate.regression;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Changes as people read them: two significant digits, never fewer integer digits: 24%, 3.6%, 0.52%. */
final class PercentText {

    private static final MathContext TWO_DIGITS = new MathContext(2, RoundingMode.HALF_EVEN);

    private PercentText() {
    }

    /** {@code 24%} for 0.2391; the magnitude only. */
    static String magnitude(double fraction) {
        return number(Math.abs(fraction) * 100) + "%";
    }

    /** {@code +3.6%}, {@code -12%}, {@code 0%}. */
    static String signed(double fraction) {
        String magnitude = magnitude(fraction);
        if (magnitude.equals("0%")) {
            return magnitude;
        }
        return (fraction < 0 ? "-" : "+") + magnitude;
    }

    /** {@code + 10%}, {@code - 5%}: an allowance as a rule spells it. */
    static String allowance(double fraction) {
        return (fraction < 0 ? "- " : "+ ") + magnitude(fraction);
    }

    /** {@code + 0.5 percentage points}. */
    static String pointsAllowance(double difference) {
        return (difference < 0 ? "- " : "+ ") + points(difference);
    }

    /** {@code 1.5 percentage points}; the magnitude only. */
    static String points(double difference) {
        String number = number(Math.abs(difference) * 100);
        return number + (number.equals("1") ? " percentage point" : " percentage points");
    }

    /** A percentage confidence such as {@code 99%} or {@code 99.5%}. */
    static String confidence(double level) {
        return new BigDecimal(level * 100).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString() + "%";
    }

    /** A probability to two significant digits: {@code 0.21}, {@code 0.0031}. */
    static String probability(double value) {
        return number(value);
    }

    private static String number(double value) {
        if (!Double.isFinite(value)) {
            return "∞";
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(TWO_DIGITS);
        if (rounded.scale() < 0) {
            rounded = new BigDecimal(value).setScale(0, RoundingMode.HALF_EVEN);
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
