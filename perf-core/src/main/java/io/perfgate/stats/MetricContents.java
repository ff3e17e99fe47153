package io.perfgate.stats;

import java.util.Locale;

/**
 * What a metric's values are, k6's {@code contains}: durations in milliseconds, bytes, or plain numbers.
 * It decides which units a budget limit may carry and how values are printed.
 */
public enum MetricContents {
    DEFAULT,
    TIME,
    DATA;

    public String k6Name() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MetricContents fromK6Name(String name) {
        for (MetricContents contents : values()) {
            if (contents.k6Name().equals(name)) {
                return contents;
            }
        }
        throw new IllegalArgumentException("unknown k6 metric contents '" + name + "'");
    }
}
