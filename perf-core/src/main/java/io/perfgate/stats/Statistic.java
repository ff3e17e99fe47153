package io.perfgate.stats;

import java.util.Locale;
import java.util.Objects;

/**
 * One aggregation of a metric's samples, spelled as in k6 thresholds: {@code avg}, {@code min},
 * {@code max}, {@code med}, {@code p(N)}, {@code count}, {@code rate}, {@code value}.
 *
 * @param kind       which aggregation
 * @param percentile for {@link Kind#PERCENTILE} the percentile in [0, 100], otherwise 0
 */
public record Statistic(Kind kind, double percentile) {

    public enum Kind { AVG, MIN, MAX, MED, PERCENTILE, COUNT, RATE, VALUE }

    public static final Statistic AVG = new Statistic(Kind.AVG, 0);
    public static final Statistic MIN = new Statistic(Kind.MIN, 0);
    public static final Statistic MAX = new Statistic(Kind.MAX, 0);
    public static final Statistic MED = new Statistic(Kind.MED, 0);
    public static final Statistic COUNT = new Statistic(Kind.COUNT, 0);
    public static final Statistic RATE = new Statistic(Kind.RATE, 0);
    public static final Statistic VALUE = new Statistic(Kind.VALUE, 0);

    public Statistic {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.PERCENTILE) {
            if (!(percentile >= 0 && percentile <= 100)) {
                throw new IllegalArgumentException("percentile must be within 0..100, was " + percentile);
            }
        } else if (percentile != 0) {
            throw new IllegalArgumentException(kind + " takes no percentile");
        }
    }

    public static Statistic percentile(double percentile) {
        return new Statistic(Kind.PERCENTILE, percentile);
    }

    /** k6's spelling: {@code p(95)}, {@code p(99.9)}, {@code avg}. */
    @Override
    public String toString() {
        if (kind == Kind.PERCENTILE) {
            return "p(" + NumberText.plain(percentile) + ")";
        }
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
