package io.perfgate.stats;

/**
 * A sum of doubles with Neumaier's compensation, so that adding millions of small values to a large
 * total loses no more than one rounding.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double value) {
        double total = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation += (sum - total) + value;
        } else {
            compensation += (value - total) + sum;
        }
        sum = total;
    }

    void add(CompensatedSum other) {
        add(other.sum);
        add(other.compensation);
    }

    double value() {
        return sum + compensation;
    }

    /** The running total without its compensation; with {@link #compensation()} the whole state. */
    double total() {
        return sum;
    }

    /** What the running total lost to rounding so far. */
    double compensation() {
        return compensation;
    }

    /** Takes the state {@link #total()} and {@link #compensation()} told, to go on from there. */
    void restore(double total, double compensation) {
        sum = total;
        this.compensation = compensation;
    }

    /** Accumulators take finite sample values only: NaN or infinity would poison every statistic. */
    static void requireFinite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("sample value " + value + " is not a finite number");
        }
    }
}
