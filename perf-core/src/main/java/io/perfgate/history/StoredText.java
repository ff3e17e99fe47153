package io.perfgate.history;

import io.perfgate.stats.SeriesKey;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Text as every store keeps it. PostgreSQL's text and jsonb cannot hold U+0000, and an unpaired surrogate
 * (valid in JSON, e.g. a k6 tag {@code "a\ud800b"}) cannot be written as UTF-8. Each such character becomes
 * {@code '?'}, as in the report files, which replace what UTF-8 cannot encode the same way: a run is never
 * refused for its text, and every store keeps the same value. Every value that enters the history or
 * looks something up in it passes through here, so a run recorded with such text is found by the same
 * text again.
 */
final class StoredText {

    /** What replaces a character no store can keep; what the report files' UTF-8 encoder writes too. */
    static final char REPLACEMENT = '?';

    private StoredText() {
    }

    /** A required value: not blank, as every store keeps it. */
    static String required(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return storable(value, field);
    }

    /** Any value, blank included, as every store keeps it. */
    static String storable(String value, String field) {
        Objects.requireNonNull(value, field);
        StringBuilder kept = null;
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                if (kept != null) {
                    kept.append(c).append(value.charAt(i + 1));
                }
                i++;
                continue;
            }
            boolean storable = c != '\u0000' && !Character.isSurrogate(c);
            if (kept == null && !storable) {
                kept = new StringBuilder(length).append(value, 0, i);
            }
            if (kept != null) {
                kept.append(storable ? c : REPLACEMENT);
            }
        }
        return kept == null ? value : kept.toString();
    }

    /** A series key whose metric and tags every store keeps as they are given here. */
    static SeriesKey seriesKey(SeriesKey key) {
        Objects.requireNonNull(key, "series");
        String metric = required(key.metric(), "series metric");
        boolean changed = !metric.equals(key.metric());
        Map<String, String> filter = new TreeMap<>();
        for (Map.Entry<String, String> tag : key.filter().entrySet()) {
            String name = required(tag.getKey(), "tag name of " + key.metric());
            String value = storable(tag.getValue(), "tag " + tag.getKey() + " of " + key.metric());
            changed |= !name.equals(tag.getKey()) || !value.equals(tag.getValue());
            if (filter.put(name, value) != null) {
                throw new IllegalArgumentException("tags of " + key.metric() + " differ only in characters no"
                        + " store can keep: " + key.filter().keySet());
            }
        }
        return changed ? new SeriesKey(metric, filter) : key;
    }
}
