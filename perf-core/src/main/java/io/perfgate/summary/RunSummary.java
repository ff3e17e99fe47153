package io.perfgate.summary;

import io.perfgate.diag.Diagnostic;
import io.perfgate.ingest.ResultFormat;
import io.perfgate.stats.CollectorSnapshot;
import io.perfgate.stats.SeriesKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What reading one k6 run's results file gave, kept beside the file so that the gate takes it instead of
 * reading the file again: the collector's state, the samples and duration, the messages reading gave, and
 * what it is valid for (the file as it was, the series kept exactly, the perfgate that wrote it). See
 * {@link RunSummaryFile} for the file and {@link RunSummaries} for when it is used.
 *
 * @param perfgateVersion the perfgate that wrote it
 * @param resultsFile     the name of the results file it summarises, in the same folder
 * @param resultsBytes    the results file's size when it was read to its end
 * @param resultsModified the results file's modification time then
 * @param format          what the results file is
 * @param tracked         the series kept exactly because the budget named them: those with a tag filter (the
 *                        others are kept whatever the budget says)
 * @param messages        what reading gave besides the results, each without the file's name that starts it
 * @param collected       the results read
 */
public record RunSummary(String perfgateVersion, String resultsFile, long resultsBytes, Instant resultsModified,
        ResultFormat format, Set<SeriesKey> tracked, List<Diagnostic> messages, CollectorSnapshot collected) {

    public RunSummary {
        Objects.requireNonNull(perfgateVersion, "perfgateVersion");
        Objects.requireNonNull(resultsFile, "resultsFile");
        Objects.requireNonNull(resultsModified, "resultsModified");
        Objects.requireNonNull(format, "format");
        tracked = keptSeries(tracked);
        messages = List.copyOf(messages);
        Objects.requireNonNull(collected, "collected");
        if (resultsBytes < 0) {
            throw new IllegalArgumentException("resultsBytes must be 0 or more, was " + resultsBytes);
        }
    }

    /**
     * Of the series a budget names, those a collector keeps only because they are named: the ones with a tag
     * filter. A summary holds exactly what a gate tracking the same of them would read.
     */
    public static Set<SeriesKey> keptSeries(Set<SeriesKey> named) {
        Set<SeriesKey> kept = new TreeSet<>();
        named.stream().filter(SeriesKey::isFiltered).forEach(kept::add);
        return Set.copyOf(kept);
    }
}
