package io.perfgate.regression;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The right-hand side of a regression rule: {@code baseline}, {@code baseline + 10%},
 * {@code baseline - 5%} or {@code baseline * 1.1}, with optional whitespace.
 *
 * @param form   which of the three forms
 * @param amount for {@link Form#PERCENT} the signed percentage as written (10 for {@code + 10%}), for
 *               {@link Form#FACTOR} the factor (1.1), for {@link Form#BARE} zero
 * @param text   the right-hand side as written, stripped
 */
public record BaselineBound(Form form, BigDecimal amount, String text) {

    /** The word every regression limit starts with. */
    public static final String KEYWORD = "baseline";

    private static final String FORMS = "write baseline, baseline + 10%, baseline - 5% or baseline * 1.1";

    public enum Form {
        /** {@code baseline}: the default minimum change of {@link RegressionSettings} applies. */
        BARE,
        /** {@code baseline + 10%}: a change in percent (of the baseline; for a rate of events, in points). */
        PERCENT,
        /** {@code baseline * 1.1}: a factor on the baseline. */
        FACTOR
    }

    public BaselineBound {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(text, "text");
    }

    /** Whether a threshold's right-hand side is a regression limit rather than a number. */
    public static boolean refersToBaseline(String rightHandSide) {
        return rightHandSide.strip().startsWith(KEYWORD);
    }

    /**
     * Reads a regression limit.
     *
     * @throws IllegalArgumentException naming the text, what is wrong and the forms that are allowed
     */
    public static BaselineBound parse(String rightHandSide) {
        String text = rightHandSide.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty regression limit; " + FORMS);
        }
        if (!text.startsWith(KEYWORD)) {
            throw new IllegalArgumentException("regression limit '" + text + "' must start with 'baseline'; " + FORMS);
        }
        int position = skipWhitespace(text, KEYWORD.length());
        if (position == text.length()) {
            return new BaselineBound(Form.BARE, BigDecimal.ZERO, text);
        }
        char operator = text.charAt(position);
        if (operator != '+' && operator != '-' && operator != '*') {
            throw new IllegalArgumentException("unexpected '" + text.substring(position) + "' after 'baseline' in '"
                    + text + "'; " + FORMS);
        }
        position = skipWhitespace(text, position + 1);
        int numberEnd = numberEnd(text, position);
        if (numberEnd == position) {
            throw new IllegalArgumentException("no number after 'baseline " + operator + "' in '" + text + "'; "
                    + FORMS);
        }
        BigDecimal number = new BigDecimal(text.substring(position, numberEnd));
        String rest = text.substring(skipWhitespace(text, numberEnd));
        if (operator == '*') {
            if (!rest.isEmpty()) {
                throw new IllegalArgumentException(rest.equals("%")
                        ? "a factor takes no %: in '" + text + "' write baseline * 1.1 or baseline + 10%"
                        : "unexpected '" + rest + "' after the factor in '" + text + "'; " + FORMS);
            }
            if (number.signum() <= 0) {
                throw new IllegalArgumentException("the factor in '" + text + "' must be above 0");
            }
            return new BaselineBound(Form.FACTOR, number, text);
        }
        if (!rest.equals("%")) {
            throw new IllegalArgumentException(rest.isEmpty()
                    ? "the change in '" + text + "' needs a % sign: write baseline " + operator + " "
                            + number.toPlainString() + "%, or a factor such as baseline * 1.1"
                    : "unknown unit '" + rest + "' in '" + text + "'; a regression limit allows a change in % "
                            + "or a factor: " + FORMS);
        }
        return new BaselineBound(Form.PERCENT, operator == '-' ? number.negate() : number, text);
    }

    /** {@code digits[.digits]} or {@code .digits} from {@code start}; {@code start} when there is none. */
    private static int numberEnd(String text, int start) {
        int i = start;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        boolean digitsBefore = i > start;
        if (i < text.length() && text.charAt(i) == '.') {
            int afterPoint = i + 1;
            int j = afterPoint;
            while (j < text.length() && Character.isDigit(text.charAt(j))) {
                j++;
            }
            if (j > afterPoint) {
                return j;
            }
        }
        return digitsBefore ? i : start;
    }

    private static int skipWhitespace(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
