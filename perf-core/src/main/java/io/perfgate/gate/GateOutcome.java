package io.perfgate.gate;

import io.perfgate.report.GateReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The result of one gate evaluation.
 *
 * @param report      what was found
 * @param reportFiles the reports written
 * @param table       the verdict table for a console, one line per budget line
 */
public record GateOutcome(GateReport report, List<Path> reportFiles, String table) {

    public GateOutcome {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(table, "table");
        reportFiles = List.copyOf(reportFiles);
    }
}
