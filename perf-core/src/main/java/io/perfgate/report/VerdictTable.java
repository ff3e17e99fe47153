package io.perfgate.report;

import io.perfgate.model.Explanation;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.UntrustedText;
import io.perfgate.model.Verdict;
import io.perfgate.model.VerdictWording;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict as plain text for a console such as the Maven log: one row per budget line in the
 * budget's order (verdict, series, expression, observed value), the sentence below each line that
 * did not pass with what changed behind it (each on a line starting {@code - }), and a closing line such as
 * {@code perfgate: FAILED - 2 failed, 1 warning, 6 passed (9 budget lines)}. Column widths follow
 * the content only, so the same report gives the same text.
 */
public final class VerdictTable {

    /** Longer cells are cut so one long name cannot push every row off the screen. */
    static final int MAX_CELL_CODE_POINTS = 80;

    /** Shown where a line has no observed value. */
    static final String NO_VALUE = "n/a";

    private static final List<String> HEADERS = List.of("VERDICT", "SERIES", "THRESHOLD", "OBSERVED");
    private static final String GAP = "  ";
    /** Starts each line that says what changed behind a broken line, below its sentence. */
    static final String EXPLANATION_MARK = "- ";

    private VerdictTable() {
    }

    /** The table as text, one line per {@link #lines} entry. */
    public static String render(GateReport report) {
        StringBuilder text = new StringBuilder();
        lines(report).forEach(line -> text.append(line.text()).append('\n'));
        return text.toString();
    }

    /**
     * The table's lines: the header at {@link Verdict#PASS}, each row and its sentence at the row's
     * verdict, the closing line at the gate's.
     */
    public static List<TableLine> lines(GateReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (LineResult result : report.lines()) {
            rows.add(List.of(
                    VerdictWording.label(result.verdict()),
                    cell(result.line().subject()),
                    cell(result.line().expression()),
                    cell(ReportCells.observed(result, NO_VALUE))));
        }
        int[] widths = new int[HEADERS.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = width(HEADERS.get(column));
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], width(row.get(column)));
            }
        }

        List<TableLine> table = new ArrayList<>();
        if (!rows.isEmpty()) {
            table.add(new TableLine(Verdict.PASS, row(HEADERS, widths)));
            String indent = " ".repeat(widths[0] + GAP.length());
            for (int i = 0; i < rows.size(); i++) {
                LineResult result = report.lines().get(i);
                table.add(new TableLine(result.verdict(), row(rows.get(i), widths)));
                if (result.verdict() != Verdict.PASS) {
                    table.add(new TableLine(result.verdict(), indent + UntrustedText.oneLine(result.sentence())));
                    for (Explanation explanation : result.explanations()) {
                        table.add(new TableLine(result.verdict(), indent + EXPLANATION_MARK
                                + UntrustedText.oneLine(explanation.sentence())));
                    }
                }
            }
        }
        table.add(new TableLine(report.verdict(), "perfgate: " + VerdictWording.gateStatus(report.verdict()) + " - "
                + VerdictWording.counts(report) + " (" + VerdictWording.lines(report.lines().size()) + ")"));
        return List.copyOf(table);
    }

    private static String row(List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < row.size(); column++) {
            String value = row.get(column);
            line.append(value);
            if (column < row.size() - 1) {
                line.append(" ".repeat(widths[column] - width(value))).append(GAP);
            }
        }
        return line.toString();
    }

    private static String cell(String text) {
        return UntrustedText.shorten(UntrustedText.oneLine(text), MAX_CELL_CODE_POINTS);
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
