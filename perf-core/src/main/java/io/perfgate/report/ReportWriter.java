package io.perfgate.report;

import io.perfgate.model.GateReport;
import java.io.IOException;
import java.io.Writer;

/**
 * Renders a {@link GateReport} as one report file. Writers read no clock and no environment, so the
 * same report always gives the same bytes. The caller owns {@code out}: it is flushed, never closed,
 * and must encode UTF-8, which the XML declaration and the HTML meta tag announce.
 */
public interface ReportWriter {

    /** The file name this writer's output is saved under, e.g. {@code perf-report.json}. */
    String fileName();

    void write(GateReport report, Writer out) throws IOException;
}
