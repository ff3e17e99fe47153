package io.perfgate.ingest;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** k6's own threshold verdicts, read from a k6 summary. */
public final class K6Summaries {

    private K6Summaries() {
    }

    /**
     * The verdict on every threshold the summary lists, sorted by series and expression. Reads either
     * a {@code --summary-export} file (where {@code true} means the threshold failed) or handleSummary
     * data ({@code "ok": false} means it failed); both come out as {@link K6ThresholdOutcome#passed()}.
     *
     * @throws BadInputException naming the file when it is not a k6 summary or cannot be read
     */
    public static List<K6ThresholdOutcome> thresholds(Path file) {
        ResultFormat format = ResultFormat.detect(file);
        if (!format.isSummary()) {
            throw new BadInputException(SourceLocation.ofFile(file.toString()), "is " + format.id()
                    + ", which holds no k6 threshold verdicts; those are in a --summary-export file or handleSummary data");
        }
        try (InputStream in = ResultFiles.open(file)) {
            return K6SummaryReader.read(in, file.toString(), format).thresholds().stream()
                    .sorted(Comparator.comparing(K6ThresholdOutcome::series)
                            .thenComparing(K6ThresholdOutcome::expression))
                    .toList();
        } catch (IOException e) {
            throw ResultFiles.unreadable(file.toString(), e);
        }
    }
}
