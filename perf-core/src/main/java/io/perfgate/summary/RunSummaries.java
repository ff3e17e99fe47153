package io.perfgate.summary;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.ingest.ResultSource;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.RunDuration;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where run summaries are made and used: {@link #follower} makes them while k6 runs; {@link #read} takes a
 * k6 run's results from its summary when the summary is there and fits, and reads the results file whole
 * when not. Results are the same either way.
 */
public final class RunSummaries {

    private RunSummaries() {
    }

    /**
     * Reads the results of one k6 run's NDJSON into {@code collector}, as {@link ResultIngest#readFile(Path,
     * String, ResultsCollector, OptionalDouble, int, Diagnostics)} does: from its summary
     * ({@link RunSummaryFile#beside}) when that summarises the file as it is now, for the series the collector
     * tracks, written by this perfgate; else from the file. One info line says which, and why.
     *
     * @param shown          the file as shown to the user
     * @param collector      an empty collector
     * @param testRunSeconds the test's duration as k6 stated it, if known: per-second rates divide by it
     * @param threads        the most threads that read the file when it is read
     * @throws BadInputException naming file, line and problem when the file is read and cannot be used
     */
    public static ResultSource read(Path resultsFile, String shown, ResultsCollector collector,
            OptionalDouble testRunSeconds, int threads, OptionSpelling spelling, Diagnostics diagnostics) {
        Path summaryFile = RunSummaryFile.beside(resultsFile);
        String summaryName = summaryFile.getFileName().toString();
        String unusable;
        if (!Files.isRegularFile(summaryFile)) {
            unusable = resultsFile.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")
                    ? "it is gzipped, which cannot be read while k6 writes it, so it has no run summary"
                    : "there is no run summary beside it (" + spelling.spell(Option.K6_RUN)
                            + " writes " + summaryName + " as k6 runs)";
        } else {
            try {
                RunSummary summary = fitting(resultsFile, summaryFile, collector);
                diagnostics.info(shown + " is taken from its run summary " + summaryName + ", which "
                        + spelling.spell(Option.K6_RUN) + " wrote while k6 ran");
                summary.collected().warnAsReadingDid(collector);
                for (Diagnostic message : summary.messages()) {
                    diagnostics.add(new Diagnostic(message.level(), shown + message.text()));
                }
                collector.addRunDuration(testRunSeconds.isPresent()
                        ? RunDuration.stated(testRunSeconds.getAsDouble()) : summary.collected().duration());
                return new ResultSource(shown, summary.format().id(), summary.collected().samples());
            } catch (UnusableSummaryException e) {
                unusable = "its run summary " + summaryName + " " + e.getMessage();
            }
        }
        diagnostics.info(shown + " is read whole: " + unusable);
        return ResultIngest.readFile(resultsFile, shown, collector, testRunSeconds, threads, diagnostics);
    }

    /**
     * The summary, restored into the collector, when it can be used for the file as it is now and the series
     * the collector tracks.
     *
     * @throws UnusableSummaryException saying why not; the collector is left empty then
     */
    private static RunSummary fitting(Path resultsFile, Path summaryFile, ResultsCollector collector) {
        RunSummary summary = RunSummaryFile.read(summaryFile);
        String mismatch = mismatch(summary, resultsFile, collector.tracked());
        if (mismatch != null) {
            throw new UnusableSummaryException(mismatch);
        }
        try {
            summary.collected().restoreInto(collector);
        } catch (IllegalArgumentException e) {
            throw new UnusableSummaryException("is not a run summary: " + e.getMessage(), e);
        }
        return summary;
    }

    /** Why the summary does not fit the file as it is now and the series tracked, or null when it does. */
    private static String mismatch(RunSummary summary, Path resultsFile, Set<SeriesKey> tracked) {
        if (!summary.resultsFile().equals(resultsFile.getFileName().toString())) {
            return "summarises " + summary.resultsFile() + ", not " + resultsFile.getFileName();
        }
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(resultsFile, BasicFileAttributes.class);
        } catch (IOException e) {
            return "cannot be checked against it (" + e.getMessage() + ")";
        }
        if (now.size() != summary.resultsBytes() || !now.lastModifiedTime().toInstant().equals(summary.resultsModified())) {
            return "is stale: it summarises " + summary.resultsBytes() + " bytes modified at "
                    + summary.resultsModified() + ", the file has " + now.size() + " bytes modified at "
                    + now.lastModifiedTime().toInstant();
        }
        Set<SeriesKey> kept = RunSummary.keptSeries(tracked);
        if (!kept.equals(summary.tracked())) {
            return "keeps the series the budget filtered by tags when k6 ran (" + names(summary.tracked())
                    + "), not those it filters by now (" + names(kept) + ")";
        }
        return null;
    }

    private static String names(Set<SeriesKey> keys) {
        return keys.isEmpty() ? "none" : String.join(", ", new TreeSet<>(keys).stream()
                .map(SeriesKey::toString).toList());
    }
}
