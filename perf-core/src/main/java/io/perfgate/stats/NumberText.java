package io.perfgate.stats;

import java.math.BigDecimal;

/** Prints numbers the way a person writes them: no exponent, no trailing zeros. */
public final class NumberText {

    private NumberText() {
    }

    public static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }
}
