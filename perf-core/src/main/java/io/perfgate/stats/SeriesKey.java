package io.perfgate.stats;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A metric, optionally narrowed by a tag filter: k6's submetric selector, e.g.
 * {@code http_req_duration{name:checkout}}. A sample belongs to the series when its metric is
 * {@link #metric()} and it carries every tag of the filter with exactly that value.
 *
 * @param metric the metric name
 * @param filter tag name to required value; empty for the whole metric
 */
public record SeriesKey(String metric, Map<String, String> filter) implements Comparable<SeriesKey> {

    public SeriesKey {
        Objects.requireNonNull(metric, "metric");
        filter = Collections.unmodifiableMap(new TreeMap<>(filter));
    }

    public static SeriesKey of(String metric) {
        return new SeriesKey(metric, Map.of());
    }

    public static SeriesKey of(String metric, String tag, String value) {
        return new SeriesKey(metric, Map.of(tag, value));
    }

    /**
     * Reads k6's selector syntax: {@code http_req_duration}, {@code http_req_duration{name:checkout}},
     * {@code metric{tag:value, other:"quoted value"}}. A tag value may itself hold colons
     * ({@code group:::api}): only the first colon separates tag and value.
     *
     * @throws IllegalArgumentException naming what is wrong with the selector
     */
    public static SeriesKey parse(String selector) {
        String text = selector.strip();
        int open = text.indexOf('{');
        if (open < 0) {
            requireMetricName(text, selector);
            return of(text);
        }
        if (!text.endsWith("}")) {
            throw new IllegalArgumentException("tag filter of '" + selector + "' has no closing '}'");
        }
        String metric = text.substring(0, open).strip();
        requireMetricName(metric, selector);
        String body = text.substring(open + 1, text.length() - 1).strip();
        Map<String, String> filter = new TreeMap<>();
        if (body.isEmpty()) {
            throw new IllegalArgumentException("tag filter of '" + selector + "' is empty");
        }
        for (String pair : body.split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(
                        "tag filter '" + pair.strip() + "' of '" + selector + "' needs the form tag:value");
            }
            String tag = pair.substring(0, colon).strip();
            String value = unquote(pair.substring(colon + 1).strip());
            if (tag.isEmpty()) {
                throw new IllegalArgumentException("tag filter '" + pair.strip() + "' of '" + selector
                        + "' has no tag name");
            }
            if (filter.put(tag, value) != null) {
                throw new IllegalArgumentException("tag '" + tag + "' appears twice in '" + selector + "'");
            }
        }
        return new SeriesKey(metric, filter);
    }

    private static void requireMetricName(String metric, String selector) {
        if (metric.isEmpty()) {
            throw new IllegalArgumentException("'" + selector + "' has no metric name");
        }
        for (int i = 0; i < metric.length(); i++) {
            char c = metric.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-')) {
                throw new IllegalArgumentException("metric name '" + metric + "' may hold only letters, digits, "
                        + "'_', '.' and '-'");
            }
        }
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    public boolean isFiltered() {
        return !filter.isEmpty();
    }

    /** Whether a sample of {@code sampleMetric} with {@code tags} belongs to this series. */
    public boolean matches(String sampleMetric, Tags tags) {
        if (!metric.equals(sampleMetric)) {
            return false;
        }
        for (Map.Entry<String, String> wanted : filter.entrySet()) {
            if (!wanted.getValue().equals(tags.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** k6's spelling: {@code metric} or {@code metric{tag:value,tag2:value2}}. */
    @Override
    public String toString() {
        if (filter.isEmpty()) {
            return metric;
        }
        StringJoiner joined = new StringJoiner(",", metric + "{", "}");
        filter.forEach((tag, value) -> joined.add(tag + ":" + value));
        return joined.toString();
    }

    @Override
    public int compareTo(SeriesKey other) {
        return toString().compareTo(other.toString());
    }
}
