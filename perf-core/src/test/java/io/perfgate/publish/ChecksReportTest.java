package io.perfgate.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.budget.Limit;
import io.perfgate.budget.Operator;
import io.perfgate.budget.Severity;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.SourceLocation;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.publish.ChecksReport.Conclusion;
import io.perfgate.report.ReportFixtures;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ChecksReportTest {

    private static final ChecksOptions OPTIONS = ChecksOptions.of("services/shop/perf-budget.yaml");

    /** Ends a script, mentions everyone, turns the text around. */
    private static final String HOSTILE = "<script>alert(1)</script> @everyone @channel \u202Egnp.exe";

    @Test
    void shouldRenderTheRealisticReportExactlyAsTheGoldenFiles() {
        ChecksReport check = ChecksReport.of(ReportFixtures.realistic(), OPTIONS);

        assertThat(check.name()).isEqualTo("perfgate");
        assertThat(check.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(check.title()).isEqualTo("4 of 10 budget lines failed, 1 could not be decided");
        Goldens.assertMatches("checks-summary.md", check.summary());
        Goldens.assertMatches("checks-text.md", check.text());
        Goldens.assertMatches("checks-annotations.json", Goldens.json(check.annotations()));
    }

    @Test
    void shouldAnnotateEveryLineThatDidNotPassWorstFirst() {
        ChecksReport check = ChecksReport.of(ReportFixtures.realistic(), OPTIONS);

        assertThat(check.annotations()).extracting(ChecksAnnotation::title).containsExactly(
                "p(99)<50 could not be decided",
                "p(95)<300 failed",
                "rate<1% failed",
                "p(95) < baseline + 10% failed",
                "calls_per_request<=3 failed",
                "avg<200ms failed (warning)");
        ChecksAnnotation first = check.annotations().get(0);
        assertThat(first.path()).isEqualTo("services/shop/perf-budget.yaml");
        assertThat(first.startLine()).isEqualTo(15);
        assertThat(first.endLine()).isEqualTo(15);
        assertThat(first.level()).isEqualTo(ChecksAnnotation.Level.FAILURE);
        assertThat(check.annotations().get(5).level()).isEqualTo(ChecksAnnotation.Level.WARNING);
        assertThat(check.annotations().get(1).message())
                .isEqualTo("http_req_duration{name:checkout} p(95) is 612.4 ms, but the budget is < 300 ms");
    }

    @Test
    void shouldConcludeByTheGatesVerdict() {
        Map<Verdict, Conclusion> conclusions = new LinkedHashMap<>();
        for (Verdict verdict : Verdict.values()) {
            conclusions.put(verdict, ChecksReport.of(ReportFixtures.withLines(verdict, List.of(), verdict), OPTIONS)
                    .conclusion());
        }

        assertThat(conclusions).containsExactly(Map.entry(Verdict.PASS, Conclusion.SUCCESS),
                Map.entry(Verdict.WARN, Conclusion.NEUTRAL), Map.entry(Verdict.FAIL, Conclusion.FAILURE),
                Map.entry(Verdict.ERROR, Conclusion.FAILURE));
    }

    @Test
    void shouldNeutraliseHostileNamesInEverythingTheCheckShows() {
        ChecksReport check = ChecksReport.of(ReportFixtures.hostile(HOSTILE), OPTIONS);

        for (String markdown : List.of(check.summary(), check.text())) {
            assertThat(markdown.toLowerCase(Locale.ROOT)).doesNotContain("<script", "</script");
        }
        for (String shown : shownStrings(check)) {
            assertThat(shown).doesNotContain("@everyone", "@channel")
                    .doesNotContainPattern("[\u202A-\u202E\u2066-\u2069]");
        }
        assertThat(check.summary()).contains("&lt;script&gt;alert(1)&lt;/script&gt; @\u200Beveryone @\u200Bchannel "
                + "gnp.exe");
        // Annotations are plain text, which checks APIs show as it is: markup stays, mentions do not.
        assertThat(check.annotations().get(0).message()).isEqualTo(
                "sentence <script>alert(1)</script> @\u200Beveryone @\u200Bchannel gnp.exe");
        Goldens.assertMatches("checks-hostile-summary.md", check.summary());
        Goldens.assertMatches("checks-hostile-annotations.json", Goldens.json(check.annotations()));
    }

    @Test
    void shouldCutAHugeNameInAnnotationsAndCells() {
        String huge = "checkout-" + "x".repeat(70_000) + " @everyone";
        ChecksReport check = ChecksReport.of(ReportFixtures.hostile(huge), OPTIONS);

        ChecksAnnotation annotation = check.annotations().get(0);
        assertThat(annotation.title().codePointCount(0, annotation.title().length()))
                .isLessThanOrEqualTo(ChecksAnnotation.MAX_TITLE_CODE_POINTS);
        assertThat(annotation.title()).endsWith("… could not be decided");
        assertThat(annotation.message().codePointCount(0, annotation.message().length()))
                .isEqualTo(ChecksAnnotation.MAX_MESSAGE_CODE_POINTS);
        assertThat(annotation.message()).startsWith("sentence checkout-xxx").endsWith("x…");
        assertThat(check.title().length()).isLessThanOrEqualTo(ChecksReport.MAX_TITLE_CODE_POINTS);
        assertThat(utf8(check.summary())).isLessThanOrEqualTo(ChecksReport.MAX_OUTPUT_BYTES);
        assertThat(utf8(check.text())).isLessThanOrEqualTo(ChecksReport.MAX_OUTPUT_BYTES);
    }

    @Test
    void shouldCutALongSummaryBetweenTableRows() {
        ChecksReport check = ChecksReport.of(ReportFixtures.manyLines(2_000, 3), OPTIONS);

        String summary = check.summary();
        assertThat(utf8(summary)).isLessThanOrEqualTo(ChecksReport.MAX_OUTPUT_BYTES).isGreaterThan(60_000);
        assertThat(summary).endsWith("\n\n" + ChecksReport.CUT_NOTE + "\n");
        String table = summary.substring(summary.indexOf("| Status"), summary.lastIndexOf("\n\n"));
        assertThat(table.split("\n")).allSatisfy(row -> assertThat(row).startsWith("| ").endsWith(" |"));
        assertThat(summary).contains("617 annotations left out: a check shows at most 50; the table lists every line.");
        assertThat(check.annotations()).hasSize(ChecksReport.MAX_ANNOTATIONS)
                .allSatisfy(annotation -> assertThat(annotation.level()).isEqualTo(ChecksAnnotation.Level.FAILURE));
    }

    @Test
    void shouldCutTextOfManyMultiByteCharactersBetweenLinesAndWithinTheLimitInBytes() {
        GateReport report = withSubjects(Stream.iterate(0, i -> i + 1).limit(400)
                .map(i -> "http_req_duration{name:注文-" + "😀".repeat(60) + i + "}").toList(), Verdict.FAIL);
        ChecksReport check = ChecksReport.of(report, OPTIONS);

        for (String markdown : List.of(check.summary(), check.text())) {
            byte[] bytes = markdown.getBytes(StandardCharsets.UTF_8);
            assertThat(bytes.length).isLessThanOrEqualTo(ChecksReport.MAX_OUTPUT_BYTES).isGreaterThan(60_000);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(markdown);
            assertThat(markdown).endsWith("\n\n" + ChecksReport.CUT_NOTE + "\n")
                    .doesNotContainPattern("[\uD800-\uDBFF](?![\uDC00-\uDFFF])");
        }
    }

    @Test
    void shouldKeepAShortReportWhole() {
        ChecksReport check = ChecksReport.of(ReportFixtures.realistic(), OPTIONS);

        assertThat(check.summary()).doesNotContain(ChecksReport.CUT_NOTE, "annotations left out");
        assertThat(check.text()).doesNotContain(ChecksReport.CUT_NOTE).startsWith("## ⛔ perfgate: ");
    }

    @Test
    void shouldReportNoLinesAsASuccessWithoutAnnotations() {
        ChecksReport check = ChecksReport.of(ReportFixtures.withLines(Verdict.PASS, List.of()), OPTIONS);

        assertThat(check.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(check.title()).isEqualTo("No budget lines were evaluated");
        assertThat(check.summary()).isEqualTo("**0 budget lines:** 0 passed · budget perf-budget.yaml\n\n"
                + "No budget lines were evaluated.\n");
        assertThat(check.annotations()).isEmpty();
    }

    @Test
    void shouldShowTheErrorsOfAReportThatOnlyHasErrors() {
        GateReport report = ReportFixtures.withLines(Verdict.ERROR,
                List.of(new Diagnostic(Diagnostic.Level.ERROR, "no results file matched target/k6/*.json")));

        ChecksReport check = ChecksReport.of(report, OPTIONS);

        assertThat(check.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(check.title()).isEqualTo("The evaluation reported 1 error");
        assertThat(check.summary()).endsWith("**Errors:**\n\n- no results file matched target/k6/\\*.json\n");
        assertThat(check.annotations()).isEmpty();
        Goldens.assertMatches("checks-errors-only-summary.md", check.summary());
    }

    @Test
    void shouldAnnotateNothingWithoutTheBudgetsPathOrALineNumber() {
        GateReport report = ReportFixtures.withLines(Verdict.FAIL, List.of(), Verdict.FAIL);
        GateReport withoutLineNumber = withSubjects(List.of("http_req_duration"), Verdict.FAIL);

        assertThat(ChecksReport.of(report, new ChecksOptions(null, null)).annotations()).isEmpty();
        assertThat(ChecksReport.of(report, new ChecksOptions("perf", "  ")).annotations()).isEmpty();
        assertThat(ChecksReport.of(withoutLineNumber, OPTIONS).annotations()).isEmpty();
        assertThat(ChecksReport.of(report, OPTIONS).annotations()).hasSize(1);
    }

    @Test
    void shouldNameTheCheckAndPathAsChecksApisWantThem() {
        assertThat(new ChecksOptions(" ", "./services\\shop/perf-budget.yaml"))
                .isEqualTo(new ChecksOptions("perfgate", "services/shop/perf-budget.yaml"));
        assertThat(new ChecksOptions(" perf: shop ", "/perf-budget.yaml"))
                .isEqualTo(new ChecksOptions("perf: shop", "perf-budget.yaml"));
        assertThat(ChecksReport.of(ReportFixtures.realistic(), new ChecksOptions("perf @here", "b.yaml")).name())
                .isEqualTo("perf @\u200Bhere");
    }

    private static List<String> shownStrings(ChecksReport check) {
        List<String> shown = new ArrayList<>(List.of(check.name(), check.title(), check.summary(), check.text()));
        for (ChecksAnnotation annotation : check.annotations()) {
            shown.addAll(List.of(annotation.path(), annotation.title(), annotation.message()));
        }
        return shown;
    }

    /** A line per subject, each with {@code verdict}, and no line number in the budget. */
    private static GateReport withSubjects(List<String> subjects, Verdict verdict) {
        List<LineResult> lines = new ArrayList<>();
        for (String subject : subjects) {
            ThresholdLine line = new ThresholdLine(SeriesKey.parse(subject), new Threshold(Statistic.percentile(95),
                    Operator.LESS, new Limit(300, Limit.Dimension.TIME, "ms", "300ms"), "p(95)<300ms"), Severity.FAIL,
                    "", SourceLocation.ofFile("perf-budget.yaml"));
            lines.add(new LineResult(line, OptionalDouble.of(450), verdict, subject + " p(95) is 450 ms, but the "
                    + "budget is < 300 ms", "450 ms", "< 300 ms"));
        }
        return new GateReport(Instant.parse("2025-06-02T09:30:00Z"), "perf-budget.yaml", List.of(), lines, List.of(),
                List.of(), verdict);
    }

    private static int utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
