package io.perfgate.budget;

/** The comparison operators of k6 threshold expressions. */
public enum Operator {
    LESS("<"),
    LESS_OR_EQUAL("<="),
    GREATER(">"),
    GREATER_OR_EQUAL(">="),
    EQUAL("=="),
    STRICTLY_EQUAL("==="),
    NOT_EQUAL("!=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether {@code observed operator limit} holds, i.e. the budget is kept. */
    public boolean holds(double observed, double limit) {
        return switch (this) {
            case LESS -> observed < limit;
            case LESS_OR_EQUAL -> observed <= limit;
            case GREATER -> observed > limit;
            case GREATER_OR_EQUAL -> observed >= limit;
            case EQUAL, STRICTLY_EQUAL -> observed == limit;
            case NOT_EQUAL -> observed != limit;
        };
    }

    /** The operator spelled {@code symbol}, e.g. {@code <=}. */
    public static Operator fromSymbol(String symbol) {
        for (Operator operator : values()) {
            if (operator.symbol.equals(symbol)) {
                return operator;
            }
        }
        throw new IllegalArgumentException("unknown operator '" + symbol + "'");
    }
}
