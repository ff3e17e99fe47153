package io.perfgate.budget;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The units a budget limit may carry, beyond k6's bare numbers: {@code p(95)<1.5s}, {@code rate<1%},
 * {@code avg<2kB}. Spellings are case-sensitive, so {@code ms} and {@code MB} cannot be confused.
 */
public enum LimitUnit {
    NANOSECONDS(Limit.Dimension.TIME, "0.000001", "ns"),
    MICROSECONDS(Limit.Dimension.TIME, "0.001", "us", "µs"),
    MILLISECONDS(Limit.Dimension.TIME, "1", "ms"),
    SECONDS(Limit.Dimension.TIME, "1000", "s"),
    MINUTES(Limit.Dimension.TIME, "60000", "m"),
    HOURS(Limit.Dimension.TIME, "3600000", "h"),
    PERCENT(Limit.Dimension.PERCENT, "0.01", "%"),
    BYTES(Limit.Dimension.DATA, "1", "B"),
    KILOBYTES(Limit.Dimension.DATA, "1000", "kB"),
    MEGABYTES(Limit.Dimension.DATA, "1000000", "MB"),
    GIGABYTES(Limit.Dimension.DATA, "1000000000", "GB");

    private final Limit.Dimension dimension;
    // Decimal, so that 0.07s is exactly 70 ms and not 70.00000000000001.
    private final BigDecimal size;
    private final List<String> spellings;

    LimitUnit(Limit.Dimension dimension, String size, String... spellings) {
        this.dimension = dimension;
        this.size = new BigDecimal(size);
        this.spellings = List.of(spellings);
    }

    public Limit.Dimension dimension() {
        return dimension;
    }

    /** How many base units one of this unit is: milliseconds, bytes, or a fraction for {@code %}. */
    public BigDecimal size() {
        return size;
    }

    public List<String> spellings() {
        return spellings;
    }

    /** The unit spelled exactly {@code spelling}, e.g. {@code kB}. */
    public static Optional<LimitUnit> bySpelling(String spelling) {
        for (LimitUnit unit : values()) {
            if (unit.spellings.contains(spelling)) {
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }
}
