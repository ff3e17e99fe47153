package io.perfgate.stats;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** The tags of one sample, e.g. {@code name=checkout, status=200}. Immutable, sorted by key. */
public final class Tags {

    private static final Tags EMPTY = new Tags(new TreeMap<>());

    private final TreeMap<String, String> values;

    private Tags(TreeMap<String, String> values) {
        this.values = values;
    }

    public static Tags empty() {
        return EMPTY;
    }

    public static Tags of(Map<String, String> values) {
        return values.isEmpty() ? EMPTY : new Tags(new TreeMap<>(values));
    }

    public String get(String key) {
        return values.get(key);
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Tags tags && values.equals(tags.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
