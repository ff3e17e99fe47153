package io.perfgate.summary;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.ResultFormat;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.ingest.ResultSource;
import io.perfgate.run.ResultsFollower;
import io.perfgate.stats.CollectorSnapshot;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads each k6 run's NDJSON while k6 writes it, into the collector the gate uses with the series the budget
 * names, and leaves the {@link RunSummary} beside it ({@link RunSummaryFile#beside}) once k6 is gone and the
 * file is read to its end; a last line cut off when k6 was killed is taken as reading the finished file
 * takes it. Memory is what reading the file once takes: the reader's buffer and the collector.
 *
 * <p>What cannot be followed leaves no summary, and the gate reads the file whole: a gzipped file, one
 * truncated or replaced while it was read, one that changed after, or content the gate's reading refuses
 * (it names the problem then). One line to the log says so, with the reason.
 */
public final class ResultsFollowing implements ResultsFollower {

    /** How long to wait at the end of what k6 wrote so far; k6 writes its output about once a second. */
    static final Duration PAUSE = Duration.ofMillis(100);

    private final Set<SeriesKey> tracked;
    private final Consumer<String> log;
    private final Duration pause;

    /**
     * @param tracked the series the budget names, as the gate will track them
     * @param log     receives one line per run: where its summary is, or why there is none
     */
    public ResultsFollowing(Set<SeriesKey> tracked, Consumer<String> log) {
        this(tracked, log, PAUSE);
    }

    ResultsFollowing(Set<SeriesKey> tracked, Consumer<String> log, Duration pause) {
        this.tracked = Set.copyOf(tracked);
        this.log = Objects.requireNonNull(log, "log");
        this.pause = Objects.requireNonNull(pause, "pause");
    }

    @Override
    public Following start(Path resultsFile, String run, BooleanSupplier k6Exited) {
        Followed followed = new Followed(resultsFile, run, new GrowingFile(resultsFile, k6Exited, pause));
        followed.thread.start();
        return followed;
    }

    /**
     * Reads a results file that is complete and writes its summary, as following it would have: for files made
     * otherwise, and to measure.
     *
     * @return the summary written
     * @throws UnusableSummaryException saying why the file has no summary
     */
    public static Path summarise(Path resultsFile, Set<SeriesKey> tracked) {
        List<String> lines = new ArrayList<>();
        ResultsFollowing following = new ResultsFollowing(tracked, lines::add);
        Followed followed = following.new Followed(resultsFile, resultsFile.getFileName().toString(),
                new GrowingFile(resultsFile, () -> true, PAUSE));
        followed.run();
        Path summary = followed.conclude();
        if (summary == null) {
            throw new UnusableSummaryException(String.join("; ", lines));
        }
        return summary;
    }

    /** One file being followed, on a thread of its own. */
    private final class Followed implements Following, Runnable {

        private final Path file;
        private final String run;
        private final GrowingFile in;
        private final Thread thread;
        private final ResultsCollector collector = new ResultsCollector(tracked, new Diagnostics());
        private final Diagnostics reading = new Diagnostics();
        private volatile ResultSource source;
        private volatile String notFollowed;

        Followed(Path file, String run, GrowingFile in) {
            this.file = file;
            this.run = run;
            this.in = in;
            this.thread = new Thread(this, "k6-results " + run);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try (GrowingFile content = in) {
                // The warning about a full name breakdown is the collector's, told again from the summary.
                source = ResultIngest.readStream(content, file.toString(), ResultFormat.K6_NDJSON, collector, reading);
            } catch (BadInputException e) {
                notFollowed = reason(e);
            } catch (IOException | RuntimeException e) {
                notFollowed = e.getMessage();
            }
        }

        private String reason(BadInputException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof GrowingFile.NotFollowedException || cause instanceof InterruptedIOException) {
                    return cause.getMessage();
                }
            }
            return "reading it gave: " + e.getMessage();
        }

        @Override
        public void finish() {
            try {
                thread.join();
            } catch (InterruptedException e) {
                cancel();
                Thread.currentThread().interrupt();
                return;
            }
            conclude();
        }

        @Override
        public void cancel() {
            in.cancel();
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Writes the summary when the file was read to its end as it now is; logs the outcome. */
        Path conclude() {
            Path summaryFile = RunSummaryFile.beside(file);
            if (!in.opened()) {
                return null; // k6 wrote nothing; the gate says what is missing
            }
            if (notFollowed == null) {
                notFollowed = unchangedSince();
            }
            if (notFollowed != null) {
                log.accept("the results of " + run + " were not summarised while k6 wrote them: " + notFollowed
                        + "; the gate reads " + file.getFileName() + " whole");
                return null;
            }
            try {
                RunSummaryFile.write(summary(), summaryFile);
            } catch (UncheckedIOException | IllegalArgumentException e) {
                log.accept("the results of " + run + " were read while k6 wrote them, but their summary could not be"
                        + " written (" + e.getMessage() + "); the gate reads " + file.getFileName() + " whole");
                return null;
            }
            log.accept("read the results of " + run + " while k6 wrote them (" + source.samples() + " samples); the"
                    + " gate takes them from " + summaryFile);
            return summaryFile;
        }

        /** Null when the file is as it was read, and what the gate reads as k6 NDJSON; else why not. */
        private String unchangedSince() {
            try {
                BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
                if (now.size() != in.position() || in.fileKey() != null && !in.fileKey().equals(now.fileKey())) {
                    return "it changed after it was read (" + in.position() + " bytes read, " + now.size()
                            + " there now)";
                }
                ResultFormat format = ResultFormat.detect(file);
                if (format != ResultFormat.K6_NDJSON) {
                    return "it is no k6 NDJSON but " + format.id();
                }
            } catch (IOException e) {
                return "it cannot be looked at any more (" + e.getMessage() + ")";
            } catch (BadInputException e) {
                return "reading it gave: " + e.getMessage();
            }
            if (collector.sampleCount() != source.samples()) {
                return "its " + source.samples() + " samples are not the collector's " + collector.sampleCount();
            }
            return null;
        }

        private RunSummary summary() {
            String name = file.toString();
            List<Diagnostic> messages = new ArrayList<>();
            for (Diagnostic message : reading.all()) {
                if (!message.text().startsWith(name)) {
                    throw new IllegalArgumentException("a message of reading it does not start with its name: "
                            + message.text());
                }
                messages.add(new Diagnostic(message.level(), message.text().substring(name.length())));
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new RunSummary(PerfgateVersion.current(), file.getFileName().toString(), attributes.size(),
                    attributes.lastModifiedTime().toInstant(), ResultFormat.K6_NDJSON, tracked, messages,
                    CollectorSnapshot.of(collector));
        }
    }
}
