package io.perfgate.ingest;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.ResultsDump;
import io.perfgate.stats.SeriesKey;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Everything reading one results file gives, as text for comparing readings bit for bit: the source, the
 * results (see {@link ResultsDump}) and every message, or the error and the messages before it.
 */
final class ReadingOutcome {

    private ReadingOutcome() {
    }

    /**
     * The outcome of reading the (uncompressed) file as a stream of the format it is detected as: for a JTL in
     * XML, with the JDK's XML parser only.
     */
    static String ofStream(Path file, Set<SeriesKey> tracked) {
        Diagnostics diagnostics = new Diagnostics();
        ResultsCollector collector = new ResultsCollector(tracked, diagnostics);
        StringBuilder text = new StringBuilder();
        String name = file.getFileName().toString();
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            ResultFormat format = ResultFormat.detect(file, name);
            long samples = ResultIngest.read(in, name, format, collector, diagnostics);
            text.append(new ResultSource(name, format.id(), samples)).append('\n')
                    .append(ResultsDump.of(collector.results(), tracked));
        } catch (BadInputException e) {
            text.append("error: ").append(e.getMessage()).append('\n');
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (Diagnostic message : diagnostics.all()) {
            text.append(message.level()).append(": ").append(message.text()).append('\n');
        }
        return text.toString();
    }

    /**
     * @param parts where the file is cut to be read in parts; null to read it on one thread
     */
    static String of(Path file, Set<SeriesKey> tracked, FileInParts.Plan parts) {
        Diagnostics diagnostics = new Diagnostics();
        ResultsCollector collector = new ResultsCollector(tracked, diagnostics);
        StringBuilder text = new StringBuilder();
        try {
            ResultSource source = ResultIngest.readFile(file, file.getFileName().toString(), collector,
                    OptionalDouble.empty(), parts, diagnostics);
            text.append(source).append('\n').append(ResultsDump.of(collector.results(), tracked));
        } catch (BadInputException e) {
            text.append("error: ").append(e.getMessage()).append('\n');
        }
        for (Diagnostic message : diagnostics.all()) {
            text.append(message.level()).append(": ").append(message.text()).append('\n');
        }
        return text.toString();
    }
}
