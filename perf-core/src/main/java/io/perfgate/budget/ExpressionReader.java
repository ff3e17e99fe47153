package io.perfgate.budget;

import io.perfgate.regression.BaselineBound;
import io.perfgate.regression.RegressionRule;
import io.perfgate.stats.Statistic;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one k6 threshold expression, {@code aggregation operator limit}, e.g. {@code p(95) < 300ms}.
 * Whitespace between the parts is optional. Every problem names the expression and what is allowed,
 * because the budget parser adds only the location.
 *
 * <p>Public for the report reader, which re-reads what a report stores in this grammar (a regression
 * rule's expression, a statistic's spelling) rather than keeping a second copy of it.
 */
public final class ExpressionReader {

    static final String AGGREGATIONS = "avg, min, max, med, p(N), count, rate, value";
    static final String OPERATORS = "<, <=, >, >=, ==, ===, !=";

    private static final Map<String, Statistic> NAMED = Map.of(
            "avg", Statistic.AVG, "min", Statistic.MIN, "max", Statistic.MAX, "med", Statistic.MED,
            "count", Statistic.COUNT, "rate", Statistic.RATE, "value", Statistic.VALUE);
    private static final Pattern PERCENTILE = Pattern.compile("p\\((\\d+(?:\\.\\d+)?)\\)");
    private static final Pattern PERCENTILE_WITHOUT_PARENTHESES = Pattern.compile("p(\\d+(?:\\.\\d+)?)");
    private static final String OPERATOR_CHARACTERS = "<>=!";

    private final String expression;
    private int position;

    private ExpressionReader(String expression) {
        this.expression = expression;
    }

    /** @throws IllegalArgumentException naming the expression, the problem and what is allowed */
    static Threshold read(String expression) {
        return new ExpressionReader(expression).read();
    }

    /**
     * Whether the expression compares with the baseline, {@code p(95) < baseline + 10%}, rather than with
     * a number. Only the shape is looked at; reading it may still fail.
     */
    static boolean comparesWithBaseline(String expression) {
        ExpressionReader reader = new ExpressionReader(expression);
        reader.skipWhitespace();
        reader.aggregationText();
        reader.skipWhitespace();
        reader.operatorText();
        reader.skipWhitespace();
        String rest = expression.substring(reader.position);
        return rest.startsWith(BaselineBound.KEYWORD) && (rest.length() == BaselineBound.KEYWORD.length()
                || !Character.isLetterOrDigit(rest.charAt(BaselineBound.KEYWORD.length()))
                        && rest.charAt(BaselineBound.KEYWORD.length()) != '_');
    }

    /** Reads {@code p(95) < baseline + 10%}; @throws IllegalArgumentException naming the problem */
    public static RegressionRule readRegression(String expression) {
        ExpressionReader reader = new ExpressionReader(expression);
        reader.skipWhitespace();
        Statistic statistic = reader.statistic(reader.aggregationText());
        reader.skipWhitespace();
        String operator = reader.operatorText();
        String rightHandSide = expression.substring(reader.position).strip();
        try {
            return RegressionRule.of(statistic, operator, rightHandSide);
        } catch (IllegalArgumentException e) {
            throw problem(e.getMessage() + (e.getMessage().contains(expression) ? "" : " in '" + expression + "'"));
        }
    }

    /**
     * Reads an aggregation alone, as an expression spells it: {@code avg}, {@code p(95)}, {@code rate}.
     *
     * @throws IllegalArgumentException naming the text and the aggregations allowed
     */
    public static Statistic readStatistic(String aggregation) {
        ExpressionReader reader = new ExpressionReader(aggregation);
        return reader.statistic(aggregation);
    }

    /**
     * Reads a database line's expression, {@code mean<100ms} or {@code calls_per_request<=3}: a statistic of
     * {@link DatabaseStatistic}, an operator, and a limit that for times may carry a time unit (a bare number
     * is milliseconds) and otherwise is a plain number.
     */
    static DatabaseExpression readDatabase(String expression) {
        ExpressionReader reader = new ExpressionReader(expression);
        reader.skipWhitespace();
        if (reader.position == expression.length()) {
            throw problem("empty database expression; write one such as \"mean<100ms\" or \"calls_per_request<=3\"");
        }
        String name = reader.aggregationText();
        DatabaseStatistic statistic = DatabaseStatistic.bySpelling(name).orElseThrow(() -> problem(
                "unknown database statistic '" + name + "' in '" + expression + "'; allowed: "
                        + DatabaseStatistic.allowed()));
        reader.skipWhitespace();
        Operator operator = reader.operator(name);
        reader.skipWhitespace();
        if (expression.substring(reader.position).strip().startsWith(BaselineBound.KEYWORD)) {
            throw problem("database lines compare with a number, not the baseline, in '" + expression + "'");
        }
        Limit limit = reader.limit(operator);
        if (limit.dimension() != Limit.Dimension.NONE && limit.dimension() != statistic.dimension()) {
            throw problem(statistic.dimension() == Limit.Dimension.TIME
                    ? "the limit " + limit.text() + " of '" + expression + "' must be a time, e.g. 100ms"
                    : statistic + " is a plain number; write its limit without a unit in '" + expression + "'");
        }
        return new DatabaseExpression(statistic, operator, limit);
    }

    /** The parts of a database line's expression. */
    record DatabaseExpression(DatabaseStatistic statistic, Operator operator, Limit limit) {
    }

    private Threshold read() {
        skipWhitespace();
        if (position == expression.length()) {
            throw problem("empty threshold expression; write one such as \"p(95)<300\"");
        }
        Statistic statistic = statistic(aggregationText());
        skipWhitespace();
        Operator operator = operator(statistic);
        skipWhitespace();
        Limit limit = limit(operator);
        return new Threshold(statistic, operator, limit, expression);
    }

