package io.perfgate.model;

import io.perfgate.stats.MetricContents;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Changes as people read them: +44%, -3.6%; 23.6 → 33.98 ms. */
final class ChangeText {

    private static final MathContext TWO_DIGITS = new MathContext(2, RoundingMode.HALF_EVEN);

    private ChangeText() {
    }

    /** Two significant digits, never fewer integer digits: {@code +44%} for 0.4412, {@code -3.6%}, {@code 0%}. */
    static String signed(double fraction) {
        double percent = Math.abs(fraction) * 100;
        String magnitude;
        if (percent == 0) {
            magnitude = "0";
        } else {
            BigDecimal rounded = new BigDecimal(percent).round(TWO_DIGITS);
            if (rounded.scale() < 0) {
                rounded = new BigDecimal(percent).setScale(0, RoundingMode.HALF_EVEN);
            }
            magnitude = rounded.stripTrailingZeros().toPlainString();
        }
        return magnitude.equals("0") ? "0%" : (fraction < 0 ? "-" : "+") + magnitude + "%";
    }

    /** {@code 23.6 → 33.98 ms}: two times in the unit that suits the larger. */
    static String timePair(double before, double after) {
        String unit = ValueFormat.defaultUnit(Math.max(Math.abs(before), Math.abs(after)), MetricContents.TIME);
        return ValueFormat.number(before / ValueFormat.unitSize(unit)) + " → "
                + ValueFormat.value(after, MetricContents.TIME, unit);
    }
}
