package io.perfgate.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Results built from explicit values: {@code summary} are the rows of the per-series summary,
 * {@code others} further series that only {@link #series} finds (as a tag filter a budget asked for).
 */
public record FixedResults(double durationSeconds, List<SeriesStatistics> summary, List<SeriesStatistics> others)
        implements RunResults {

    public FixedResults {
        summary = List.copyOf(summary);
        others = List.copyOf(others);
    }

    public static FixedResults of(SeriesStatistics... series) {
        return new FixedResults(10, List.of(series), List.of());
    }

    @Override
    public Optional<SeriesStatistics> series(SeriesKey key) {
        List<SeriesStatistics> all = new ArrayList<>(summary);
        all.addAll(others);
        return all.stream().filter(series -> series.key().equals(key)).findFirst();
    }

    @Override
    public String missingReason(SeriesKey key) {
        return "no sample of " + key + " in the fixed results";
    }

    @Override
    public RunDuration duration() {
        return RunDuration.stated(durationSeconds);
    }

    @Override
    public List<SeriesStatistics> summarySeries() {
        return summary;
    }
}
