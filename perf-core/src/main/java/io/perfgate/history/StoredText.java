package io.perfgate.history;

import io.perfgate.stats.SeriesKey;
import java.util.Map;
import java.util.Objects;

/**
 * Checks text before it is stored. PostgreSQL's text and jsonb cannot hold U+0000, and an unpaired
 * surrogate cannot be written as UTF-8, so both are refused up front, naming the field, rather than
 * failing in one store and not in the other.
 */
final class StoredText {

    private StoredText() {
    }

    /** A required value: not blank, storable. */
    static String required(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return storable(value, field);
    }

    /** Any value, blank included, that every store can keep unchanged. */
    static String storable(String value, String field) {
        Objects.requireNonNull(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                throw new IllegalArgumentException(field + " holds a NUL character (U+0000), which cannot be stored");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException(field + " holds an unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(field + " holds an unpaired surrogate at index " + i);
            }
        }
        return value;
    }

    /** A series key whose metric and tags every store can keep. */
    static SeriesKey seriesKey(SeriesKey key) {
        required(key.metric(), "series metric");
        for (Map.Entry<String, String> tag : key.filter().entrySet()) {
            required(tag.getKey(), "tag name of " + key.metric());
            storable(tag.getValue(), "tag " + tag.getKey() + " of " + key.metric());
        }
        return key;
    }
}
