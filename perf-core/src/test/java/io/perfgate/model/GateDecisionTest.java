package io.perfgate.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.budget.Limit;
import io.perfgate.budget.Operator;
import io.perfgate.budget.Severity;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Option;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class GateDecisionTest {

    private static final String NL = System.lineSeparator();
    private static final OptionSpelling SPELLING = option -> option == Option.FAIL_ON_VIOLATION
            ? "failOnViolation: false" : option.key();

    private static LineResult line(Verdict verdict, String sentence) {
        Threshold threshold = new Threshold(Statistic.percentile(95), Operator.LESS,
                new Limit(500, Limit.Dimension.TIME, "ms", "500ms"), "p(95)<500ms");
        ThresholdLine budgetLine = new ThresholdLine(SeriesKey.of("http_req_duration"), threshold,
                verdict == Verdict.WARN ? Severity.WARN : Severity.FAIL, "", SourceLocation.ofLine("perf-budget.yaml", 2));
        return new LineResult(budgetLine, OptionalDouble.of(612), verdict, sentence, "612 ms", "< 500 ms");
    }

    private static GateReport report(Verdict verdict, List<Diagnostic> messages, LineResult... lines) {
        return new GateReport(Instant.parse("2026-01-01T00:00:00Z"), "perf-budget.yaml", List.of(), List.of(lines),
                List.of(), messages, verdict);
    }

    @Test
    void shouldPassWithoutNotes() {
        GateDecision decision = GateDecision.of(report(Verdict.PASS, List.of(), line(Verdict.PASS, "kept")),
                DecisionPolicy.DEFAULT, SPELLING);

        assertThat(decision.outcome()).isEqualTo(GateDecision.Outcome.PASSED);
        assertThat(decision.result()).isEqualTo(BuildResult.SUCCESS);
        assertThat(decision.message()).isEqualTo("Performance budget passed");
        assertThat(decision.notes()).isEmpty();
        assertThat(decision.failsBuild()).isFalse();
    }

    @Test
    void shouldMakeWarningsUnstableUnlessTheyAreIgnored() {
        GateReport warned = report(Verdict.WARN, List.of(), line(Verdict.PASS, "kept"), line(Verdict.WARN, "w1"),
                line(Verdict.WARN, "w2\nsecond line"));

        GateDecision unstable = GateDecision.of(warned, DecisionPolicy.DEFAULT, SPELLING);
        GateDecision ignored = GateDecision.of(warned, DecisionPolicy.of(true, false), SPELLING);

        assertThat(unstable.outcome()).isEqualTo(GateDecision.Outcome.PASSED_WITH_WARNINGS);
        assertThat(unstable.result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(unstable.message()).isEqualTo("Performance budget passed with warnings: w1" + NL + "w2 second line");
        assertThat(ignored.result()).isEqualTo(BuildResult.SUCCESS);
    }

    @Test
    void shouldFailWithEveryFailedSentence() {
        GateDecision decision = GateDecision.of(report(Verdict.FAIL, List.of(), line(Verdict.FAIL, "f1"),
                line(Verdict.WARN, "w1"), line(Verdict.FAIL, "f2")), DecisionPolicy.DEFAULT, SPELLING);

        assertThat(decision.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(decision.failsBuild()).isTrue();
        assertThat(decision.message()).isEqualTo("Performance budget failed (perf-budget.yaml):" + NL + "f1" + NL + "f2");
        assertThat(decision.notes()).isEmpty();
    }

    @Test
    void shouldSayWhichOptionLetsAFailedBudgetGoOn() {
        GateDecision decision = GateDecision.of(report(Verdict.FAIL, List.of(), line(Verdict.FAIL, "f1")),
                DecisionPolicy.of(false, true), SPELLING);

        assertThat(decision.result()).isEqualTo(BuildResult.UNSTABLE);
        assertThat(decision.notes()).containsExactly("failOnViolation: false is false, so the build goes on");
    }

    @Test
    void shouldFailClosedOnUndecidedLinesAndErrorsWhateverThePolicy() {
        GateReport undecided = report(Verdict.ERROR, List.of(new Diagnostic(Diagnostic.Level.ERROR, "run.ndjson line 7: "
                + "not JSON"), new Diagnostic(Diagnostic.Level.WARNING, "just a warning")), line(Verdict.ERROR, "u1"),
                line(Verdict.PASS, "kept"));

        GateDecision decision = GateDecision.of(undecided, DecisionPolicy.of(false, false), SPELLING);

        assertThat(decision.outcome()).isEqualTo(GateDecision.Outcome.ERROR);
        assertThat(decision.result()).isEqualTo(BuildResult.FAILURE);
        assertThat(decision.message()).isEqualTo("Performance budget could not be decided (perf-budget.yaml):" + NL + "u1"
                + NL + "run.ndjson line 7: not JSON");
    }

    @Test
    void shouldGiveJustTheInputErrorOfAReportWithoutLines() {
        GateReport unreadable = report(Verdict.ERROR, List.of(new Diagnostic(Diagnostic.Level.ERROR,
                "perf-budget.yaml line 3, column 22: unknown aggregation 'p95'; write p(95)")));

        assertThat(GateDecision.of(unreadable, DecisionPolicy.DEFAULT, SPELLING).message())
                .isEqualTo("perf-budget.yaml line 3, column 22: unknown aggregation 'p95'; write p(95)");
    }

    @Test
    void shouldRefusePoliciesThatPassFailuresOrFailWarnings() {
        assertThatThrownBy(() -> new DecisionPolicy(BuildResult.SUCCESS, BuildResult.UNSTABLE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DecisionPolicy(BuildResult.FAILURE, BuildResult.FAILURE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(DecisionPolicy.of(false, true)).isEqualTo(new DecisionPolicy(BuildResult.UNSTABLE,
                BuildResult.UNSTABLE));
    }
}
