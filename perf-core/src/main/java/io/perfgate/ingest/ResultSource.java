package io.perfgate.ingest;

import java.util.Objects;

/**
 * One results file that went into the report.
 *
 * @param path    the file, as shown to the user
 * @param format  what it was read as, e.g. {@code k6-ndjson}, {@code jmeter-csv}
 * @param samples samples read from it (0 for pre-aggregated summaries)
 */
public record ResultSource(String path, String format, long samples) {

    public ResultSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(format, "format");
    }
}
