package io.perfgate.model;

import io.perfgate.budget.Limit;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.NumberText;
import io.perfgate.stats.Statistic;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one sentence that tells what a budget line found. Every report (console, Maven log, JUnit XML,
 * Markdown, HTML, Jenkins) shows this text and no other wording:
 *
 * <pre>
 * http_req_duration{name:checkout} p(95) is 612 ms, but the budget is &lt; 500 ms
 * http_req_duration{name:checkout} p(95) is 412 ms, within the budget of &lt; 500 ms
 * http_req_failed rate is 5.363%, but the budget is &lt; 1%
 * http_reqs rate is 119.4/s, but the budget is &gt; 200/s
 * http_req_duration{name:chekout} p(95) could not be evaluated: no sample has tag name=chekout (perf-budget.yaml line 4, column 7)
 * </pre>
 *
 * Values print in the unit the limit was written in; a bare limit means k6's unit of the metric, so
 * it prints as {@code ms} for times, {@code B} for data and as a plain number otherwise. A time or size
 * that would read as a hundredth of that unit or less prints in the unit that suits it instead
 * ({@code 4.193 ms}, not {@code 0.004193 s}). A rate without {@code %} prints as the fraction it is. The
 * limit prints as written.
 *
 * <p>A threshold of a k6 script that k6 found crossed, and that no budget line covers, is k6's, not the
 * budget's: {@code http_req_failed rate is 0.05363, but k6's threshold in checkout.js is < 0.01}.
 */
public final class LineSentence {

    private LineSentence() {
    }

    /**
     * The sentence for a measured value: "within the budget of" when the budget is kept, else
     * "but the budget is" (whether the line fails or only warns).
     *
     * @param observed the value in the metric's base unit; for a counter's rate, per second
     */
    public static String measured(ThresholdLine line, MetricType type, MetricContents contents, double observed,
            boolean kept) {
        return subject(line) + " is " + observedText(line, type, contents, observed)
                + (kept ? ", within the budget of " : ", but the budget is ") + limitText(line, type, contents);
    }

    /**
     * The observed value as the sentence prints it, e.g. {@code 612 ms}, {@code 5.363%}, {@code 119.4/s};
     * for a table cell beside the sentence.
     */
    public static String observedText(ThresholdLine line, MetricType type, MetricContents contents, double observed) {
        Limit limit = line.threshold().limit();
        String unit = readableUnit(observed, displayUnit(limit, contents), contents);
        return withUnit(observedNumber(observed, unit, limit, displayUnit(limit, contents)), unit)
                + perSecond(line, type);
    }

    /**
     * The sentence for a threshold of a k6 script, which k6 found crossed in its run and no budget line
     * covers: it is k6's limit, so it is named as k6's, in its script.
     *
     * @param measured the line as evaluated over the results, with its observed value and limit as printed
     * @param script   the script's file name, e.g. {@code checkout.js}
     */
    public static String k6ThresholdCrossed(LineResult measured, String script) {
        return subject((ThresholdLine) measured.line()) + " is " + measured.observedText() + ", but k6's threshold in "
                + script + " is " + measured.limitText();
    }

    /** The operator and limit as the sentence prints them, e.g. {@code < 500 ms}, {@code > 200/s}. */
    public static String limitText(ThresholdLine line, MetricType type, MetricContents contents) {
        Limit limit = line.threshold().limit();
        return line.threshold().operator().symbol() + " "
                + withUnit(limit.number().stripTrailingZeros().toPlainString(), displayUnit(limit, contents))
                + perSecond(line, type);
    }

    /** The sentence for a line that could not be decided, with where the line is written. */
    public static String unevaluated(ThresholdLine line, String reason) {
        return subject(line) + " could not be evaluated: " + reason + " (" + line.location() + ")";
    }

    /** {@code http_req_duration{name:checkout} p(95)}. */
    private static String subject(ThresholdLine line) {
        return line.series() + " " + line.threshold().statistic();
    }

    /** A counter's rate is per second of the run. */
    private static String perSecond(ThresholdLine line, MetricType type) {
        return type == MetricType.COUNTER && line.threshold().statistic().kind() == Statistic.Kind.RATE ? "/s" : "";
    }

    private static String displayUnit(Limit limit, MetricContents contents) {
        if (!limit.unit().isEmpty()) {
            return limit.unit();
        }
        return switch (contents) {
            case TIME -> "ms";
            case DATA -> "B";
            case DEFAULT -> "";
        };
    }

    /**
     * The limit's unit for a time or size that reads well in it; for one that would be a hundredth of it
     * or less, the unit that suits the value.
     */
    private static String readableUnit(double observed, String limitUnit, MetricContents contents) {
        if (contents == MetricContents.DEFAULT || limitUnit.isEmpty() || limitUnit.equals("%")) {
            return limitUnit;
        }
        double scaled = observed / ValueFormat.unitSize(limitUnit);
        return scaled != 0 && Math.abs(scaled) < 0.01 ? ValueFormat.defaultUnit(observed, contents) : limitUnit;
    }

    /**
     * The observed value in {@code unit}, to four significant digits as everywhere; with more digits
     * only where four would print the limit itself for a value that differs from it (499.96 against
     * {@code <500}), which would make the sentence contradict its verdict. The two are compared in the
     * metric's base unit, as they may print in different units.
     *
     * @param limitUnit the unit the limit prints in
     */
    private static String observedNumber(double observed, String unit, Limit limit, String limitUnit) {
        double scaled = observed / size(unit);
        String text = ValueFormat.number(scaled);
        BigDecimal limitBase = limit.number().multiply(BigDecimal.valueOf(size(limitUnit)));
        if (observed == limit.value() || !Double.isFinite(scaled) || inBase(new BigDecimal(text), unit)
                .compareTo(limitBase) != 0) {
            return text;
        }
        BigDecimal exact = new BigDecimal(scaled);
        for (int digits = 5; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.scale() >= 0 && inBase(rounded, unit).compareTo(limitBase) != 0) {
                return rounded.stripTrailingZeros().toPlainString();
            }
        }
        return NumberText.plain(scaled);
    }

    private static BigDecimal inBase(BigDecimal number, String unit) {
        return number.multiply(BigDecimal.valueOf(size(unit)));
    }

    /** How many base units one {@code unit} is; a plain number is its own unit. */
    private static double size(String unit) {
        return unit.isEmpty() ? 1 : ValueFormat.unitSize(unit);
    }

    /** The same spelling as {@link ValueFormat#value}: a space before a unit, none before {@code %}. */
    private static String withUnit(String number, String unit) {
        if (unit.isEmpty()) {
            return number;
        }
        return number + (unit.equals("%") ? "" : " ") + unit;
    }
}
