package io.perfgate.publish;

import io.perfgate.diag.Diagnostic;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.UntrustedText;
import io.perfgate.model.Verdict;
import io.perfgate.model.VerdictWording;
import io.perfgate.report.MarkdownEscaping;
import io.perfgate.report.MarkdownReportWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A gate report as a pull-request check (GitHub's check runs and the like): a conclusion, the headline as
 * title, a summary with the table of budget lines, the full Markdown report as text and an annotation on
 * each budget line that did not pass. Every string is ready to send: untrusted names are escaped for
 * Markdown, mentions and bidi controls are neutralised, and each part is within the checks API's size.
 *
 * @param name        the check's name
 * @param conclusion  success, neutral or failure
 * @param title       the headline, e.g. {@code 2 of 8 budget lines failed}, at most
 *                    {@value #MAX_TITLE_CODE_POINTS} code points
 * @param summary     Markdown: the counts and a table of the budget lines, worst first, at most
 *                    {@value #MAX_OUTPUT_BYTES} UTF-8 bytes
 * @param text        Markdown: the full report as {@code perf-report.md} has it, at most
 *                    {@value #MAX_OUTPUT_BYTES} UTF-8 bytes
 * @param annotations one per failed, warned or undecided line whose place in the budget file is known,
 *                    worst first, at most {@value #MAX_ANNOTATIONS}
 */
public record ChecksReport(String name, Conclusion conclusion, String title, String summary, String text,
        List<ChecksAnnotation> annotations) {

    /** GitHub's limit for a check's title. */
    public static final int MAX_TITLE_CODE_POINTS = 255;

    /**
     * Below GitHub's 65,535 for a summary or text; counted in UTF-8 bytes, so it holds whether a server
     * counts characters or bytes.
     */
    public static final int MAX_OUTPUT_BYTES = 65_000;

    /** GitHub takes at most 50 annotations per request; more would need paging the adapter cannot see. */
    public static final int MAX_ANNOTATIONS = 50;

    /** Ends a summary or text that had to be cut. */
    public static final String CUT_NOTE = "**… cut, see the full report**";

    /** Worst first; within a verdict, the budget's order. */
    private static final Comparator<LineResult> WORST_FIRST =
            Comparator.comparing(LineResult::verdict, Comparator.reverseOrder());

    /** How a check ends: warnings alone do not block a merge, failed and undecided lines do. */
    public enum Conclusion {
        SUCCESS,
        NEUTRAL,
        FAILURE;

        public static Conclusion of(Verdict verdict) {
            return switch (verdict) {
                case PASS -> SUCCESS;
                case WARN -> NEUTRAL;
                case FAIL, ERROR -> FAILURE;
            };
        }
    }

    public ChecksReport {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(conclusion, "conclusion");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(text, "text");
        annotations = List.copyOf(annotations);
    }

    public static ChecksReport of(GateReport report, ChecksOptions options) {
        List<ChecksAnnotation> all = annotations(report, options.budgetPathInRepository());
        List<ChecksAnnotation> kept = all.subList(0, Math.min(all.size(), MAX_ANNOTATIONS));
        return new ChecksReport(ShownText.neutral(UntrustedText.oneLine(options.name())),
                Conclusion.of(report.verdict()), title(report), summary(report, all.size() - kept.size()),
                text(report), kept);
    }

    /** The headline as a sentence: {@code 2 of 8 budget lines failed}, {@code The evaluation reported 1 error}. */
    private static String title(GateReport report) {
        String headline = VerdictWording.headline(report);
        String sentence = Character.toUpperCase(headline.charAt(0)) + headline.substring(1);
        return UntrustedText.shorten(ShownText.neutral(sentence), MAX_TITLE_CODE_POINTS);
    }

    /**
     * The counts, a note on annotations left out, the budget lines worst first, then the error messages
     * (why a report without lines failed); cut at a row when too long.
     */
    private static String summary(GateReport report, int annotationsLeftOut) {
        StringBuilder summary = new StringBuilder();
        summary.append("**").append(VerdictWording.lines(report.lines().size())).append(":** ")
                .append(VerdictWording.counts(report)).append(" · budget ")
                .append(MarkdownEscaping.cell(report.budgetFile())).append('\n');
        if (annotationsLeftOut > 0) {
            summary.append("\n").append(VerdictWording.plural(annotationsLeftOut, "annotation"))
                    .append(" left out: a check shows at most ").append(MAX_ANNOTATIONS)
                    .append("; the table lists every line.\n");
        }
        summary.append('\n');
        if (report.lines().isEmpty()) {
            summary.append("No budget lines were evaluated.\n");
        } else {
            summary.append("| Status | Series | Threshold | Observed | Result |\n| --- | --- | --- | ---: | --- |\n");
            report.lines().stream().sorted(WORST_FIRST).forEach(line -> summary.append(row(line)));
        }
        List<Diagnostic> errors = report.messages().stream()
                .filter(message -> message.level() == Diagnostic.Level.ERROR).toList();
        if (!errors.isEmpty()) {
            summary.append("\n**Errors:**\n\n");
            errors.forEach(error -> summary.append("- ").append(MarkdownEscaping.cell(error.text())).append('\n'));
        }
        return ShownText.capLines(ShownText.neutral(summary.toString()), MAX_OUTPUT_BYTES, CUT_NOTE);
    }

    /** The same row as the Markdown report's table of budget lines. */
    private static String row(LineResult result) {
        String observed = result.observedText().isEmpty() ? "–" : result.observedText();
        return "| " + VerdictWording.symbol(result.verdict()) + " " + VerdictWording.label(result.verdict())
                + " | " + MarkdownEscaping.cell(result.line().subject())
                + " | " + MarkdownEscaping.cell(result.line().expression())
                + " | " + MarkdownEscaping.cell(observed)
                + " | " + MarkdownEscaping.cell(result.sentence()) + " |\n";
    }

    private static String text(GateReport report) {
        StringWriter markdown = new StringWriter();
        try {
            new MarkdownReportWriter().write(report, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: a StringWriter does not fail
        }
        return ShownText.capLines(ShownText.neutral(markdown.toString()), MAX_OUTPUT_BYTES, CUT_NOTE);
    }

    private static List<ChecksAnnotation> annotations(GateReport report, String path) {
        if (path.isEmpty()) {
            return List.of();
        }
        List<ChecksAnnotation> annotations = new ArrayList<>();
        report.lines().stream().sorted(WORST_FIRST)
                .filter(result -> result.verdict() != Verdict.PASS && result.line().location().line() > 0)
                .forEach(result -> annotations.add(annotation(result, path)));
        return annotations;
    }

    private static ChecksAnnotation annotation(LineResult result, String path) {
        int line = (int) Math.min(result.line().location().line(), Integer.MAX_VALUE);
        String outcome = switch (result.verdict()) {
            case FAIL -> " failed";
            case WARN -> " failed (warning)";
            default -> " could not be decided";
        };
        String expression = UntrustedText.shorten(ShownText.neutral(UntrustedText.oneLine(result.line().expression())),
                ChecksAnnotation.MAX_TITLE_CODE_POINTS - outcome.length());
        String message = UntrustedText.shorten(ShownText.neutral(UntrustedText.oneLine(result.sentence())),
                ChecksAnnotation.MAX_MESSAGE_CODE_POINTS);
        ChecksAnnotation.Level level = result.verdict() == Verdict.WARN ? ChecksAnnotation.Level.WARNING
                : ChecksAnnotation.Level.FAILURE;
        return new ChecksAnnotation(ShownText.neutral(path), line, line, Math.max(result.line().location().column(), 0),
                level, expression + outcome, message);
    }
}
