package io.perfgate.gate;

import io.perfgate.budget.Budget;
import io.perfgate.budget.Severity;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.SourceLocation;
import io.perfgate.ingest.K6Summaries;
import io.perfgate.ingest.K6ThresholdOutcome;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.run.K6Outcome;
import io.perfgate.stats.RunResults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A k6 run that crossed its own thresholds (exit 99) must not pass the gate just because the budget
 * file does not repeat them. Each crossed threshold that no budget line covers becomes a line of its
 * own: failing, or only warning when the user chose so.
 */
final class K6ThresholdCheck {

    private K6ThresholdCheck() {
    }

    /**
     * The thresholds k6 reported for a script whose run crossed some (exit 99), read from its summary
     * export in the read phase.
     *
     * @param script     the script's file name
     * @param summary    the summary export, as shown to the user
     * @param thresholds every threshold of the run with whether it passed
     */
    record Crossings(String script, Path summary, List<K6ThresholdOutcome> thresholds) {

        Crossings {
            thresholds = List.copyOf(thresholds);
        }
    }

    /** The read phase: the thresholds of each candidate run that crossed some. */
    static List<Crossings> read(List<ResultDiscovery.K6RunFolder> runs, CheckRequest request,
            Diagnostics diagnostics) {
        List<Crossings> crossed = new ArrayList<>();
        for (ResultDiscovery.K6RunFolder run : runs) {
            if (run.record().outcome() != K6Outcome.THRESHOLDS_CROSSED) {
                continue;
            }
            Path summary = run.folder().resolve(run.record().summaryExport());
            String script = Path.of(run.record().script()).getFileName().toString();
            if (!Files.isRegularFile(summary)) {
                diagnostics.error("k6 reported crossed thresholds for " + script + " (exit code 99), but its "
                        + "summary export " + request.displayed(summary) + " is missing, so which ones is unknown");
                continue;
            }
            crossed.add(new Crossings(script, request.displayed(summary), K6Summaries.thresholds(summary)));
        }
        return crossed;
    }

    /**
     * One line per crossed threshold that the budget does not cover, evaluated over the pooled results
     * like any budget line so it shows the measured value; where pooling several runs hides what k6
     * saw in one of them, k6's own verdict stands.
     */
    static List<LineResult> uncoveredCrossings(List<Crossings> crossed, Budget budget, RunResults results,
            boolean failOnK6Thresholds, Diagnostics diagnostics) {
        List<LineResult> lines = new ArrayList<>();
        for (Crossings run : crossed) {
            for (K6ThresholdOutcome outcome : run.thresholds()) {
                if (outcome.passed() || covered(outcome, budget)) {
                    continue;
                }
                Threshold threshold = parse(outcome.expression());
                if (threshold == null) {
                    diagnostics.error("k6 crossed the threshold " + outcome.series() + ": " + outcome.expression()
                            + " in its run of " + run.script() + ", which perfgate cannot read; add a budget line for "
                            + outcome.series() + " instead");
                } else {
                    lines.add(evaluate(crossing(outcome, threshold, run.script(), run.summary(), failOnK6Thresholds),
                            results));
                }
            }
        }
        return lines;
    }

    /** Covered when a budget line asks the same of the same series, however it is spaced. */
    private static boolean covered(K6ThresholdOutcome outcome, Budget budget) {
        Threshold crossed = parse(outcome.expression());
        for (ThresholdLine line : budget.thresholdLines()) {
            if (!line.series().equals(outcome.series())) {
                continue;
            }
            Threshold asked = line.threshold();
            if (crossed == null ? compact(asked.expression()).equals(compact(outcome.expression()))
                    : asked.statistic().equals(crossed.statistic()) && asked.operator() == crossed.operator()
                            && asked.limit().value() == crossed.limit().value()) {
                return true;
            }
        }
        return false;
    }

    private static LineResult crossing(K6ThresholdOutcome outcome, Threshold threshold, String script, Path summary,
            boolean fail) {
        ThresholdLine line = new ThresholdLine(outcome.series(), threshold, fail ? Severity.FAIL : Severity.WARN,
                "threshold of the k6 script " + script, SourceLocation.ofFile(summary.toString()));
        String sentence = outcome.series() + " " + outcome.expression() + " was crossed in k6's run of " + script
                + " (exit code 99), and no budget line covers it";
        return new LineResult(line, OptionalDouble.empty(), fail ? Verdict.FAIL : Verdict.WARN, sentence, "",
                threshold.operator().symbol() + " " + threshold.limit().text());
    }

    private static LineResult evaluate(LineResult crossing, RunResults results) {
        LineResult measured = ThresholdEvaluator.evaluate((ThresholdLine) crossing.line(), results);
        return measured.verdict() == crossing.verdict() ? measured : crossing;
    }

    private static Threshold parse(String expression) {
        try {
            return Threshold.parse(expression);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String compact(String expression) {
        return expression.replaceAll("\\s+", "");
    }
}
