package io.perfgate.stats;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * The tags of one sample, e.g. {@code name=checkout, status=200}. Immutable, sorted by key.
 *
 * <p>Held as two sorted arrays with the hash computed once: a results file has millions of samples
 * but few distinct tag sets, so readers hand the same instance over and over and
 * {@link ResultsCollector} finds a sample's series by it in one hash lookup.
 */
public final class Tags {

    private static final String[] NONE = new String[0];
    private static final Tags EMPTY = new Tags(NONE, NONE);

    private final String[] keys;
    private final String[] values;
    private final int hash;

    private Tags(String[] keys, String[] values) {
        this.keys = keys;
        this.values = values;
        int h = 0;
        for (int i = 0; i < keys.length; i++) {
            h += keys[i].hashCode() ^ Objects.hashCode(values[i]); // Map.Entry's hash, so this is Map's hash
        }
        this.hash = h;
    }

    public static Tags empty() {
        return EMPTY;
    }

    /** @throws NullPointerException when a key is null */
    public static Tags of(Map<String, String> values) {
        int size = values.size();
        if (size == 0) {
            return EMPTY;
        }
        String[] keys = new String[size];
        int i = 0;
        for (String key : values.keySet()) {
            keys[i++] = Objects.requireNonNull(key, "tag name");
        }
        Arrays.sort(keys);
        String[] sortedValues = new String[size];
        for (i = 0; i < size; i++) {
            sortedValues[i] = values.get(keys[i]);
        }
        return new Tags(keys, sortedValues);
    }

    public String get(String key) {
        for (int i = 0; i < keys.length; i++) {
            String candidate = keys[i];
            if (candidate == key || candidate.equals(key)) {
                return values[i];
            }
        }
        return null;
    }

    /** The tags as an unmodifiable map, iterated in key order. */
    public Map<String, String> asMap() {
        return new View();
    }

    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        return other instanceof Tags tags && hash == tags.hash && Arrays.equals(keys, tags.keys)
                && Arrays.equals(values, tags.values);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** {@code {name=checkout, status=200}}. */
    @Override
    public String toString() {
        return asMap().toString();
    }

    /** A read-only map over the two arrays. */
    private final class View extends AbstractMap<String, String> {

        @Override
        public String get(Object key) {
            return key instanceof String name ? Tags.this.get(name) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && Arrays.binarySearch(keys, name) >= 0;
        }

        @Override
        public int size() {
            return keys.length;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<String, String>> iterator() {
                    return new Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < keys.length;
                        }

                        @Override
                        public Entry<String, String> next() {
                            if (next >= keys.length) {
                                throw new NoSuchElementException();
                            }
                            int i = next++;
                            return new SimpleImmutableEntry<>(keys[i], values[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return keys.length;
                }
            };
        }
    }
}
