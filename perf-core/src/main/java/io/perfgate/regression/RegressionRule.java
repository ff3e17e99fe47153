package io.perfgate.regression;

import io.perfgate.stats.Statistic;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A regression rule as it reads beside k6 thresholds in the budget file: {@code p(95) < baseline + 10%},
 * {@code rate > baseline - 5%}, {@code med <= baseline * 1.1}, {@code rate < baseline}.
 *
 * <p>The operator says which way is worse: {@code <} and {@code <=} keep the statistic down (a rise is a
 * regression), {@code >} and {@code >=} keep it up. Both spellings of each mean the same here: a
 * measured change equal to the allowance to the last digit does not happen. The allowed change must
 * point the same way ({@code < baseline - 5%} would demand an improvement) and must not be zero.
 *
 * <p>For trend statistics, counts and throughput, {@code + 10%} and {@code * 1.1} are relative to the
 * baseline. For a rate of events (a k6 Rate metric such as {@code http_req_failed}), {@code + 0.5%}
 * means half a percentage point, as in k6's {@code rate<1%}, and {@code * 2} means twice the baseline's
 * rate.
 *
 * @param statistic the statistic the rule watches
 * @param operator  {@code <}, {@code <=}, {@code >} or {@code >=}
 * @param bound     the right-hand side
 */
public record RegressionRule(Statistic statistic, String operator, BaselineBound bound) {

    public RegressionRule {
        Objects.requireNonNull(statistic, "statistic");
        Objects.requireNonNull(bound, "bound");
        Direction direction = Direction.ofOperator(Objects.requireNonNull(operator, "operator"));
        String expression = statistic + " " + operator + " " + bound.text();
        switch (bound.form()) {
            case BARE -> { }
            case PERCENT -> {
                int sign = bound.amount().signum();
                if (sign == 0) {
                    throw new IllegalArgumentException("'" + expression + "' allows no change at all, which no "
                            + "measurement can confirm; allow some, e.g. " + example(statistic, operator));
                }
                if (sign != direction.sign()) {
                    throw wrongWay(expression, statistic, operator, direction);
                }
                if (bound.amount().compareTo(BigDecimal.valueOf(-100)) <= 0) {
                    throw new IllegalArgumentException("'" + expression + "' allows a fall of 100% or more, "
                            + "which every value passes");
                }
            }
            case FACTOR -> {
                int sign = bound.amount().compareTo(BigDecimal.ONE);
                if (sign == 0) {
                    throw new IllegalArgumentException("'" + expression + "' allows no change at all, which no "
                            + "measurement can confirm; allow some, e.g. " + example(statistic, operator));
                }
                if (sign != direction.sign()) {
                    throw wrongWay(expression, statistic, operator, direction);
                }
            }
        }
    }

    /**
     * Builds a rule from the parts a threshold expression has already been split into.
     *
     * @throws IllegalArgumentException for an operator other than {@code < <= > >=}, a malformed
     *                                  right-hand side, or an allowance that points the wrong way
     */
    public static RegressionRule of(Statistic statistic, String operator, String rightHandSide) {
        return new RegressionRule(statistic, operator, BaselineBound.parse(rightHandSide));
    }

    public Direction direction() {
        return Direction.ofOperator(operator);
    }

    /** {@code p(95) < baseline + 10%}. */
    public String expression() {
        return statistic + " " + operator + " " + bound.text();
    }

    /**
     * The allowed relative change in the statistic's own direction of travel: +0.10 for
     * {@code < baseline + 10%} or {@code < baseline * 1.1}, -0.05 for {@code > baseline - 5%}; a bare
     * {@code baseline} allows the settings' minimum change.
     */
    public double allowedRelativeChange(RegressionSettings settings) {
        return switch (bound.form()) {
            case BARE -> direction().sign() * settings.minimumChange();
            case PERCENT -> bound.amount().doubleValue() / 100;
            case FACTOR -> bound.amount().doubleValue() - 1;
        };
    }

    private static IllegalArgumentException wrongWay(String expression, Statistic statistic, String operator,
            Direction direction) {
        String way = direction == Direction.SMALLER_IS_BETTER ? "a rise" : "a fall";
        return new IllegalArgumentException("'" + expression + "' demands an improvement; a regression rule with "
                + operator + " allows " + way + ", e.g. " + example(statistic, operator));
    }

    private static String example(Statistic statistic, String operator) {
        return statistic + " " + operator + (Direction.ofOperator(operator) == Direction.SMALLER_IS_BETTER
                ? " baseline + 10%" : " baseline - 10%");
    }
}
