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
import io.perfgate.model.LineSentence;
import io.perfgate.model.Verdict;
import io.perfgate.run.K6Outcome;
import io.perfgate.stats.RunResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A k6 run that crossed its own thresholds (exit 99) must not pass the gate just because the budget
 * file does not repeat them. Each crossed threshold that no budget line covers becomes a line of its
 * own: failing, or only warning when the user chose so. The line is k6's: its sentence names k6's
 * threshold and the script, and it is located in the script, at the threshold where it can be found.
 */
final class K6ThresholdCheck {

    /** Scripts are small; a larger file is not searched for thresholds. */
    private static final long MAX_SCRIPT_BYTES = 4 << 20;

    private K6ThresholdCheck() {
    }

    /**
     * The thresholds k6 reported for a script whose run crossed some (exit 99), read from its summary
     * export in the read phase.
     *
     * @param script     the script's file name
     * @param scriptPath the script as shown to the user
     * @param scriptText the script's text, to find each threshold in; empty when it cannot be read
     * @param summary    the summary export, as shown to the user
     * @param thresholds every threshold of the run with whether it passed
     */
    record Crossings(String script, Path scriptPath, String scriptText, Path summary,
            List<K6ThresholdOutcome> thresholds) {

        Crossings {
            Objects.requireNonNull(scriptText, "scriptText");
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
            Path scriptPath = Path.of(run.record().script());
            crossed.add(new Crossings(script, request.displayed(scriptPath), readScript(scriptPath),
                    request.displayed(summary), K6Summaries.thresholds(summary)));
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
                    lines.add(evaluate(crossing(outcome, threshold, run, failOnK6Thresholds), results, run.script()));
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

    private static LineResult crossing(K6ThresholdOutcome outcome, Threshold threshold, Crossings run, boolean fail) {
        ThresholdLine line = new ThresholdLine(outcome.series(), threshold, fail ? Severity.FAIL : Severity.WARN,
                "threshold of the k6 script " + run.script(), locate(outcome, run));
        String sentence = "k6's threshold " + outcome.series() + " " + outcome.expression() + " in " + run.script()
                + " was crossed in its run (exit code 99), and no budget line covers it";
        return new LineResult(line, OptionalDouble.empty(), fail ? Verdict.FAIL : Verdict.WARN, sentence, "",
                threshold.operator().symbol() + " " + threshold.limit().text());
    }

    private static LineResult evaluate(LineResult crossing, RunResults results, String script) {
        LineResult measured = ThresholdEvaluator.evaluate((ThresholdLine) crossing.line(), results);
        if (measured.verdict() != crossing.verdict()) {
            return crossing;
        }
        return new LineResult(measured.line(), measured.observed(), measured.verdict(),
                LineSentence.k6ThresholdCrossed(measured, script), measured.observedText(), measured.limitText());
    }

    /**
     * Where the threshold is written in the script: its expression in quotes, looked for after the series'
     * key (as in {@code 'http_req_duration{name:slow}': ['p(99)<50']}) and else anywhere; the script alone
     * when it is not found or the script cannot be read.
     */
    static SourceLocation locate(K6ThresholdOutcome outcome, Crossings run) {
        String text = run.scriptText();
        String file = run.scriptPath().toString();
        Matcher key = Pattern.compile("(['\"`]?)" + Pattern.quote(outcome.series().toString()) + "\\1\\s*:")
                .matcher(text);
        Pattern expression = Pattern.compile("(['\"`])" + Pattern.quote(outcome.expression()) + "\\1");
        Matcher found = expression.matcher(text);
        if (!(key.find() && found.find(key.end())) && !found.find(0)) {
            return SourceLocation.ofFile(file);
        }
        int start = found.start() + 1;
        int lineStart = text.lastIndexOf('\n', start - 1) + 1;
        long line = text.substring(0, start).chars().filter(c -> c == '\n').count() + 1;
        return new SourceLocation(file, line, start - lineStart + 1);
    }

    /** The script's text, or empty when it is not there or cannot be read: the location then names only it. */
    private static String readScript(Path script) {
        try {
            return Files.isRegularFile(script) && Files.size(script) <= MAX_SCRIPT_BYTES
                    ? Files.readString(script, StandardCharsets.UTF_8) : "";
        } catch (IOException | UncheckedIOException e) {
            return "";
        }
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
