package io.perfgate.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict as plain text for a console such as the Maven log: one row per budget line in the
 * budget's order (verdict, series, expression, observed value), the sentence below each line that
 * did not pass, and a closing line such as
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

    private VerdictTable() {
    }

    public static String render(GateReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (LineResult result : report.lines()) {
            rows.add(List.of(
                    VerdictWording.label(result.verdict()),
                    cell(result.line().series().toString()),
                    cell(result.line().threshold().expression()),
                    cell(ReportCells.observed(result, NO_VALUE))));
        }
        int[] widths = new int[HEADERS.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = width(HEADERS.get(column));
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], width(row.get(column)));
            }
        }

        StringBuilder table = new StringBuilder();
        if (!rows.isEmpty()) {
            appendRow(table, HEADERS, widths);
            String indent = " ".repeat(widths[0] + GAP.length());
            for (int i = 0; i < rows.size(); i++) {
                appendRow(table, rows.get(i), widths);
                LineResult result = report.lines().get(i);
                if (result.verdict() != Verdict.PASS) {
                    table.append(indent).append(UntrustedText.oneLine(result.sentence())).append('\n');
                }
            }
        }
        table.append("perfgate: ").append(VerdictWording.gateStatus(report.verdict())).append(" - ")
                .append(VerdictWording.counts(report)).append(" (")
                .append(VerdictWording.lines(report.lines().size())).append(")\n");
        return table.toString();
    }

    private static void appendRow(StringBuilder table, List<String> row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < row.size(); column++) {
            String value = row.get(column);
            line.append(value);
            if (column < row.size() - 1) {
                line.append(" ".repeat(widths[column] - width(value))).append(GAP);
            }
        }
        table.append(line).append('\n');
    }

    private static String cell(String text) {
        return UntrustedText.shorten(UntrustedText.oneLine(text), MAX_CELL_CODE_POINTS);
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
