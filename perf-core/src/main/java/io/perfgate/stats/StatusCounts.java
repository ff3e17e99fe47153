package io.perfgate.stats;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many non-zero samples of a rate metric carried each value of the {@code status} tag: for
 * {@code http_req_failed}, the failed requests by HTTP status ({@code 503}, {@code 0} for no response).
 * At most {@value #STATUSES_KEPT} status values are told apart; samples of further values count as
 * {@link #others()}, so memory stays bounded whatever the results hold. Not thread-safe.
 */
public final class StatusCounts {

    /** The tag counted. */
    public static final String STATUS_TAG = "status";
    /** Most status values told apart. */
    static final int STATUSES_KEPT = 100;

    private final Map<String, Long> byStatus = new HashMap<>();
    private long others;

    void add(String status, long count) {
        Long known = byStatus.get(status);
        if (known != null || byStatus.size() < STATUSES_KEPT) {
            byStatus.put(status, (known == null ? 0 : known) + count);
        } else {
            others += count;
        }
    }

    void merge(StatusCounts other) {
        other.byStatus.forEach(this::add);
        others += other.others;
    }

    /** Each status value with its count, most first, then by value. */
    public Map<String, Long> byStatus() {
        Map<String, Long> sorted = new LinkedHashMap<>();
        byStatus.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    /** Samples of status values beyond the {@value #STATUSES_KEPT} told apart. */
    public long others() {
        return others;
    }

    /** Counts as a snapshot kept them: at most {@value #STATUSES_KEPT} values, so all are told apart again. */
    static StatusCounts restored(Map<String, Long> byStatus, long others) {
        StatusCounts restored = new StatusCounts();
        byStatus.forEach(restored::add);
        restored.others = others;
        return restored;
    }

    StatusCounts copy() {
        StatusCounts copy = new StatusCounts();
        copy.merge(this);
        return copy;
    }
}
