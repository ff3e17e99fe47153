package io.perfgate.regression;

/**
 * Which way a statistic gets worse. Latency and error rates are smaller-is-better, throughput and the
 * share of passed checks larger-is-better. A regression rule takes it from its operator: {@code <}
 * keeps a statistic down, {@code >} keeps it up.
 */
public enum Direction {
    SMALLER_IS_BETTER(1),
    LARGER_IS_BETTER(-1);

    private final int sign;

    Direction(int sign) {
        this.sign = sign;
    }

    /** +1 when a rise is worse, -1 when a fall is: multiplies a change into "how much worse". */
    public int sign() {
        return sign;
    }

    /** The direction a comparison operator keeps: {@code <, <=} smaller, {@code >, >=} larger. */
    public static Direction ofOperator(String symbol) {
        return switch (symbol) {
            case "<", "<=" -> SMALLER_IS_BETTER;
            case ">", ">=" -> LARGER_IS_BETTER;
            default -> throw new IllegalArgumentException("a regression rule compares with <, <=, > or >=, not '"
                    + symbol + "'");
        };
    }
}
