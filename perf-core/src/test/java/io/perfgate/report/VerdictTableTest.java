package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostic;
import io.perfgate.model.GateReport;
import io.perfgate.model.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerdictTableTest {

    @Test
    void shouldWriteOneRowPerLineInBudgetOrderWithSentencesForLinesThatDidNotPass() {
        List<String> rows = VerdictTable.render(TestReports.realistic()).lines().toList();

        assertThat(rows.get(0)).startsWith("VERDICT  SERIES");
        assertThat(rows).filteredOn(row -> row.matches("^(PASS|WARN|FAIL|ERROR) .*"))
                .extracting(row -> row.substring(0, row.indexOf(' ')))
                .containsExactly("PASS", "FAIL", "WARN", "FAIL", "ERROR", "PASS", "PASS", "PASS", "FAIL", "FAIL");
        assertThat(rows.get(2)).isEqualTo("FAIL     http_req_duration{name:checkout}  p(95)<300               612.4 ms");
        assertThat(rows.get(3))
                .isEqualTo("         http_req_duration{name:checkout} p(95) is 612.4 ms, but the budget is < 300 ms");
        assertThat(rows).filteredOn(row -> row.startsWith("         ") && !row.startsWith("         - ")).hasSize(6);
        assertThat(rows.get(4)).as("what changed, below the sentence").isEqualTo("         - "
                + TestReports.checkoutPhases().sentence());
        assertThat(rows.get(5)).isEqualTo("         - " + TestReports.checkoutFailures().sentence());
        assertThat(rows).contains("ERROR    http_req_duration{name:slow}      p(99)<50                n/a");
        assertThat(rows.get(rows.size() - 1))
                .isEqualTo("perfgate: ERROR - 4 failed, 1 undecided, 1 warning, 4 passed (10 budget lines)");
    }

    @Test
    void shouldAlignColumnsToTheWidestCell() {
        List<String> rows = VerdictTable.render(TestReports.realistic()).lines()
                .filter(row -> !row.startsWith(" ") && !row.startsWith("perfgate:")).toList();

        int thresholdColumn = rows.get(0).indexOf("THRESHOLD");
        int observedColumn = rows.get(0).indexOf("OBSERVED");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.charAt(thresholdColumn - 1)).isEqualTo(' ');
            assertThat(row.charAt(thresholdColumn)).isNotEqualTo(' ');
            assertThat(row.charAt(observedColumn)).isNotEqualTo(' ');
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "PASS;PASS,PASS,PASS;;perfgate: PASSED - 3 passed (3 budget lines)",
        "WARN;PASS,WARN;;perfgate: PASSED WITH WARNINGS - 1 warning, 1 passed (2 budget lines)",
        "FAIL;FAIL,FAIL,WARN,WARN,PASS;;perfgate: FAILED - 2 failed, 2 warnings, 1 passed (5 budget lines)",
        "ERROR;PASS;no results found;perfgate: ERROR - 1 passed, 1 error message (1 budget line)",
    })
    void shouldCloseWithTheGateVerdictAndCounts(Verdict verdict, String lines, String error, String last) {
        Verdict[] verdicts = java.util.Arrays.stream(lines.split(",")).map(Verdict::valueOf).toArray(Verdict[]::new);
        List<Diagnostic> messages = error == null ? List.of() : List.of(new Diagnostic(Diagnostic.Level.ERROR, error));

        List<String> rows = VerdictTable.render(TestReports.withLines(verdict, messages, verdicts)).lines().toList();

        assertThat(rows.get(rows.size() - 1)).isEqualTo(last);
    }

    @Test
    void shouldSaySoWhenThereAreNoLines() {
        GateReport empty = TestReports.withLines(Verdict.ERROR,
                List.of(new Diagnostic(Diagnostic.Level.ERROR, "the budget has no thresholds")));

        assertThat(VerdictTable.render(empty)).isEqualTo("perfgate: ERROR - 0 passed, 1 error message (0 budget lines)\n");
    }

    @Test
    void shouldCutVeryLongNames() {
        GateReport report = TestReports.hostile("x".repeat(500));

        List<String> rows = VerdictTable.render(report).lines().toList();

        assertThat(rows.get(1).split(" {2,}")[1]).hasSize(VerdictTable.MAX_CELL_CODE_POINTS).endsWith("…");
    }
}
