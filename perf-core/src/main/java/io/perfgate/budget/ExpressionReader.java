package io.perfgate.budget;

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
 */
final class ExpressionReader {

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

    private Operator operator(Statistic statistic) {
        int start = position;
        while (position < expression.length() && OPERATOR_CHARACTERS.indexOf(expression.charAt(position)) >= 0) {
            position++;
        }
        String symbol = expression.substring(start, position);
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
