package io.perfgate.model;

import io.perfgate.budget.BudgetLine;
import io.perfgate.regression.RegressionVerdict;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The evaluation of one budget line. The texts are made once, by the evaluator, so that every report
 * shows the same numbers as the sentence.
 *
 * @param line         the budget line
 * @param observed     the measured value in the metric's base unit, empty when it could not be measured
 * @param verdict      pass, warn, fail or error
 * @param sentence     the one sentence used in every report, e.g.
 *                     {@code http_req_duration{name:checkout} p(95) is 612 ms, but the budget is < 500 ms}
 * @param observedText the observed value as the sentence prints it, e.g. {@code 612 ms}; empty when none
 * @param limitText    the operator and limit as the sentence prints them, e.g. {@code < 500 ms}
 * @param regression   for a regression line that could be checked, the numbers behind its sentence
 * @param explanations for a line that failed or warned, what changed behind it; empty when nothing is known
 */
public record LineResult(BudgetLine line, OptionalDouble observed, Verdict verdict, String sentence,
        String observedText, String limitText, Optional<RegressionVerdict> regression,
        List<Explanation> explanations) {

    public LineResult {
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(sentence, "sentence");
        Objects.requireNonNull(observedText, "observedText");
        Objects.requireNonNull(limitText, "limitText");
        Objects.requireNonNull(regression, "regression");
        explanations = List.copyOf(explanations);
    }

    /** The result of a line, before anything is known of what changed behind it. */
    public LineResult(BudgetLine line, OptionalDouble observed, Verdict verdict, String sentence,
            String observedText, String limitText, Optional<RegressionVerdict> regression) {
        this(line, observed, verdict, sentence, observedText, limitText, regression, List.of());
    }

    /** This result with another verdict and the same texts. */
    public LineResult withVerdict(Verdict other) {
        return new LineResult(line, observed, other, sentence, observedText, limitText, regression, explanations);
    }

    /** This result with what changed behind it. */
    public LineResult withExplanations(List<Explanation> found) {
        return new LineResult(line, observed, verdict, sentence, observedText, limitText, regression, found);
    }

    /** The result of a line that is not a regression rule. */
    public LineResult(BudgetLine line, OptionalDouble observed, Verdict verdict, String sentence,
            String observedText, String limitText) {
        this(line, observed, verdict, sentence, observedText, limitText, Optional.empty());
    }
}
