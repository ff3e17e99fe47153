package io.perfgate.model;

import io.perfgate.budget.DatabaseLine;
import io.perfgate.budget.DatabaseSelector;
import io.perfgate.budget.Limit;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one sentence that tells what a database budget line found, worded like {@link LineSentence}:
 *
 * <pre>
 * db.query{match:"from bookings"} calls_per_request is 21, but the budget is &lt;= 3
 * db.query mean is 0.42 ms, within the budget of &lt; 100 ms
 * db.each_query mean is 312 ms for "select * from bookings where guest_id = $1" (the worst of 14 statements), but the budget is &lt; 100 ms
 * db.query{match:"from bokings"} calls could not be evaluated: match "from bokings" selected none of the 12 statements ... (perf-budget.yaml line 4, column 7)
 * </pre>
 *
 * Times print in the unit the limit was written in, milliseconds for a bare limit; the other
 * statistics are plain numbers. A statement's text is put on one line and cut at {@value #QUERY_LENGTH}
 * code points; it stays untrusted, and writers escape the sentence as they escape every sentence.
 */
public final class DatabaseSentence {

    /** Most code points of a statement's text in a sentence. */
    public static final int QUERY_LENGTH = 80;

    private DatabaseSentence() {
    }

    /** The sentence for the statements taken together ({@code db.query}). */
    public static String measured(DatabaseLine line, double observed, boolean kept) {
        return subject(line) + " is " + observedText(line, observed) + verdictPart(line, kept);
    }

    /**
     * The sentence for statements each on their own ({@code db.each_query}), naming the one that came
     * closest to breaking the line, or broke it most.
     *
     * @param query          the worst statement's text, raw
     * @param statementCount how many statements the line selected
     */
    public static String measuredWorst(DatabaseLine line, double observed, boolean kept, String query,
            int statementCount) {
        String of = statementCount == 1 ? " (the only statement)" : " (the worst of " + statementCount + " statements)";
        return subject(line) + " is " + observedText(line, observed) + " for \"" + shortQuery(query) + "\"" + of
                + verdictPart(line, kept);
    }

    /** The sentence for a line that could not be decided, with where the line is written. */
    public static String unevaluated(DatabaseLine line, String reason) {
        return subject(line) + " could not be evaluated: " + reason + " (" + line.location() + ")";
    }

    /** The observed value as the sentence prints it, e.g. {@code 312 ms} or {@code 21}. */
    public static String observedText(DatabaseLine line, double observed) {
        String unit = unit(line);
        double scaled = unit.isEmpty() ? observed : observed / ValueFormat.unitSize(unit);
        return withUnit(number(scaled, observed, line.limit()), unit);
    }

    /** The operator and limit as the sentence prints them, e.g. {@code < 100 ms}, {@code <= 3}. */
    public static String limitText(DatabaseLine line) {
        return line.operator().symbol() + " " + withUnit(line.limit().number().stripTrailingZeros().toPlainString(),
                unit(line));
    }

    /** A statement's text on one line, cut to {@value #QUERY_LENGTH} code points. */
    public static String shortQuery(String query) {
        return UntrustedText.shorten(UntrustedText.oneLine(query).strip().replaceAll(" {2,}", " "), QUERY_LENGTH);
    }

    /** {@code db.each_query{match:"^select"} mean}. */
    private static String subject(DatabaseLine line) {
        DatabaseSelector selector = line.selector();
        return selector.text() + " " + line.statistic().spelling();
    }

    private static String verdictPart(DatabaseLine line, boolean kept) {
        return (kept ? ", within the budget of " : ", but the budget is ") + limitText(line);
    }

    /** The limit's unit for times ({@code ms} when bare), none for plain numbers. */
    private static String unit(DatabaseLine line) {
        if (line.statistic().dimension() != Limit.Dimension.TIME) {
            return "";
        }
        return line.limit().unit().isEmpty() ? "ms" : line.limit().unit();
    }

    /**
     * Four significant digits as everywhere, with more only where four would print the limit itself for
     * a value that differs from it (3.00004 against {@code <=3}), which would contradict the verdict.
     */
    private static String number(double scaled, double observed, Limit limit) {
        String text = ValueFormat.number(scaled);
        BigDecimal limitNumber = limit.number();
        if (observed == limit.value() || !Double.isFinite(scaled) || new BigDecimal(text).compareTo(limitNumber) != 0) {
            return text;
        }
        BigDecimal exact = new BigDecimal(scaled);
        for (int digits = 5; digits <= 17; digits++) {
            BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (rounded.compareTo(limitNumber) != 0) {
                return rounded.stripTrailingZeros().toPlainString();
            }
        }
        return exact.toPlainString();
    }

    private static String withUnit(String number, String unit) {
        return unit.isEmpty() ? number : number + " " + unit;
    }
}
