package io.perfgate.ingest;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.RunDuration;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Reads results files of any supported {@link ResultFormat} and pools them into one result: samples
 * of the same series merge, run durations add up, and a pre-aggregated summary pooled with other
 * sources gives only the statistics that combine exactly (see {@link io.perfgate.stats.RunResults}).
 */
public final class ResultIngest {

    /**
     * The threads that read one file by default: as many as the machine has processors. A plain k6 NDJSON or
     * CSV JTL file is read in parts, one per thread, and a gzipped file is inflated on a thread of its own
     * while it is read; results are the same, bit for bit, for any number of threads.
     */
    public static final int DEFAULT_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private ResultIngest() {
    }

    /**
     * @param files       results files, each detected by content; gzipped files are read as well
     * @param tracked     the series the budget asks about; always kept exactly
     * @param diagnostics receives warnings (a cut-off last line, a capped name breakdown, ...)
     * @throws BadInputException naming file, line and problem when a file cannot be used
     */
    public static IngestedResults read(List<Path> files, Set<SeriesKey> tracked, Diagnostics diagnostics) {
        return read(files, tracked, DEFAULT_THREADS, diagnostics);
    }

    /**
     * As {@link #read(List, Set, Diagnostics)}, reading each file on at most {@code threads} threads.
     *
     * @param threads at least 1; 1 reads every file on the calling thread alone
     */
    public static IngestedResults read(List<Path> files, Set<SeriesKey> tracked, int threads,
            Diagnostics diagnostics) {
        requireThreads(threads);
        ResultsCollector pooled = new ResultsCollector(tracked, diagnostics);
        List<ResultSource> sources = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path file : files) {
            if (!seen.add(file.toAbsolutePath().normalize())) {
                diagnostics.warning(file + " is listed twice; it was read once");
                continue;
            }
            ResultsCollector part = pooled.emptyLike();
            sources.add(readFile(file, file.toString(), part, OptionalDouble.empty(), threads, diagnostics));
            try {
                pooled.merge(part);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(SourceLocation.ofFile(file.toString()),
                        "cannot be pooled with the files before it: " + e.getMessage(), e);
            }
        }
        return new IngestedResults(pooled.results(), sources);
    }

    /**
     * Reads one results file, of any supported format, into a collector of its own: the building block
     * for callers that keep the results of several runs apart and pool them themselves (with
     * {@link ResultsCollector#emptyLike()} and {@link ResultsCollector#merge}), reading each file once.
     *
     * @param collector   receives the file's samples or reported series and its run duration; best an
     *                    empty one, so an error in the file names the file and not what was pooled before
     * @param diagnostics receives warnings
     * @return the file as a source of the report
     * @throws BadInputException naming file, line and problem when the file cannot be used
     */
    public static ResultSource readFile(Path file, ResultsCollector collector, Diagnostics diagnostics) {
        return readFile(file, file.toString(), collector, diagnostics);
    }

    /**
     * As {@link #readFile(Path, ResultsCollector, Diagnostics)}, naming the file {@code name} in the source
     * and in every message, e.g. its path relative to a Jenkins workspace while it is read by its absolute
     * path.
     */
    public static ResultSource readFile(Path file, String name, ResultsCollector collector, Diagnostics diagnostics) {
        return readFile(file, name, collector, OptionalDouble.empty(), diagnostics);
    }

    /**
     * As {@link #readFile(Path, String, ResultsCollector, Diagnostics)}, for the samples of a run whose test
     * duration is known apart from them (k6 states it in the summary export it writes beside its NDJSON):
     * per-second rates then divide by that duration, as k6's own do, and not by the shorter span from the
     * first to the last sample.
     *
     * @param testRunSeconds the test's duration; empty when not known, and not used for a file that is a
     *                       summary itself
     */
    public static ResultSource readFile(Path file, String name, ResultsCollector collector,
            OptionalDouble testRunSeconds, Diagnostics diagnostics) {
        return readFile(file, name, collector, testRunSeconds, DEFAULT_THREADS, diagnostics);
    }

    /**
     * As {@link #readFile(Path, String, ResultsCollector, OptionalDouble, Diagnostics)}, on at most
     * {@code threads} threads: a plain k6 NDJSON or CSV JTL file of more than twice
     * {@link FileInParts#MIN_PART_BYTES} read into an empty collector is read in parts, one per thread, and a
     * gzipped file is inflated on a thread of its own while it is read. The results, warnings and errors are
     * the same for any number of threads.
     *
     * @param threads at least 1; 1 reads on the calling thread alone
     */
    public static ResultSource readFile(Path file, String name, ResultsCollector collector,
            OptionalDouble testRunSeconds, int threads, Diagnostics diagnostics) {
        requireThreads(threads);
        return readFile(file, name, collector, testRunSeconds,
                threads == 1 ? null : FileInParts.evenly(threads, FileInParts.MIN_PART_BYTES), diagnostics);
    }

    /**
     * As {@link #readFile(Path, String, ResultsCollector, OptionalDouble, int, Diagnostics)}.
     *
     * @param parts where a file that can be read in parts is cut; null to read on the calling thread alone
     */
    static ResultSource readFile(Path file, String name, ResultsCollector collector, OptionalDouble testRunSeconds,
            FileInParts.Plan parts, Diagnostics diagnostics) {
        ResultFormat format = ResultFormat.detect(file, name);
        long samples = readInto(file, name, format, collector, testRunSeconds, parts, diagnostics);
        return new ResultSource(name, format.id(), samples);
    }

    private static void requireThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
    }

    private static long readInto(Path file, String name, ResultFormat format, ResultsCollector collector,
            OptionalDouble testRunSeconds, FileInParts.Plan parts, Diagnostics diagnostics) {
        if (parts != null && collector.isEmpty() && (format == ResultFormat.K6_NDJSON
                || format == ResultFormat.JMETER_CSV) && !ResultFiles.isGzip(file)) {
            Optional<SourceReading> inParts = readInParts(file, name, format, collector, parts, diagnostics);
            if (inParts.isPresent()) {
                addRunDuration(collector, format, testRunSeconds, inParts.get());
                return inParts.get().samples();
            }
        }
        if (format == ResultFormat.JMETER_XML && collector.isEmpty()) {
            Optional<SourceReading> fromBytes = readXmlFromBytes(file, collector, parts != null);
            if (fromBytes.isPresent()) {
                addRunDuration(collector, format, testRunSeconds, fromBytes.get());
                return fromBytes.get().samples();
            }
        }
        try (InputStream in = ResultFiles.open(file, parts != null)) {
            return read(in, name, format, collector, testRunSeconds, diagnostics);
        } catch (IOException e) {
            throw ResultFiles.unreadable(name, e);
        }
    }

    /**
     * A JTL in XML as JMeter writes it, read from its bytes (see {@link JtlXmlBytes}) into an empty collector;
     * empty, the collector unchanged, when the file is to be read with the XML parser.
     */
    private static Optional<SourceReading> readXmlFromBytes(Path file, ResultsCollector collector,
            boolean inflateAhead) {
        ResultsCollector read = collector.emptyPart();
        JtlXmlBytes reader = new JtlXmlBytes(read);
        try (InputStream in = ResultFiles.open(file, inflateAhead)) {
            if (!reader.read(in)) {
                return Optional.empty();
            }
        } catch (IOException e) {
            return Optional.empty(); // the parser's reader tells it
        }
        if (read.nameCapReached()) {
            return Optional.empty(); // the parser's reader warns of it
        }
        collector.merge(read);
        return Optional.of(reader.reading());
    }

    private static Optional<SourceReading> readInParts(Path file, String name, ResultFormat format,
            ResultsCollector collector, FileInParts.Plan parts, Diagnostics diagnostics) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return format == ResultFormat.K6_NDJSON
                    ? K6NdjsonReader.readInParts(channel, parts, name, collector, diagnostics)
                    : JtlCsvReader.readInParts(channel, parts, name, collector, diagnostics);
        } catch (IOException e) {
            throw ResultFiles.unreadable(name, e);
        }
    }

    /**
     * Reads the content of one file of a known format from a stream, as {@link #readFile} reads the file:
     * for a file still being written, whose content is not there yet to be detected or sniffed.
     *
     * @param in     the content, inflated; read to its end, not closed
     * @param name   names the file in the source and in every message
     * @param format what the content is
     * @return the file as a source of the report
     * @throws BadInputException naming file, line and problem when the content cannot be used
     */
    public static ResultSource readStream(InputStream in, String name, ResultFormat format, ResultsCollector collector,
            Diagnostics diagnostics) {
        return new ResultSource(name, format.id(), read(in, name, format, collector, diagnostics));
    }

    /**
     * Reads the (already inflated) content of one file of a known format, as {@link #readFile} does;
     * returns the samples read.
     */
    static long read(InputStream in, String name, ResultFormat format, ResultsCollector collector,
            Diagnostics diagnostics) {
        try {
            return read(in, name, format, collector, OptionalDouble.empty(), diagnostics);
        } catch (IOException e) {
            throw ResultFiles.unreadable(name, e);
        }
    }

    private static long read(InputStream in, String name, ResultFormat format, ResultsCollector collector,
            OptionalDouble testRunSeconds, Diagnostics diagnostics) throws IOException {
        SourceReading reading = switch (format) {
            case K6_NDJSON -> K6NdjsonReader.read(in, name, collector, diagnostics);
            case JMETER_CSV -> JtlCsvReader.read(in, name, collector, diagnostics);
            case JMETER_XML -> JtlXmlReader.read(in, name, collector, diagnostics);
            case K6_SUMMARY_EXPORT, K6_HANDLE_SUMMARY -> readSummary(in, name, format, collector, diagnostics);
        };
        addRunDuration(collector, format, testRunSeconds, reading);
        return reading.samples();
    }

    private static void addRunDuration(ResultsCollector collector, ResultFormat format, OptionalDouble testRunSeconds,
            SourceReading reading) {
        collector.addRunDuration(testRunSeconds.isPresent() && !format.isSummary()
                ? RunDuration.stated(testRunSeconds.getAsDouble()) : reading.duration());
    }

    private static SourceReading readSummary(InputStream in, String name, ResultFormat format,
            ResultsCollector collector, Diagnostics diagnostics) throws IOException {
        K6SummaryReader.Content content = K6SummaryReader.read(in, name, format);
        try {
            content.series().forEach(collector::report);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(SourceLocation.ofFile(name), e.getMessage(), e);
        }
        if (content.durationSeconds().isEmpty()) {
            diagnostics.warning(name + ": tells no run duration (no counter with a rate), so per-second rates"
                    + " that depend on it are unavailable");
        }
        return new SourceReading(0, content.durationSeconds().isPresent()
                ? RunDuration.stated(content.durationSeconds().getAsDouble()) : RunDuration.NONE);
    }
}
