package io.perfgate.stats;

import java.util.List;
import java.util.Optional;

/** The ingested results of one or more load-test runs, ready to be queried by series. */
public interface RunResults {

    /** The statistics of a series, or empty when no sample matched it. */
    Optional<SeriesStatistics> series(SeriesKey key);

    /**
     * Why {@link #series} is empty for this key, for the user: e.g. {@code no sample has tag name=chekout
     * (values seen: checkout, search)}. Only called for keys without data.
     */
    String missingReason(SeriesKey key);

    /** The series shown in the per-series summary: each metric, and each metric by its {@code name} tag. */
    List<SeriesStatistics> summarySeries();

    /** How long the runs lasted, and how that is known; per-second rates divide by it. */
    RunDuration duration();

    /** {@link #duration()} in seconds. */
    default double durationSeconds() {
        return duration().seconds();
    }

    /**
     * For a rate metric such as {@code http_req_failed}, how many of the series' non-zero samples (failed
     * requests) carried each {@code status} tag value. Counted while reading for the whole metric and its
     * {@code name} breakdown only: other series, other metric types and pre-aggregated sources have none.
     */
    default Optional<StatusCounts> statuses(SeriesKey key) {
        return Optional.empty();
    }
}
