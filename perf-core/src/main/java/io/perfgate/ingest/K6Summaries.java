package io.perfgate.ingest;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/** What perfgate takes from a k6 summary besides its metrics: k6's own threshold verdicts, the test's duration. */
public final class K6Summaries {

    private K6Summaries() {
    }

    /**
     * How long k6's test ran, as the summary states it: {@code state.testRunDurationMs} in handleSummary
     * data; in a {@code --summary-export}, which has no such field, a counter's count divided by its rate,
     * which k6 computed over that duration. Empty when the summary holds neither.
     *
     * @param name the file as shown to the user
     * @throws BadInputException naming the file when it is not a k6 summary or cannot be read
     */
    public static OptionalDouble testRunSeconds(Path file, String name) {
        return read(file, name).durationSeconds();
    }

    /**
     * The verdict on every threshold the summary lists, sorted by series and expression. Reads either
     * a {@code --summary-export} file (where {@code true} means the threshold failed) or handleSummary
     * data ({@code "ok": false} means it failed); both come out as {@link K6ThresholdOutcome#passed()}.
     *
     * @throws BadInputException naming the file when it is not a k6 summary or cannot be read
     */
    public static List<K6ThresholdOutcome> thresholds(Path file) {
        return read(file, file.toString()).thresholds().stream()
                .sorted(Comparator.comparing(K6ThresholdOutcome::series).thenComparing(K6ThresholdOutcome::expression))
                .toList();
    }

    private static K6SummaryReader.Content read(Path file, String name) {
        ResultFormat format = ResultFormat.detect(file, name);
        if (!format.isSummary()) {
            throw new BadInputException(SourceLocation.ofFile(name), "is " + format.id()
                    + ", which is not a k6 summary: k6's threshold verdicts and test duration are in a"
                    + " --summary-export file or handleSummary data");
        }
        try (InputStream in = ResultFiles.open(file)) {
            return K6SummaryReader.read(in, name, format);
        } catch (IOException e) {
            throw ResultFiles.unreadable(name, e);
        }
    }
}
