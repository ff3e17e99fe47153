package io.perfgate.report;

import io.perfgate.diag.Diagnostic;
import io.perfgate.model.GateReport;
import io.perfgate.model.Verdict;
import java.util.List;

/** The hand-built reports of {@link TestReports}, for tests of other packages that render reports. */
public final class ReportFixtures {

    private ReportFixtures() {
    }

    /** See {@link TestReports#realistic()}. */
    public static GateReport realistic() {
        return TestReports.realistic();
    }

    /** See {@link TestReports#hostile(String)}. */
    public static GateReport hostile(String payload) {
        return TestReports.hostile(payload);
    }

    /** See {@link TestReports#manyLines(int, int)}. */
    public static GateReport manyLines(int count, int failEvery) {
        return TestReports.manyLines(count, failEvery);
    }

    /** See {@link TestReports#withLines(Verdict, List, Verdict...)}. */
    public static GateReport withLines(Verdict verdict, List<Diagnostic> messages, Verdict... lineVerdicts) {
        return TestReports.withLines(verdict, messages, lineVerdicts);
    }
}
