package io.perfgate.stats;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The four k6 metric types; JMeter results are mapped onto the same types. */
public enum MetricType {
    COUNTER(EnumSet.of(Statistic.Kind.COUNT, Statistic.Kind.RATE)),
    GAUGE(EnumSet.of(Statistic.Kind.VALUE, Statistic.Kind.MIN, Statistic.Kind.MAX)),
    RATE(EnumSet.of(Statistic.Kind.RATE)),
    TREND(EnumSet.of(Statistic.Kind.AVG, Statistic.Kind.MIN, Statistic.Kind.MAX, Statistic.Kind.MED,
            Statistic.Kind.PERCENTILE));

    private final Set<Statistic.Kind> statistics;

    MetricType(Set<Statistic.Kind> statistics) {
        this.statistics = statistics;
    }

    /** Whether a threshold may use this statistic on a metric of this type (k6's own rules). */
    public boolean supports(Statistic.Kind kind) {
        return statistics.contains(kind);
    }

    public Set<Statistic.Kind> statistics() {
        return EnumSet.copyOf(statistics);
    }

    /** k6's lower-case spelling, as in {@code "type":"trend"}. */
    public String k6Name() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MetricType fromK6Name(String name) {
        for (MetricType type : values()) {
            if (type.k6Name().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown k6 metric type '" + name + "'");
    }
}
