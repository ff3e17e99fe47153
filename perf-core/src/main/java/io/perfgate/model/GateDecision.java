package io.perfgate.model;

import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a gate report means for the build, worded once for every adapter: the outcome, the build
 * result it maps to under a {@link DecisionPolicy}, and the message to show. The Maven plugin turns
 * a {@link Outcome#FAILED} decision whose result is {@link BuildResult#FAILURE} into a build failure and
 * an {@link Outcome#ERROR} into a build error; the Jenkins step sets the build result.
 *
 * @param outcome the gate's outcome
 * @param result  the build result under the policy
 * @param message the message for the log: {@code Performance budget failed (perf-budget.yaml):} and each
 *                failed sentence on a line of its own, and likewise for the other outcomes
 * @param notes   further lines for the log, e.g. why a failed budget lets the build go on
 */
public record GateDecision(Outcome outcome, BuildResult result, String message, List<String> notes) {

    /** The four ways a gate can end. */
    public enum Outcome {
        PASSED,
        PASSED_WITH_WARNINGS,
        FAILED,
        ERROR;

        static Outcome of(Verdict verdict) {
            return switch (verdict) {
                case PASS -> PASSED;
                case WARN -> PASSED_WITH_WARNINGS;
                case FAIL -> FAILED;
                case ERROR -> ERROR;
            };
        }
    }

    public GateDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(message, "message");
        notes = List.copyOf(notes);
    }

    /** The decision of {@code report} under {@code policy}, with options spelled by the adapter. */
    public static GateDecision of(GateReport report, DecisionPolicy policy, OptionSpelling spelling) {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(spelling, "spelling");
        Outcome outcome = Outcome.of(report.verdict());
        return switch (outcome) {
            case PASSED -> new GateDecision(outcome, BuildResult.SUCCESS, "Performance budget passed", List.of());
            case PASSED_WITH_WARNINGS -> new GateDecision(outcome, policy.onWarning(),
                    "Performance budget passed with warnings: " + sentences(report, Verdict.WARN), List.of());
            case FAILED -> new GateDecision(outcome, policy.onFailure(), "Performance budget failed ("
                    + report.budgetFile() + "):" + System.lineSeparator() + sentences(report, Verdict.FAIL),
                    policy.onFailure() == BuildResult.FAILURE ? List.of()
                            : List.of(spelling.spell(Option.FAIL_ON_VIOLATION) + " is false, so the build goes on"));
            case ERROR -> new GateDecision(outcome, BuildResult.FAILURE, undecided(report), List.of());
        };
    }

    /** Whether the build fails. */
    public boolean failsBuild() {
        return result == BuildResult.FAILURE;
    }

    /**
     * A report without lines (its budget or results could not be read at all) says just what was wrong
     * with its input, with file, line and field; any other undecided report lists its undecided lines and
     * error messages under {@code Performance budget could not be decided (perf-budget.yaml):}.
     */
    private static String undecided(GateReport report) {
        List<String> reasons = new ArrayList<>();
        report.lines().stream().filter(line -> line.verdict() == Verdict.ERROR)
                .forEach(line -> reasons.add(UntrustedText.oneLine(line.sentence())));
        report.messages().stream().filter(message -> message.level() == Diagnostic.Level.ERROR)
                .forEach(message -> reasons.add(UntrustedText.oneLine(message.text())));
        if (reasons.isEmpty()) {
            reasons.add("the gate reported an error without a reason");
        }
        if (report.lines().isEmpty()) {
            return String.join(System.lineSeparator(), reasons);
        }
        return "Performance budget could not be decided (" + report.budgetFile() + "):" + System.lineSeparator()
                + String.join(System.lineSeparator(), reasons);
    }

    private static String sentences(GateReport report, Verdict verdict) {
        return String.join(System.lineSeparator(), report.lines().stream()
                .filter(line -> line.verdict() == verdict).map(LineResult::sentence).map(UntrustedText::oneLine)
                .toList());
    }
}
