package io.perfgate.model;

import io.perfgate.budget.Budget;
import io.perfgate.stats.SeriesKey;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The series a run's results are read for: those the budget's lines judge and, behind every HTTP latency they
 * judge, the timing phases and failed requests with the same tag filter, which explain a broken line. Reading
 * the results and summarising them while k6 writes them keep the same set, so a summary fits the gate.
 */
public final class KeptSeries {

    static final String DURATION = "http_req_duration";
    static final String FAILED = "http_req_failed";

    private KeptSeries() {
    }

    /** Every series the results are read for under {@code budget}. */
    public static Set<SeriesKey> of(Budget budget) {
        Set<SeriesKey> keys = new TreeSet<>(budget.series());
        keys.addAll(explaining(budget.series()));
        return keys;
    }

    /** The phases and failures behind each HTTP latency among {@code judged}, in its order. */
    public static Set<SeriesKey> explaining(Collection<SeriesKey> judged) {
        Set<SeriesKey> keys = new LinkedHashSet<>();
        for (SeriesKey series : judged) {
            if (series.metric().equals(DURATION)) {
                PhaseSplit.PHASE_METRICS.forEach(phase -> keys.add(new SeriesKey(phase, series.filter())));
                keys.add(new SeriesKey(FAILED, series.filter()));
            }
        }
        return keys;
    }
}
