package io.perfgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.budget.DatabaseLine;
import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.Severity;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.SourceLocation;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.regression.ChangeInterval;
import io.perfgate.regression.FailLevel;
import io.perfgate.regression.RegressionOutcome;
import io.perfgate.regression.RegressionVerdict;
import io.perfgate.regression.Sensitivity;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonReportReaderTest {

    private static final String FILE = "perf-report.json";

    @TempDir
    Path folder;

    // ---- round trips ----

    static Stream<Path> goldenReports() throws IOException {
        try (Stream<Path> files = Files.walk(ReportGoldenTest.goldenFolder())) {
            List<Path> reports = files.filter(file -> file.getFileName().toString().equals(FILE)).sorted().toList();
            assertThat(reports).as("golden perf-report.json files").isNotEmpty();
            return reports.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("goldenReports")
    void shouldWriteEveryGoldenReportReadBackToTheSameBytes(Path golden) throws IOException {
        GateReport read = JsonReportReader.read(golden);

        assertThat(json(read)).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.perfgate.report.ReportGoldenTest#outputs")
    void shouldRenderTheGoldenReportReadBackAsEveryOtherGoldenFile(String file, Function<GateReport, String> render)
            throws IOException {
        GateReport read = JsonReportReader.read(ReportGoldenTest.goldenFolder().resolve(FILE));

        assertThat(render.apply(read)).isEqualTo(
                Files.readString(ReportGoldenTest.goldenFolder().resolve(file), StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadASeriesRowWrittenBeforeItsTypeWasAsATrend() throws IOException {
        String golden = Files.readString(ReportGoldenTest.goldenFolder().resolve(FILE), StandardCharsets.UTF_8);
        String withoutType = golden.replace("      \"type\": \"trend\",\n", "");
        assertThat(withoutType).isNotEqualTo(golden);

        GateReport read = read(withoutType);

        assertThat(read.series()).isEqualTo(JsonReportReader.read(ReportGoldenTest.goldenFolder().resolve(FILE))
                .series());
        assertThat(json(read)).isEqualTo(golden);
    }

    @Test
    void shouldReadALineWrittenBeforeExplanationsWereAsALineWithoutAny() throws IOException {
        String golden = Files.readString(ReportGoldenTest.goldenFolder().resolve(FILE), StandardCharsets.UTF_8);
        String withoutExplanations = golden.replace(",\n      \"explanations\": []", "")
                .replaceAll("(?s),\n      \"explanations\": \\[.*?\\n      \\]", "");
        assertThat(withoutExplanations).doesNotContain("explanations");

        GateReport read = read(withoutExplanations);

        assertThat(read.lines()).hasSize(10).allSatisfy(line -> assertThat(line.explanations()).isEmpty());
        assertThat(read.lines()).extracting(LineResult::sentence).containsExactlyElementsOf(
                TestReports.realistic().lines().stream().map(LineResult::sentence).toList());
    }

    @Test
    void shouldRefuseFailureCountsThatDisagreeWithTheirRateOrStatuses() {
        String written = json(TestReports.realistic());

        assertThat(readFails(written.replaceFirst("\"rate\": 0.012376237623762377", "\"rate\": 0.5")))
                .hasMessageContaining("lines[1].explanations[1].rate is 0.5, but 5 of 404 requests give 0.0123");
        assertThat(readFails(written.replaceFirst("\"otherFailures\": 1", "\"otherFailures\": 0")))
                .hasMessageContaining("lines[3].explanations[0].otherFailures is 0, but the statuses leave 1 of the 65");
        assertThat(readFails(written.replaceFirst("\"kind\": \"failures\"", "\"kind\": \"hunch\"")))
                .hasMessageContaining("lines[1].explanations[1].kind must be one of phases, failures, statement, not 'hunch'");
        assertThat(readFails(written.replaceFirst("\"newSinceBaseline\": false", "\"newSinceBaseline\": true")))
                .hasMessageContaining("lines[1].explanations[2].newSinceBaseline is true, but the baseline has a mean "
                        + "time of the statement");
        assertThat(readFails(written.replaceFirst("\"baseline\": 494.0", "\"baseline\": null")))
                .hasMessageContaining("lines[1].explanations[0] does not hold together");
    }

    @Test
    void shouldReadARegressionLineWrittenBeforeItsEvidenceWasKeptAsJudgedAloneAtTheDefaultRate() throws IOException {
        String golden = Files.readString(ReportGoldenTest.goldenFolder().resolve(FILE), StandardCharsets.UTF_8);
        String before = golden.replaceAll("(?s)        \"pValue\": [^\n]*\n.*?        \"sensitivity\": \\{.*?\n        },\n",
                "");
        assertThat(before).isNotEqualTo(golden).doesNotContain("failLevel");

        RegressionVerdict verdict = read(before).lines().get(8).regression().orElseThrow();

        assertThat(verdict.pValue()).isNaN();
        assertThat(verdict.failLevel()).isEqualTo(new FailLevel(0.01, 1));
        assertThat(verdict.sensitivity()).isEmpty();
        assertThat(verdict.interval()).contains(new ChangeInterval(0.19, 0.29, 0.8));
    }

    @Test
    void shouldRefuseAnAdvisedRunCountBelowOne() throws IOException {
        String golden = Files.readString(ReportGoldenTest.goldenFolder().resolve(FILE), StandardCharsets.UTF_8);

        assertThat(readFails(golden.replace("\"runsForAllowance\": 3", "\"runsForAllowance\": 0")))
                .hasMessageContaining("lines[8].regression.sensitivity.runsForAllowance must be a count of at least 1, "
                        + "or null, not 0");
        assertThat(readFails(golden.replace("\"regressionLines\": 2", "\"regressionLines\": 0")))
                .hasMessageContaining("lines must be at least 1, was 0");
    }

    @Test
    void shouldRefuseASeriesTypeItDoesNotKnow() throws IOException {
        String golden = Files.readString(ReportGoldenTest.goldenFolder().resolve(FILE), StandardCharsets.UTF_8);

        assertThat(readFails(golden.replaceFirst("\"type\": \"trend\"", "\"type\": \"histogram\"")))
                .hasMessageContaining("series[0].type must be one of counter, gauge, rate, trend, not 'histogram'");
    }

    static Stream<Arguments> reports() {
        return Stream.of(
                Arguments.of("realistic", TestReports.realistic()),
                Arguments.of("hostile markup", TestReports.hostile("<script>alert(1)</script>\"'&\\")),
                Arguments.of("hostile unicode", TestReports.hostile("\u202Eé中文😀\u0000\u0007\t\r\n\u2028")),
                Arguments.of("many lines", TestReports.manyLines(40, 3)),
                Arguments.of("no lines", TestReports.withLines(Verdict.PASS, List.of())),
                Arguments.of("error messages", TestReports.withLines(Verdict.ERROR,
                        List.of(new Diagnostic(Diagnostic.Level.ERROR, "boom"),
                                new Diagnostic(Diagnostic.Level.INFO, "")), Verdict.PASS, Verdict.WARN)),
                Arguments.of("unknown location and observed", unknownLocation()),
                Arguments.of("k6 threshold crossed", k6ThresholdCrossed()),
                Arguments.of("regression verdicts", regressionVerdicts()),
                Arguments.of("database without requests", databaseWithoutRequests()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void shouldReadEveryReportTheWriterProducesBackToTheSameBytes(String name, GateReport report) {
        String written = json(report);

        GateReport read = read(written);

        assertThat(json(read)).isEqualTo(written);
    }

    @Test
    void shouldReadTheRealisticReportBackIntoAnEqualModel() {
        GateReport report = TestReports.realistic();

        GateReport read = read(json(report));

        assertThat(read).isEqualTo(report);
        assertThat(read.lines()).extracting(LineResult::verdict)
                .containsExactlyElementsOf(report.lines().stream().map(LineResult::verdict).toList());
        assertThat(read.lines()).extracting(LineResult::sentence)
                .containsExactlyElementsOf(report.lines().stream().map(LineResult::sentence).toList());
        assertThat(read.lines().get(3).observed()).isEqualTo(OptionalDouble.of(0.0536));
        assertThat(read.lines().get(4).observed()).isEmpty();
        assertThat(read.lines().get(1).line().location()).isEqualTo(new SourceLocation("perf-budget.yaml", 7, 7));
        assertThat(read.count(Verdict.FAIL)).isEqualTo(4);
    }

    @Test
    void shouldBringEachBudgetLineBackAsItsKind() {
        GateReport read = read(json(TestReports.realistic()));

        ThresholdLine threshold = (ThresholdLine) read.lines().get(3).line();
        assertThat(threshold.series()).isEqualTo(SeriesKey.of("http_req_failed"));
        assertThat(threshold.threshold()).isEqualTo(Threshold.parse("rate<1%"));
        assertThat(threshold.threshold().limit().number()).isEqualByComparingTo("1");
        assertThat(threshold.description()).isEqualTo("At most one request in a hundred may fail");
        RegressionLine regression = (RegressionLine) read.lines().get(8).line();
        assertThat(regression.subject()).isEqualTo("http_req_duration{name:checkout}");
        assertThat(regression.rule().expression()).isEqualTo("p(95) < baseline + 10%");
        RegressionVerdict verdict = read.lines().get(8).regression().orElseThrow();
        assertThat(verdict.interval()).contains(new ChangeInterval(0.19, 0.29, 0.8));
        assertThat(verdict.pValue()).isEqualTo(0.000004);
        assertThat(verdict.failLevel()).isEqualTo(new FailLevel(0.005, 2));
        assertThat(verdict.sensitivity()).contains(new Sensitivity(0.031, 0.12, OptionalInt.of(3), OptionalInt.of(9)));
        DatabaseLine database = (DatabaseLine) read.lines().get(9).line();
        assertThat(database.selector().match()).contains("from bookings");
        assertThat(database.selector().selects("SELECT * FROM bookings WHERE id = $1")).isTrue();
        assertThat(database.limit().value()).isEqualTo(3);
        assertThat(read.lines().get(2).line().severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void shouldReadTheHostileReportBackIntoAnEqualModel() {
        GateReport report = TestReports.hostile("<script>alert(1)</script>\"'&\u2028😀");

        assertThat(read(json(report))).isEqualTo(report);
    }

    @Test
    void shouldReadTheTrendsAndTheDatabaseSectionBack() {
        GateReport report = TestReports.realistic();

        GateReport read = read(json(report));

        assertThat(read.trends()).isEqualTo(report.trends());
        assertThat(read.trends().get(0).changePoints().get(0).runId()).isEqualTo("1219");
        assertThat(read.trends().get(0).points().get(7).flagReason()).contains("noisy agent");
        assertThat(read.trends().get(0).points().get(11).value()).isEmpty();
        assertThat(read.database()).isEqualTo(report.database());
        assertThat(read.database().orElseThrow().byTotalTime().get(0).queryId()).isEqualTo(-6_917_402_351_266_385_121L);
    }

    @Test
    void shouldReadTheDocumentedExample() throws IOException {
        String doc = Files.readString(JsonReportWriterTest.schemaDocument(), StandardCharsets.UTF_8);
        int start = doc.indexOf("```json\n") + "```json\n".length();

        GateReport example = read(doc.substring(start, doc.indexOf("\n```", start) + 1));

        assertThat(example.lines()).extracting(line -> line.line().getClass().getSimpleName())
                .containsExactly("ThresholdLine", "RegressionLine", "DatabaseLine");
        assertThat(example.trends().get(0).changePoints()).hasSize(1);
        assertThat(example.database()).isPresent();
    }

    @Test
    void shouldReadAFileByItsPath() throws IOException {
        Path file = Files.writeString(folder.resolve(FILE), json(TestReports.realistic()), StandardCharsets.UTF_8);

        assertThat(JsonReportReader.read(file)).isEqualTo(TestReports.realistic());
    }

    @Test
    void shouldIgnoreFieldsALaterWriterMayAdd() {
        String written = json(TestReports.realistic());
        String extended = written.replaceFirst("\"tool\": \"perfgate\",",
                "\"tool\": \"perfgate\",\n  \"addedLater\": {\"anything\": [1, 2]},");

        assertThat(json(read(extended))).isEqualTo(written);
    }

    // ---- errors ----

    @Test
    void shouldRefuseASchemaVersionItDoesNotKnow() {
        String written = json(TestReports.realistic()).replace("\"schemaVersion\": 2,", "\"schemaVersion\": 3,");

        BadInputException problem = readFails(written);

        assertThat(problem.location()).isEqualTo(new SourceLocation(FILE, 2, 20));
        assertThat(problem).hasMessageContaining("schemaVersion is 3")
                .hasMessageContaining("reads version " + GateReport.SCHEMA_VERSION);
    }

    @Test
    void shouldNameAMissingFieldByItsPath() {
        String written = json(TestReports.realistic());
        int thirdLine = lineStart(written, 3);
        int verdict = written.indexOf("      \"verdict\": ", thirdLine);
        String mutated = written.substring(0, verdict) + written.substring(written.indexOf('\n', verdict) + 1);

        BadInputException problem = readFails(mutated);

        assertThat(problem).hasMessageContaining("lines[2].verdict is missing");
        assertThat(problem.location().line()).as("the line's object").isEqualTo(lineOf(mutated, thirdLine) - 1);
    }

    @Test
    void shouldNameAValueOfTheWrongTypeByItsPathLineAndColumn() {
        String written = json(TestReports.realistic());
        int observed = written.indexOf("\"observed\": 612.4", lineStart(written, 2));
        String mutated = written.substring(0, observed) + "\"observed\": \"612.4\""
                + written.substring(observed + "\"observed\": 612.4".length());

        BadInputException problem = readFails(mutated);

        assertThat(problem).hasMessageContaining("lines[1].observed must be a number or null, not text");
        assertThat(problem.location()).isEqualTo(new SourceLocation(FILE, lineOf(mutated, observed),
                columnOf(mutated, observed) + "\"observed\": ".length()));
    }

    @Test
    void shouldRefuseAnIntegerWithAFraction() {
        String mutated = json(TestReports.realistic()).replace("\"samples\": 12120", "\"samples\": 12120.5");

        assertThat(readFails(mutated)).hasMessageContaining("sources[0].samples must be an integer, not 12120.5");
    }

    @Test
    void shouldRefuseAnUnknownEnumerationValue() {
        String written = json(TestReports.realistic());
        int thirdLine = lineStart(written, 3);
        int verdict = written.indexOf("\"verdict\": \"warn\"", thirdLine);
        String mutated = written.substring(0, verdict) + "\"verdict\": \"maybe\""
                + written.substring(verdict + "\"verdict\": \"warn\"".length());

        BadInputException problem = readFails(mutated);

        assertThat(problem).hasMessageContaining("lines[2].verdict must be one of pass, warn, fail, error, not 'maybe'");
        assertThat(problem.location().line()).isEqualTo(lineOf(mutated, verdict));
    }

    @Test
    void shouldRefuseAnUnknownKindOfLine() {
        String mutated = json(TestReports.realistic()).replaceFirst("\"kind\": \"threshold\"", "\"kind\": \"slo\"");

        assertThat(readFails(mutated))
                .hasMessageContaining("lines[0].kind must be one of threshold, regression, database, not 'slo'");
    }

    @Test
    void shouldRefuseMalformedJsonAtJacksonsLocation() {
        String written = json(TestReports.realistic());
        int tool = written.indexOf("\"tool\"");
        String mutated = written.substring(0, tool) + "tool" + written.substring(tool + "\"tool\"".length());

        BadInputException problem = readFails(mutated);

        assertThat(problem).hasMessageContaining("malformed JSON");
        assertThat(problem.location().file()).isEqualTo(FILE);
        assertThat(problem.location().line()).isEqualTo(3);
        assertThat(problem.location().column()).isPositive();
    }

    @Test
    void shouldRefuseAnEmptyFileAndAnythingButOneObject() {
        assertThat(readFails("")).hasMessageContaining("the file is empty");
        assertThat(readFails("[]")).hasMessageContaining("a report is one JSON object, not an array");
        assertThat(readFails("{}\n{}")).hasMessageContaining("text after the report's closing '}'");
        assertThat(readFails("{\"schemaVersion\": 2, \"lines\": [")).hasMessageContaining("malformed JSON");
        assertThat(readFails("{}")).hasMessageContaining("schemaVersion is missing");
    }

    @Test
    void shouldRefuseAFieldThatAppearsTwice() {
        String mutated = json(TestReports.realistic()).replaceFirst("\"budgetFile\": ",
                "\"budgetFile\": \"other.yaml\",\n  \"budgetFile\": ");

        BadInputException problem = readFails(mutated);

        assertThat(problem).hasMessageContaining("budgetFile appears twice");
        assertThat(problem.location().line()).isEqualTo(6);
    }

    @Test
    void shouldRefuseAReportOfAnotherTool() {
        String mutated = json(TestReports.realistic()).replace("\"tool\": \"perfgate\"", "\"tool\": \"k6\"");

        assertThat(readFails(mutated)).hasMessageContaining("tool must be 'perfgate', not 'k6'");
    }

    @Test
    void shouldRefuseCountsThatDisagreeWithTheLines() {
        String mutated = json(TestReports.realistic()).replace("\"fail\": 4,", "\"fail\": 3,");

        assertThat(readFails(mutated)).hasMessageContaining("counts.fail is 3, but 4 of the lines have verdict fail");
    }

    @Test
    void shouldRefuseASeriesThatDisagreesWithItsMetricAndTags() {
        String mutated = json(TestReports.realistic()).replaceFirst("\"checkout\"\n", "\"search\"\n");

        assertThat(readFails(mutated)).hasMessageContaining("lines[1].series is 'http_req_duration{name:checkout}', "
                + "but metric and tags make 'http_req_duration{name:search}'");
    }

    @Test
    void shouldRefuseASubjectThatDisagreesWithTheSeries() {
        String mutated = json(TestReports.realistic()).replaceFirst("\"subject\": \"http_req_duration\"",
                "\"subject\": \"http_reqs\"");

        assertThat(readFails(mutated)).hasMessageContaining("lines[0].subject is 'http_reqs'");
    }

    @Test
    void shouldReReadARegressionLinesExpressionWithTheBudgetGrammar() {
        String written = json(TestReports.realistic());

        assertThat(readFails(written.replace("p(95) \\u003C baseline + 10%", "p(95) \\u003C baseline ^ 2")))
                .hasMessageContaining("lines[8].expression cannot be read: unexpected '^ 2' after 'baseline'");
        assertThat(readFails(written.replace("p(95) \\u003C baseline + 10%", "avg \\u003C baseline + 10%")))
                .hasMessageContaining("lines[8].statistic is 'p(95)', but the expression 'avg < baseline + 10%' "
                        + "watches avg");
    }

    @Test
    void shouldRefuseARegressionVerdictOnAnotherKindOfLine() {
        String written = json(TestReports.realistic());
        int thresholdEnd = written.indexOf("\"sentence\": ", lineStart(written, 1));
        String mutated = written.substring(0, thresholdEnd) + "\"regression\": {},\n      "
                + written.substring(thresholdEnd);

        assertThat(readFails(mutated))
                .hasMessageContaining("lines[0].regression is only on regression lines, and this is a threshold line");
    }

    @Test
    void shouldRefuseAnUnknownUnitAndANumberBeyondDoubles() {
        String written = json(TestReports.realistic());

        assertThat(readFails(written.replaceFirst("\"unit\": \"ms\"", "\"unit\": \"fortnights\"")))
                .hasMessageContaining("lines[0].limit.unit must be a unit a budget limit can carry");
        assertThat(readFails(written.replaceFirst("\"value\": 500.0", "\"value\": 1e999")))
                .hasMessageContaining("lines[0].limit.value must be a finite number");
    }

    @Test
    void shouldRefuseALocationLineOfZero() {
        String mutated = json(TestReports.realistic()).replaceFirst("\"line\": 4,", "\"line\": 0,");

        assertThat(readFails(mutated))
                .hasMessageContaining("lines[0].location.line must be at least 1, or null when unknown, not 0");
    }

    @Test
    void shouldRefuseAChangeThatTheMeansDoNotGive() {
        String written = json(TestReports.realistic());
        int changePoints = written.indexOf("\"changePoints\"");
        String mutated = written.substring(0, changePoints)
                + written.substring(changePoints).replaceFirst("\"change\": ([0-9.]+),", "\"change\": 0.5,");

        assertThat(readFails(mutated)).hasMessageContaining("trends[0].changePoints[0].change is 0.5, but meanBefore "
                + "and meanAfter give");
    }

    @Test
    void shouldRefuseModelObjectsThatDoNotHoldTogether() {
        String written = json(TestReports.realistic());

        assertThat(readFails(written.replace("\"reason\": \"\"", "\"reason\": \"no baseline\"")))
                .hasMessageContaining("lines[8].regression does not hold together: an inconclusive verdict, and only "
                        + "that, has a reason");
        assertThat(readFails(written.replace("\"runId\": \"1219\",\n          \"meanBefore\"",
                "\"runId\": \"1218\",\n          \"meanBefore\"")))
                .hasMessageContaining("trends[0].changePoints does not hold together: change point at 18 names run "
                        + "1218");
    }

    @Test
    void shouldRefuseAQueryIdThatIsNoInteger() {
        String written = json(TestReports.realistic());
        int database = written.indexOf("\"database\": {");
        String inSection = written.substring(0, database)
                + written.substring(database).replace("\"-6917402351266385121\"", "\"n+1\"");

        assertThat(readFails(inSection)).hasMessageContaining("database.byTotalTime[0].queryId must be a 64-bit "
                + "integer written as text, not 'n+1'");
        assertThat(readFails(written.replace("\"-6917402351266385121\"", "\"n+1\"")))
                .hasMessageContaining("lines[1].explanations[2].queryId must be a 64-bit integer written as text");
    }

    @Test
    void shouldNameAFileThatDoesNotExist() {
        Path missing = folder.resolve("nowhere").resolve(FILE);

        assertThatThrownBy(() -> JsonReportReader.read(missing)).isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": does not exist");
    }

    @Test
    void shouldRefuseAFileThatIsNotUtf8() throws IOException {
        Path file = Files.write(folder.resolve(FILE), new byte[] {'{', '"', (byte) 0xFF, '"', '}'});

        assertThatThrownBy(() -> JsonReportReader.read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + ": is not UTF-8 text");
    }

    @Test
    void shouldNameTheFileAsGivenInEveryMessage() throws IOException {
        Path file = Files.writeString(folder.resolve(FILE), json(TestReports.realistic()).replace("\"warn\": 1,",
                "\"warn\": \"1\","));

        assertThatThrownBy(() -> JsonReportReader.read(file)).isInstanceOfSatisfying(BadInputException.class,
                problem -> {
                    assertThat(problem.location().file()).isEqualTo(file.toString());
                    assertThat(problem).hasMessageContaining("counts.warn must be an integer, not text");
                });
    }

    // ---- reports the test helpers do not build ----

    /** Line and column unknown, and an observed NaN, which the writer turns into null. */
    private static GateReport unknownLocation() {
        ThresholdLine line = (ThresholdLine) TestReports.realistic().lines().get(0).line();
        ThresholdLine whole = new ThresholdLine(line.series(), line.threshold(), Severity.FAIL, "",
                SourceLocation.ofFile("perf-budget.json"));
        return new GateReport(TestReports.CREATED_AT, "perf-budget.json", List.of(),
                List.of(new LineResult(whole, OptionalDouble.of(Double.NaN), Verdict.ERROR, "no value", "", "< 500ms")),
                List.of(), List.of(), Verdict.ERROR);
    }

    /** A threshold the k6 script crossed that no budget line covers: located in the summary, unmeasured. */
    private static GateReport k6ThresholdCrossed() {
        Threshold threshold = Threshold.parse("rate>0.99");
        ThresholdLine line = new ThresholdLine(SeriesKey.of("checks"), threshold, Severity.WARN,
                "threshold of the k6 script b_fail.js", SourceLocation.ofFile("target/perf/b_fail/summary.json"));
        LineResult crossed = new LineResult(line, OptionalDouble.empty(), Verdict.WARN,
                "checks rate>0.99 was crossed in k6's run of b_fail.js (exit code 99), and no budget line covers it",
                "", "> 0.99");
        return new GateReport(TestReports.CREATED_AT, TestReports.BUDGET, List.of(), List.of(crossed), List.of(),
                List.of(), Verdict.WARN);
    }

    /** The realistic regression line as inconclusive without interval, as not checked at all, and as passed. */
    private static GateReport regressionVerdicts() {
        LineResult broken = TestReports.regressionLine();
        RegressionVerdict verdict = broken.regression().orElseThrow();
        RegressionVerdict inconclusive = new RegressionVerdict(RegressionOutcome.INCONCLUSIVE,
                RegressionVerdict.Method.INTERLEAVED, verdict.direction(), 612.4, Double.NaN, Double.NaN,
                RegressionVerdict.ChangeScale.POINTS, 0.005, Optional.empty(), Double.NaN, new FailLevel(0.01, 1),
                Optional.empty(), 3, 0, 3, "run 1234 (pinned)", "only 3 baseline runs, 5 needed");
        RegressionVerdict passed = new RegressionVerdict(RegressionOutcome.NO_REGRESSION,
                RegressionVerdict.Method.EVENT_COUNTS, verdict.direction(), 0.01, 0.0099, 0.0001,
                RegressionVerdict.ChangeScale.POINTS, 0.005, Optional.of(new ChangeInterval(-0.002, 0.003, 0.99)), 0.42,
                new FailLevel(0.01, 1), Optional.of(new Sensitivity(0.05, Double.POSITIVE_INFINITY, OptionalInt.empty(),
                        OptionalInt.empty())), 10, 0, 1, "main", "");
        List<LineResult> lines = List.of(
                new LineResult(broken.line(), broken.observed(), Verdict.WARN, "inconclusive", "612.4 ms", "",
                        Optional.of(inconclusive)),
                new LineResult(broken.line(), OptionalDouble.empty(), Verdict.ERROR, "not checked", "", "",
                        Optional.empty()),
                new LineResult(broken.line(), OptionalDouble.of(0.01), Verdict.PASS, "passed", "1%", "",
                        Optional.of(passed)));
        return new GateReport(TestReports.CREATED_AT, TestReports.BUDGET, List.of(), lines, List.of(), List.of(),
                Verdict.ERROR);
    }

    /** A section whose load counted no requests, with a statement of unknown role and lost text. */
    private static GateReport databaseWithoutRequests() {
        DatabaseStatementRow unknown = new DatabaseStatementRow(Long.MIN_VALUE, "", "", 4, OptionalDouble.empty(), 0.5,
                2, 0);
        DatabaseSection section = new DatabaseSection("db:5432/shop", TestReports.CREATED_AT.minusSeconds(60),
                TestReports.CREATED_AT, 1, 4, 2, OptionalLong.empty(), List.of(unknown), List.of(unknown), List.of());
        return TestReports.withLines(Verdict.FAIL, List.of(), Verdict.FAIL).withDatabase(Optional.of(section));
    }

    // ---- helpers ----

    private static String json(GateReport report) {
        return TestReports.render(new JsonReportWriter(), report);
    }

    private static GateReport read(String json) {
        return JsonReportReader.read(new StringReader(json), FILE);
    }

    private static BadInputException readFails(String json) {
        try {
            read(json);
        } catch (BadInputException expected) {
            assertThat(expected.location().file()).isEqualTo(FILE);
            return expected;
        }
        throw new AssertionError("read without a problem: " + json);
    }

    /** Index of the {@code n}th (1-based) occurrence of {@code text}. */
    /** Where the {@code n}th budget line's object starts writing its fields (explanations have kinds too). */
    private static int lineStart(String in, int n) {
        return nth(in, "\n      \"kind\": ", n) + 1;
    }

    private static int nth(String in, String text, int n) {
        int index = -1;
        for (int i = 0; i < n; i++) {
            index = in.indexOf(text, index + 1);
            if (index < 0) {
                throw new AssertionError("fewer than " + n + " of " + text);
            }
        }
        return index;
    }

    /** 1-based line of {@code index}. */
    private static long lineOf(String text, int index) {
        return text.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    /** 1-based column of {@code index}. */
    private static int columnOf(String text, int index) {
        return index - text.lastIndexOf('\n', index - 1);
    }
}
