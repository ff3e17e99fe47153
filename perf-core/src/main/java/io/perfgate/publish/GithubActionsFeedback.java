package io.perfgate.publish;

import io.perfgate.diag.Diagnostic;
import io.perfgate.model.GateReport;
import io.perfgate.model.UntrustedText;
import io.perfgate.report.MarkdownReportWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A gate report as GitHub Actions shows it without any API call: Markdown for the job summary (the file
 * {@code GITHUB_STEP_SUMMARY} names, which the step appends to) and workflow commands that turn each
 * budget line that did not pass into an annotation on its line of the budget file in the pull request:
 *
 * <pre>{@code
 * ::error file=services/shop/perf-budget.yaml,line=7,col=7,title=p(95)<300 failed::http_req_duration{name:checkout} p(95) is ...
 * ::warning file=services/shop/perf-budget.yaml,line=9,col=7,title=avg<200ms failed (warning)::...
 * }</pre>
 *
 * The runner reads a workflow command only from a line of the step's standard output that starts with
 * {@code ::}, so an adapter prints {@link #commands} as they are, not through a logger that prefixes
 * lines. The annotations are {@link ChecksReport}'s (worst first, mentions and bidi controls
 * neutralised, titles and messages cut to size); here they are only escaped for the command syntax.
 */
public final class GithubActionsFeedback {

    /** {@code true} in every GitHub Actions job. */
    public static final String ACTIONS_VARIABLE = "GITHUB_ACTIONS";

    /** The job summary file of the current step. */
    public static final String SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY";

    /** The checkout's root, which annotation paths are relative to. */
    public static final String WORKSPACE_VARIABLE = "GITHUB_WORKSPACE";

    /** GitHub's limit for the summary of one step: 1 MiB; a larger summary is not shown at all. */
    public static final long MAX_SUMMARY_BYTES = 1024 * 1024;

    /** Ends a summary that had to be cut. */
    public static final String CUT_NOTE =
            "**… cut: a step's summary holds at most 1 MiB; target/perf/perf-report.md has the whole report**";

    private GithubActionsFeedback() {
    }

    /** Whether the build runs in a GitHub Actions job: {@code GITHUB_ACTIONS=true}. */
    public static boolean detected(Map<String, String> variables) {
        return "true".equals(variables.get(ACTIONS_VARIABLE));
    }

    /** The summary file's name from {@code GITHUB_STEP_SUMMARY}, empty when not set. */
    public static Optional<String> summaryFile(Map<String, String> variables) {
        return Optional.ofNullable(variables.get(SUMMARY_VARIABLE)).filter(name -> !name.isBlank());
    }

    /**
     * The Markdown to append to the step's summary: the report as {@code perf-report.md} has it, naming the
     * budget file by its path in the repository when known (the modules of one build each append theirs),
     * with mentions and bidi controls neutralised, after a blank line when the file already holds
     * something. With what the file holds, it stays within {@link #MAX_SUMMARY_BYTES}: cut at a line end
     * with {@link #CUT_NOTE} when too long, and empty when not even the note fits.
     *
     * @param report                 the gate's report
     * @param budgetPathInRepository the budget file relative to {@code GITHUB_WORKSPACE}, or empty
     * @param bytesInFile            the size of the summary file before, e.g. what other modules wrote
     */
    public static String summary(GateReport report, String budgetPathInRepository, long bytesInFile) {
        String lead = bytesInFile > 0 ? "\n" : "";
        long room = MAX_SUMMARY_BYTES - Math.max(bytesInFile, 0) - lead.length();
        if (room < ShownText.utf8Length("\n" + CUT_NOTE + "\n")) {
            return "";
        }
        GateReport shown = budgetPathInRepository.isBlank() ? report
                : new GateReport(report.createdAt(), budgetPathInRepository, report.sources(), report.lines(),
                        report.series(), report.messages(), report.verdict(), report.trends(), report.database());
        return lead + ShownText.capLines(ShownText.neutral(markdown(shown)), (int) room, CUT_NOTE);
    }

    /**
     * The workflow commands for the report, one per line: an {@code ::error} for each failed or undecided
     * budget line and a {@code ::warning} for each warned one, on its line and column of the budget file;
     * none when {@code budgetPathInRepository} is empty, as an annotation then has nowhere to point. A
     * report without lines gets an {@code ::error} for each of its error messages (a malformed budget,
     * no results), so the reason shows on the pull request too.
     *
     * @param report                 the gate's report
     * @param budgetPathInRepository the budget file relative to {@code GITHUB_WORKSPACE}, with {@code /}
     */
    public static List<String> commands(GateReport report, String budgetPathInRepository) {
        List<String> commands = new ArrayList<>();
        for (ChecksAnnotation annotation : ChecksReport.of(report, ChecksOptions.of(budgetPathInRepository))
                .annotations()) {
            String command = annotation.level() == ChecksAnnotation.Level.WARNING ? "warning" : "error";
            StringBuilder line = new StringBuilder("::").append(command)
                    .append(" file=").append(property(annotation.path()))
                    .append(",line=").append(annotation.startLine());
            if (annotation.column() > 0) {
                line.append(",col=").append(annotation.column());
            }
            line.append(",title=").append(property(annotation.title()))
                    .append("::").append(data(annotation.message()));
            commands.add(line.toString());
        }
        if (report.lines().isEmpty()) {
            report.messages().stream().filter(message -> message.level() == Diagnostic.Level.ERROR)
                    .map(message -> UntrustedText.shorten(ShownText.neutral(UntrustedText.oneLine(message.text())),
                            ChecksAnnotation.MAX_MESSAGE_CODE_POINTS))
                    .forEach(text -> commands.add("::error title=perfgate::" + data(text)));
        }
        return commands;
    }

    /** A command's value: {@code %}, carriage return and line feed as {@code %25}, {@code %0D}, {@code %0A}. */
    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** A property's value: as {@link #data}, and {@code :} and {@code ,} as {@code %3A} and {@code %2C}. */
    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }

    private static String markdown(GateReport report) {
        StringWriter markdown = new StringWriter();
        try {
            new MarkdownReportWriter().write(report, markdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: a StringWriter does not fail
        }
        return markdown.toString();
    }
}
