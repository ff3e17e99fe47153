package io.perfgate.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostic;
import io.perfgate.model.GateReport;
import io.perfgate.model.Verdict;
import io.perfgate.model.VerdictWording;
import io.perfgate.report.ReportFixtures;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BuildSummaryTest {

    @Test
    void shouldCountAndQuoteTheLinesOfTheRealisticReport() {
        GateReport report = ReportFixtures.realistic();

        BuildSummary summary = BuildSummary.of(report);

        assertThat(summary.headline()).isEqualTo(VerdictWording.headline(report))
                .isEqualTo("4 of 10 budget lines failed, 1 could not be decided");
        assertThat(summary.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(List.of(summary.passed(), summary.warned(), summary.failed(), summary.undecided()))
                .containsExactly(4L, 1L, 4L, 1L);
        assertThat(summary.failedSentences()).hasSize(4).first()
                .isEqualTo("http_req_duration{name:checkout} p(95) is 612.4 ms, but the budget is < 300 ms");
        assertThat(summary.warningSentences())
                .containsExactly("http_req_duration{name:search} avg is 231.7 ms, but the budget is < 200 ms");
        assertThat(summary.undecidedSentences()).singleElement().asString().startsWith("http_req_duration{name:slow}");
        assertThat(summary.errorMessages()).isEmpty();
        assertThat(summary.budgetFile()).isEqualTo("perf-budget.yaml");
    }

    @Test
    void shouldTellWhatChangedBehindEachFailedAndWarnedLineBesideItsSentence() {
        BuildSummary summary = BuildSummary.of(ReportFixtures.realistic());

        assertThat(summary.failedExplanations()).hasSameSizeAs(summary.failedSentences());
        assertThat(summary.failedExplanations().get(0)).hasSize(4).first().asString()
                .startsWith("p(95) +24% against the baseline of 10 runs of main (494 → 612.4 ms): waiting +26%");
        assertThat(summary.failedExplanations().get(1)).singleElement().asString()
                .startsWith("failed requests 0.3% → 5.363%");
        assertThat(summary.failedExplanations().get(3)).as("the database line").singleElement().asString()
                .startsWith("\"SELECT id, room, nights, price FROM bookings WHERE guest_id = $1\": 1 → 20 calls");
        assertThat(summary.warningExplanations()).hasSize(1);
        assertThat(summary.warningExplanations().get(0)).singleElement().asString()
                .startsWith("avg of the timing phases, no baseline to compare with");
        assertThat(summary.toMap().get("failedExplanations")).isEqualTo(summary.failedExplanations());
    }

    @Test
    void shouldGiveScriptsTheSameAsAMapWithStableKeys() {
        Map<String, Object> map = BuildSummary.of(ReportFixtures.realistic()).toMap();

        assertThat(map).containsKeys("verdict", "headline", "passed", "warned", "failed", "undecided",
                "failedSentences", "warningSentences", "undecidedSentences", "errorMessages", "budgetFile",
                "failedExplanations", "warningExplanations");
        assertThat(map.get("verdict")).isEqualTo("error");
        Goldens.assertMatches("build-summary-map.json", Goldens.json(map));
    }

    @Test
    void shouldHandScriptsAMapOfTheirOwn() {
        BuildSummary summary = BuildSummary.of(ReportFixtures.realistic());
        Map<String, Object> map = summary.toMap();

        map.put("verdict", "pass");
        ((List<?>) map.get("failedSentences")).clear();

        assertThat(summary.toMap().get("verdict")).isEqualTo("error");
        assertThat(summary.failedSentences()).hasSize(4);
    }

    @Test
    void shouldSurviveJavaSerialization() throws Exception {
        BuildSummary summary = BuildSummary.of(ReportFixtures.realistic());

        Object copy = roundTrip(summary);

        assertThat(copy).isInstanceOf(BuildSummary.class).isEqualTo(summary);
        assertThat(roundTrip(summary.toMap())).isEqualTo(summary.toMap());
    }

    @Test
    void shouldPutHostileSentencesOnOneLine() throws Exception {
        BuildSummary summary = BuildSummary.of(ReportFixtures.hostile("\n<script>\r\n@everyone\t\u0007"));

        assertThat(summary.failedSentences()).containsExactly("sentence  <script> @everyone ");
        assertThat(summary.errorMessages()).containsExactly("error  <script> @everyone ");
        assertThat(summary.budgetFile()).isEqualTo("budget <script> @everyone ");
        assertThat(roundTrip(summary)).isEqualTo(summary);
    }

    @Test
    void shouldSummariseAReportWithoutLines() {
        GateReport report = ReportFixtures.withLines(Verdict.PASS, List.of());

        BuildSummary summary = BuildSummary.of(report);

        assertThat(summary.headline()).isEqualTo("no budget lines were evaluated");
        assertThat(summary.verdict()).isEqualTo(Verdict.PASS);
        assertThat(List.of(summary.passed(), summary.warned(), summary.failed(), summary.undecided()))
                .containsOnly(0L);
        assertThat(summary.failedSentences()).isEmpty();
    }

    @Test
    void shouldTellWhyAReportOfOnlyErrorsFailed() {
        GateReport report = ReportFixtures.withLines(Verdict.ERROR,
                List.of(new Diagnostic(Diagnostic.Level.ERROR, "budget perf-budget.yaml line 3: unknown unit 'ms2'"),
                        new Diagnostic(Diagnostic.Level.WARNING, "not an error")),
                Verdict.ERROR, Verdict.ERROR);

        BuildSummary summary = BuildSummary.of(report);

        assertThat(summary.headline()).isEqualTo("2 of 2 budget lines could not be decided");
        assertThat(summary.undecided()).isEqualTo(2);
        assertThat(summary.undecidedSentences()).containsExactly("line 0", "line 1");
        assertThat(summary.errorMessages()).containsExactly("budget perf-budget.yaml line 3: unknown unit 'ms2'");
        assertThat(summary.toMap().get("errorMessages")).isEqualTo(summary.errorMessages());
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