    /** The aggregation as written: up to the operator, whitespace, or the end of {@code p(...)}. */
    private String aggregationText() {
        int start = position;
        while (position < expression.length()) {
            char c = expression.charAt(position);
            if (Character.isWhitespace(c) || OPERATOR_CHARACTERS.indexOf(c) >= 0) {
                break;
            }
            position++;
            if (c == '(') {
                int close = expression.indexOf(')', position);
                position = close < 0 ? expression.length() : close + 1;
            }
        }
        return expression.substring(start, position);
    }

    private Statistic statistic(String text) {
        if (text.isEmpty()) {
            throw problem("no aggregation before the operator in '" + expression + "'; allowed: " + AGGREGATIONS);
        }
        Statistic named = NAMED.get(text);
        if (named != null) {
            return named;
        }
        var percentile = PERCENTILE.matcher(text);
        if (percentile.matches()) {
            double value = Double.parseDouble(percentile.group(1));
            if (value > 100) {
                throw problem("percentile " + percentile.group(1) + " in '" + expression
                        + "' must be within 0..100");
            }
            return Statistic.percentile(value);
        }
        String hint = "";
        var bare = PERCENTILE_WITHOUT_PARENTHESES.matcher(text);
        if (bare.matches()) {
            hint = " (did you mean p(" + bare.group(1) + ")?)";
        }
        throw problem("unknown aggregation '" + text + "' in '" + expression + "'; allowed: " + AGGREGATIONS + hint);
    }

    private String operatorText() {
        int start = position;
        while (position < expression.length() && OPERATOR_CHARACTERS.indexOf(expression.charAt(position)) >= 0) {
            position++;
        }
        return expression.substring(start, position);
    }

    private Operator operator(Object statistic) {
        String symbol = operatorText();
        if (symbol.isEmpty()) {
            throw problem("no operator after '" + statistic + "' in '" + expression + "'; allowed: " + OPERATORS);
        }
        for (Operator operator : Operator.values()) {
            if (operator.symbol().equals(symbol)) {
                return operator;
            }
        }
        throw problem("unknown operator '" + symbol + "' in '" + expression + "'; allowed: " + OPERATORS);
    }

    private Limit limit(Operator operator) {
        String text = expression.substring(position).strip();
        if (text.isEmpty()) {
            throw problem("no limit after '" + operator.symbol() + "' in '" + expression
                    + "'; write a number such as 300 or 300ms");
        }
        int numberEnd = numberEnd(text);
        String unitText = text.substring(numberEnd).strip();
        if (numberEnd == 0 || startsLikeANumber(unitText)) {
            throw problem("limit '" + text + "' in '" + expression + "' is not a number");
        }
        if (unitText.matches("[eE][+-]?\\d.*")) {
            throw problem("limit '" + text + "' in '" + expression + "' has an exponent; write the number in full, "
                    + "e.g. 1500 for 1.5e3");
        }
        if (unitText.matches("_\\d.*")) {
            throw problem("limit '" + text + "' in '" + expression + "' separates digits with '_'; write them "
                    + "together, e.g. 1000");
        }
        BigDecimal number = new BigDecimal(text.substring(0, numberEnd));
        Limit.Dimension dimension = Limit.Dimension.NONE;
        BigDecimal value = number;
        if (!unitText.isEmpty()) {
            LimitUnit unit = LimitUnit.bySpelling(unitText).orElseThrow(() -> problem("unknown unit '" + unitText
                    + "' in '" + expression + "'; allowed: " + allowedUnits()));
            dimension = unit.dimension();
            value = number.multiply(unit.size());
        }
        double limit = value.doubleValue();
        if (!Double.isFinite(limit)) {
            throw problem("limit '" + text + "' in '" + expression + "' is too large");
        }
        return new Limit(limit, dimension, unitText, text);
    }

    /** End of {@code [+-]?(digits[.digits] | .digits)} at the start of {@code text}, 0 when there is none. */
    private static int numberEnd(String text) {
        int i = 0;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            i++;
        }
        int digitsBefore = countDigits(text, i);
        i += digitsBefore;
        int digitsAfter = 0;
        if (i < text.length() && text.charAt(i) == '.') {
            digitsAfter = countDigits(text, i + 1);
            if (digitsAfter > 0) {
                i += 1 + digitsAfter;
            }
        }
        return digitsBefore + digitsAfter == 0 ? 0 : i;
    }

    private static int countDigits(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    private static boolean startsLikeANumber(String unitText) {
        return !unitText.isEmpty() && (Character.isDigit(unitText.charAt(0)) || unitText.charAt(0) == '.'
                || unitText.charAt(0) == '+' || unitText.charAt(0) == '-');
    }

    private static String allowedUnits() {
        return unitsOf(Limit.Dimension.TIME) + " (time), " + unitsOf(Limit.Dimension.PERCENT) + " (rates), "
                + unitsOf(Limit.Dimension.DATA) + " (data)";
    }

    private static String unitsOf(Limit.Dimension dimension) {
        List<String> spellings = new ArrayList<>();
        for (LimitUnit unit : LimitUnit.values()) {
            if (unit.dimension() == dimension) {
                spellings.addAll(unit.spellings());
            }
        }
        return String.join(", ", spellings);
    }

    private void skipWhitespace() {
        while (position < expression.length() && Character.isWhitespace(expression.charAt(position))) {
            position++;
        }
    }

    private static IllegalArgumentException problem(String text) {
        return new IllegalArgumentException(text);
    }
}
