package io.perfgate.gate;

import io.perfgate.model.GateDecision;
import io.perfgate.model.GateReport;
import io.perfgate.report.TableLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The result of one gate evaluation.
 *
 * @param report      what was found
 * @param reportFiles the reports written
 * @param table       the verdict table for a console, each line with the verdict to log it at
 * @param decision    what the report means for the build, and the message to show
 */
public record GateOutcome(GateReport report, List<Path> reportFiles, List<TableLine> table, GateDecision decision) {

    public GateOutcome {
        Objects.requireNonNull(report, "report");
        reportFiles = List.copyOf(reportFiles);
        table = List.copyOf(table);
        Objects.requireNonNull(decision, "decision");
    }
}
