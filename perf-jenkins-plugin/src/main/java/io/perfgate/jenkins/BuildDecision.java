package io.perfgate.jenkins;

import hudson.model.Result;
import io.perfgate.diag.Diagnostic;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.UntrustedText;
import io.perfgate.model.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The build result a gate's verdict asks for, with the message the console shows, worded as
 * {@code perf:check} words it in the Maven log.
 *
 * @param result  SUCCESS, UNSTABLE or FAILURE
 * @param message one line, or a headline followed by one line per budget line concerned
 */
record BuildDecision(Result result, String message) {

    BuildDecision {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(message, "message");
    }

    /**
     * A failed line fails the build, or marks it unstable when {@code failOnViolation} is false; a line
     * with a warning marks it unstable when {@code unstableOnWarning} is true; a line that could not be
     * decided fails it.
     */
    static BuildDecision of(GateReport report, boolean failOnViolation, boolean unstableOnWarning) {
        return switch (report.verdict()) {
            case PASS -> new BuildDecision(Result.SUCCESS, "Performance budget passed");
            case WARN -> new BuildDecision(unstableOnWarning ? Result.UNSTABLE : Result.SUCCESS,
                    "Performance budget passed with warnings: " + sentences(report, Verdict.WARN));
            case FAIL -> failOnViolation
                    ? new BuildDecision(Result.FAILURE, failed(report))
                    : new BuildDecision(Result.UNSTABLE, failed(report) + "\n"
                            + "failOnViolation is false, so the build is marked unstable instead of failed");
            case ERROR -> new BuildDecision(Result.FAILURE, undecided(report));
        };
    }

    /** A gate that produced no report: its budget, a results file or a configured path could not be used. */
    static BuildDecision broken(String problem) {
        return new BuildDecision(Result.FAILURE, "Performance budget could not be evaluated: "
                + UntrustedText.clean(problem));
    }

    private static String failed(GateReport report) {
        return "Performance budget failed (" + UntrustedText.oneLine(report.budgetFile()) + "):\n"
                + sentences(report, Verdict.FAIL);
    }

    private static String undecided(GateReport report) {
        List<String> reasons = new ArrayList<>();
        report.lines().stream().filter(line -> line.verdict() == Verdict.ERROR)
                .forEach(line -> reasons.add(UntrustedText.oneLine(line.sentence())));
        report.messages().stream().filter(message -> message.level() == Diagnostic.Level.ERROR)
                .forEach(message -> reasons.add(UntrustedText.oneLine(message.text())));
        if (reasons.isEmpty()) {
            reasons.add("the gate reported an error without a reason");
        }
        return "Performance budget could not be decided (" + UntrustedText.oneLine(report.budgetFile()) + "):\n"
                + String.join("\n", reasons);
    }

    private static String sentences(GateReport report, Verdict verdict) {
        return String.join("\n", report.lines().stream().filter(line -> line.verdict() == verdict)
                .map(LineResult::sentence).map(UntrustedText::oneLine).toList());
    }
}
