package io.perfgate.publish;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.DatabaseLine;
import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.UntrustedText;
import io.perfgate.model.ValueFormat;
import io.perfgate.model.Verdict;
import io.perfgate.report.HtmlSafeEscapes;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A gate report as GitLab shows it on a merge request, from two report artifacts of the job:
 * <ul>
 *   <li>a <b>metrics report</b> ({@code artifacts:reports:metrics}, the text format of OpenMetrics), one
 *       {@code name value} line per statistic the budget watches, e.g.
 *       {@code perfgate_http_req_duration_name_checkout_p95 612.4}; GitLab compares each value with the
 *       target branch's as a string. Names are stable and hold only {@code [A-Za-z0-9_]}, values are in
 *       the metric's base unit (milliseconds for times, a fraction for rates) with four significant
 *       digits, as the reports print them; the file ends with {@code # EOF};</li>
 *   <li>a <b>Code Quality report</b> ({@code artifacts:reports:codequality}), a JSON array with one issue
 *       per failed, warned or undecided budget line: {@code description} (the line's sentence),
 *       {@code check_name}, a {@code fingerprint} that stays the same from build to build while the line
 *       is in the same state, {@code severity} ({@code major} for failed and undecided lines,
 *       {@code minor} for warnings) and {@code location.path} with {@code location.lines.begin}.</li>
 * </ul>
 */
public final class GitlabFeedback {

    /** {@code true} in every GitLab CI job. */
    public static final String CI_VARIABLE = "GITLAB_CI";

    /** The checkout's root, which Code Quality paths are relative to. */
    public static final String PROJECT_DIR_VARIABLE = "CI_PROJECT_DIR";

    /** The metrics report in the report folder. */
    public static final String METRICS_FILE_NAME = "gitlab-metrics.txt";

    /** The Code Quality report in the report folder. */
    public static final String CODE_QUALITY_FILE_NAME = "gl-code-quality-report.json";

    /** Every metric's name starts with this. */
    static final String METRIC_PREFIX = "perfgate_";

    /** Longer names are cut and made unique with a hash of what they name. */
    static final int MAX_METRIC_NAME_LENGTH = 200;

    /** Far below what a merge request shows, reached only by a hostile name. */
    static final int MAX_DESCRIPTION_CODE_POINTS = 4_000;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new HtmlSafeEscapes(false))
            .build();

    private GitlabFeedback() {
    }

    /** Whether the build runs in a GitLab CI job: {@code GITLAB_CI=true}. */
    public static boolean detected(Map<String, String> variables) {
        return "true".equals(variables.get(CI_VARIABLE));
    }

    /**
     * The metrics report: one line per statistic the budget lines watch, in the budget's order, each
     * statistic once however many lines judge it; statistics that could not be measured are left out.
     */
    public static String metrics(GateReport report) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> named = new HashMap<>();
        for (LineResult result : report.lines()) {
            if (result.observed().isEmpty() || !Double.isFinite(result.observed().getAsDouble())) {
                continue;
            }
            String statistic = statistic(result.line());
            String watched = result.line().subject() + " " + statistic;
            String name = metricName(result.line().subject(), statistic);
            String before = named.putIfAbsent(name, watched);
            if (before != null && !before.equals(watched)) {
                name = name + "_" + hash(watched).substring(0, 8);
                named.putIfAbsent(name, watched);
            }
            values.putIfAbsent(name, ValueFormat.number(result.observed().getAsDouble()));
        }
        StringBuilder text = new StringBuilder();
        values.forEach((name, value) -> text.append(name).append(' ').append(value).append('\n'));
        return text.append("# EOF\n").toString();
    }

    /**
     * The Code Quality report: an issue per budget line that did not pass and whose line in the budget
     * file is known, in the budget's order; {@code []} when every line passed, or when
     * {@code budgetPathInRepository} is empty, as an issue then has nowhere to point.
     *
     * @param report                 the gate's report
     * @param budgetPathInRepository the budget file relative to {@code CI_PROJECT_DIR}, with {@code /}
     */
    public static String codeQuality(GateReport report, String budgetPathInRepository) {
        String path = ShownText.neutral(UntrustedText.oneLine(budgetPathInRepository));
        StringWriter out = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(prettyPrinter());
            json.writeStartArray();
            if (!path.isEmpty()) {
                Map<String, Integer> seen = new HashMap<>();
                for (LineResult result : report.lines()) {
                    if (result.verdict() != Verdict.PASS && result.line().location().line() > 0) {
                        writeIssue(json, result, path, seen);
                    }
                }
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not reached: a StringWriter does not fail
        }
        return out + "\n";
    }

    private static void writeIssue(JsonGenerator json, LineResult result, String path, Map<String, Integer> seen)
            throws IOException {
        String kind = switch (result.verdict()) {
            case FAIL -> "failed";
            case WARN -> "warning";
            default -> "undecided";
        };
        String identity = String.join("\0", "perfgate", path, result.line().subject(), result.line().expression(),
                kind);
        int occurrence = seen.merge(identity, 1, Integer::sum);
        json.writeStartObject();
        json.writeStringField("description", UntrustedText.shorten(
                ShownText.neutral(UntrustedText.oneLine(result.sentence())), MAX_DESCRIPTION_CODE_POINTS));
        json.writeStringField("check_name", "perfgate-budget-" + kind);
        json.writeStringField("fingerprint", hash(identity + "\0" + occurrence).substring(0, 32));
        json.writeStringField("severity", result.verdict() == Verdict.WARN ? "minor" : "major");
        json.writeObjectFieldStart("location");
        json.writeStringField("path", path);
        json.writeObjectFieldStart("lines");
        json.writeNumberField("begin", result.line().location().line());
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Two spaces of indent and {@code "key": value}, as {@code perf-report.json} is written. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }

    /** The statistic a line judges as k6 and the budget write it: {@code p(95)}, {@code rate}, {@code mean}. */
    private static String statistic(BudgetLine line) {
        if (line instanceof ThresholdLine threshold) {
            return threshold.threshold().statistic().toString();
        }
        if (line instanceof RegressionLine regression) {
            return regression.rule().statistic().toString();
        }
        return ((DatabaseLine) line).statistic().spelling();
    }

    /**
     * {@code perfgate_} and the subject and statistic with every run of other characters than ASCII letters
     * and digits made one {@code _}: {@code http_req_duration{name:checkout}} and {@code p(95)} give
     * {@code perfgate_http_req_duration_name_checkout_p95}.
     */
    static String metricName(String subject, String statistic) {
        String name = METRIC_PREFIX + part(subject) + "_" + part(statistic.replace("(", "").replace(")", ""));
        if (name.length() <= MAX_METRIC_NAME_LENGTH) {
            return name;
        }
        return name.substring(0, MAX_METRIC_NAME_LENGTH - 9) + "_" + hash(subject + " " + statistic).substring(0, 8);
    }

    private static String part(String text) {
        StringBuilder part = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
                part.append(c);
            } else if (part.length() > 0 && part.charAt(part.length() - 1) != '_') {
                part.append('_');
            }
        }
        if (part.length() > 0 && part.charAt(part.length() - 1) == '_') {
            part.setLength(part.length() - 1);
        }
        return part.length() == 0 ? "x" : part.toString();
    }

    /** SHA-256 of the text's UTF-8 bytes, in lower-case hex. */
    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
