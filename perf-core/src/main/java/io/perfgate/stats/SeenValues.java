package io.perfgate.stats;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Lists the values that were seen when the one asked for was not: spellings close to it first (so a
 * typo in a budget is easy to spot), then the rest alphabetically, e.g.
 * {@code checkout, cart, login, search, … (12 more)}.
 */
final class SeenValues {

    static final int LISTED = 10;

    private SeenValues() {
    }

    /**
     * @param seen      the values seen
     * @param wanted    the value asked for
     * @param truncated whether more values existed than were kept
     */
    static String list(Collection<String> seen, String wanted, boolean truncated) {
        int close = Math.max(2, wanted.length() / 3);
        List<String> sorted = seen.stream()
                .sorted(Comparator.comparingInt((String value) -> Math.min(distance(value, wanted), close + 1))
                        .thenComparing(Comparator.naturalOrder()))
                .toList();
        StringJoiner text = new StringJoiner(", ");
        sorted.stream().limit(LISTED).forEach(text::add);
        int more = sorted.size() - Math.min(LISTED, sorted.size());
        if (more > 0) {
            text.add("… (" + more + (truncated ? "+" : "") + " more)");
        } else if (truncated) {
            text.add("… (more not kept)");
        }
        return text.toString();
    }

    /** Levenshtein distance, for ordering suggestions only. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** A set that keeps at most {@code limit} values and remembers whether it had to drop some. */
    static final class Bounded {

        private final int limit;
        private final Set<String> values = new LinkedHashSet<>();
        private boolean truncated;

        Bounded(int limit) {
            this.limit = limit;
        }

        /**
         * A set holding {@code kept} in this order and having dropped values when {@code truncated}, as
         * {@link #values()} and {@link #truncated()} told; for {@link CollectorSnapshot}.
         *
         * @throws IllegalArgumentException when there are more values than the limit, or one twice
         */
        static Bounded restored(int limit, List<String> kept, boolean truncated) {
            Bounded restored = new Bounded(limit);
            restored.values.addAll(kept);
            if (restored.values.size() != kept.size() || kept.size() > limit) {
                throw new IllegalArgumentException("at most " + limit + " distinct tag values are kept, not " + kept);
            }
            restored.truncated = truncated;
            return restored;
        }

        void add(String value) {
            if (values.size() < limit) {
                values.add(value);
            } else if (!values.contains(value)) {
                truncated = true;
            }
        }

        void addAll(Bounded other) {
            other.values.forEach(this::add);
            truncated |= other.truncated;
        }

        Set<String> values() {
            return values;
        }

        boolean truncated() {
            return truncated;
        }
    }
}
