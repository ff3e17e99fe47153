package io.perfgate.publish;

import io.perfgate.diag.Diagnostic;
import io.perfgate.model.Explanation;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.UntrustedText;
import io.perfgate.model.Verdict;
import io.perfgate.model.VerdictWording;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The news of one gate report for a build page and for pipeline scripts: the headline, the counts, the
 * sentences of the lines that did not pass and what changed behind the failed and warned ones. It is serializable and holds only strings, numbers,
 * lists and the {@link Verdict} enum, so a CI server can keep it with the build and hand it to a
 * sandboxed script; {@link #toMap()} gives the same as plain maps and lists.
 *
 * @param headline           e.g. {@code 2 of 8 budget lines failed}, as the Markdown and HTML reports head
 *                           themselves
 * @param verdict            the gate's verdict
 * @param passed             lines that passed
 * @param warned             lines that failed a warning limit
 * @param failed             lines that failed
 * @param undecided          lines that could not be decided
 * @param failedSentences    the sentence of each failed line, on one line, in the budget's order
 * @param warningSentences   the same for the warned lines
 * @param undecidedSentences the same for the undecided lines
 * @param errorMessages      the evaluation's error messages, on one line each: why a report without
 *                           failed lines can still be an error
 * @param budgetFile         the budget file as shown to the user
 * @param failedExplanations what changed behind each failed line, on one line each: the list at index i
 *                           belongs to {@code failedSentences[i]}, and is empty when nothing is known
 * @param warningExplanations the same for the warned lines
 */
public record BuildSummary(String headline, Verdict verdict, long passed, long warned, long failed, long undecided,
        List<String> failedSentences, List<String> warningSentences, List<String> undecidedSentences,
        List<String> errorMessages, String budgetFile, List<List<String>> failedExplanations,
        List<List<String>> warningExplanations) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public BuildSummary {
        Objects.requireNonNull(headline, "headline");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(budgetFile, "budgetFile");
        failedSentences = List.copyOf(failedSentences);
        warningSentences = List.copyOf(warningSentences);
        undecidedSentences = List.copyOf(undecidedSentences);
        errorMessages = List.copyOf(errorMessages);
        failedExplanations = failedExplanations.stream().map(List::copyOf).toList();
        warningExplanations = warningExplanations.stream().map(List::copyOf).toList();
        if (failedExplanations.size() != failedSentences.size()
                || warningExplanations.size() != warningSentences.size()) {
            throw new IllegalArgumentException("each failed and warned sentence has its list of explanations");
        }
    }

    public static BuildSummary of(GateReport report) {
        return new BuildSummary(VerdictWording.headline(report), report.verdict(), report.count(Verdict.PASS),
                report.count(Verdict.WARN), report.count(Verdict.FAIL), report.count(Verdict.ERROR),
                sentences(report, Verdict.FAIL), sentences(report, Verdict.WARN), sentences(report, Verdict.ERROR),
                report.messages().stream().filter(message -> message.level() == Diagnostic.Level.ERROR)
                        .map(message -> UntrustedText.oneLine(message.text())).toList(),
                UntrustedText.oneLine(report.budgetFile()), explanations(report, Verdict.FAIL),
                explanations(report, Verdict.WARN));
    }

    private static List<String> sentences(GateReport report, Verdict verdict) {
        return report.lines().stream().filter(line -> line.verdict() == verdict)
                .map(LineResult::sentence).map(UntrustedText::oneLine).toList();
    }

    private static List<List<String>> explanations(GateReport report, Verdict verdict) {
        return report.lines().stream().filter(line -> line.verdict() == verdict)
                .map(line -> line.explanations().stream().map(Explanation::sentence).map(UntrustedText::oneLine)
                        .toList())
                .toList();
    }

    /**
     * The summary as a new map for scripts, in this order: {@code verdict} ({@code pass}, {@code warn},
     * {@code fail} or {@code error}), {@code headline}, {@code passed}, {@code warned}, {@code failed},
     * {@code undecided} (longs), {@code failedSentences}, {@code warningSentences},
     * {@code undecidedSentences}, {@code errorMessages} (lists of strings), {@code budgetFile}, and
     * {@code failedExplanations} and {@code warningExplanations} (lists of lists of strings, one list per
     * sentence: what changed behind the line). The keys
     * are a contract with pipeline scripts: add to them, never rename. The map and its lists are the
     * caller's to change.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("verdict", VerdictWording.key(verdict));
        map.put("headline", headline);
        map.put("passed", passed);
        map.put("warned", warned);
        map.put("failed", failed);
        map.put("undecided", undecided);
        map.put("failedSentences", new ArrayList<>(failedSentences));
        map.put("warningSentences", new ArrayList<>(warningSentences));
        map.put("undecidedSentences", new ArrayList<>(undecidedSentences));
        map.put("errorMessages", new ArrayList<>(errorMessages));
        map.put("budgetFile", budgetFile);
        map.put("failedExplanations", copies(failedExplanations));
        map.put("warningExplanations", copies(warningExplanations));
        return map;
    }

    private static List<List<String>> copies(List<List<String>> lists) {
        List<List<String>> copied = new ArrayList<>();
        lists.forEach(list -> copied.add(new ArrayList<>(list)));
        return copied;
    }
}
