package io.perfgate.report;

import io.perfgate.model.GateReport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes every report of a gate evaluation into one folder. Each file is written to a temporary
 * file beside it and then moved into place, so a reader (a CI server collecting artifacts, a
 * second build) never sees half a report.
 */
public final class ReportFiles {

    /** In the order they are written: JSON, JUnit XML, Markdown, HTML. */
    public static final List<ReportWriter> WRITERS = List.of(new JsonReportWriter(), new JunitReportWriter(),
            new MarkdownReportWriter(), new HtmlReportWriter());

    private ReportFiles() {
    }

    /**
     * Writes {@code perf-report.json}, {@code perf-junit.xml}, {@code perf-report.md} and
     * {@code perf-report.html} in UTF-8, creating {@code directory} when needed.
     *
     * @return the files written, in {@link #WRITERS} order
     * @throws UncheckedIOException naming the file that could not be written
     */
    public static List<Path> writeAll(GateReport report, Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create report folder " + directory + ": " + e.getMessage(), e);
        }
        List<Path> written = new ArrayList<>();
        for (ReportWriter writer : WRITERS) {
            written.add(write(report, writer, directory.resolve(writer.fileName())));
        }
        return List.copyOf(written);
    }

    private static Path write(GateReport report, ReportWriter writer, Path target) {
        Path temporary = null;
        try {
            // Not Files.createTempFile: it makes the file private to the owner, and reports are for
            // whoever collects the build's artifacts.
            temporary = target.resolveSibling("." + writer.fileName() + "." + UUID.randomUUID() + ".tmp");
            // A lone surrogate (valid in JSON input, e.g. a k6 tag "a\ud800b") cannot be encoded; it becomes
            // U+FFFD's stand-in rather than costing the build its reports.
            CharsetEncoder utf8 = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temporary,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), utf8))) {
                writer.write(report, out);
            }
            move(temporary, target);
            return target;
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private static void move(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Best effort: the write already failed, and that failure is what the user needs to see. */
    private static void deleteQuietly(Path temporary) {
        if (temporary == null) {
            return;
        }
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException ignored) {
            // the original failure is reported instead
        }
    }
}
