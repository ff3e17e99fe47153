package io.perfgate.maven;

import static org.apache.maven.api.plugin.testing.MojoExtension.getBasedir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.budget.Limit;
import io.perfgate.budget.Operator;
import io.perfgate.budget.Severity;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.SourceLocation;
import io.perfgate.gate.GateSettings;
import io.perfgate.gate.PerfGate;
import io.perfgate.model.BuildResult;
import io.perfgate.model.DecisionPolicy;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * {@code perf:check} as Maven configures it, and how it translates each gate outcome into the build's
 * result. The gate is replaced by fixed outcomes here; {@link CheckMojoGateTest} runs the real one.
 */
@MojoTest
class CheckMojoTest {

    private static final String BUDGET = "perf-budget.yaml";
    private static final String FAILED_P95 = "http_req_duration p(95) is 69.27 ms, but the budget is < 20 ms";
    private static final String FAILED_RATE = "http_req_failed rate is 0.05363, but the budget is < 0.01";
    private static final String KEPT_AVG = "http_req_duration avg is 16.37 ms, within the budget of < 1000 ms";
    private static final String WARNED_P90 = "http_req_duration p(90) is 59.46 ms, but the budget is < 50 ms";
    private static final String UNDECIDED = "http_req_duration{name:chekout} p(95) could not be evaluated: no sample "
            + "has tag name=chekout (perf-budget.yaml line 4, column 7)";

    private final RecordingLog log = new RecordingLog();
    private final AtomicReference<GateSettings> asked = new AtomicReference<>();

    private CheckMojo answering(CheckMojo mojo, LineResult... lines) {
        return answering(mojo, List.of(), lines);
    }

    /** Lets the mojo's gate return a report of {@code lines} and {@code messages}, with its real table. */
    private CheckMojo answering(CheckMojo mojo, List<String> errorMessages, LineResult... lines) {
        mojo.setLog(log);
        mojo.history = "none";
        mojo.systemEnvironment = Map.of();
        mojo.gate = (settings, environment, diagnostics) -> {
            asked.set(settings);
            errorMessages.forEach(diagnostics::error);
            Verdict verdict = Arrays.stream(lines).map(LineResult::verdict).reduce(Verdict.PASS, Verdict::worse);
            if (!errorMessages.isEmpty()) {
                verdict = Verdict.ERROR;
            }
            GateReport report = new GateReport(Instant.parse("2025-01-31T10:15:30Z"), BUDGET, List.of(),
                    List.of(lines), List.of(), diagnostics.all(), verdict);
            return PerfGate.outcome(report, List.of(Path.of("target/perf/perf-report.json")),
                    settings.decisionPolicy(), environment.spelling());
        };
        return mojo;
    }

    private static LineResult line(String expression, Statistic statistic, double limit, double observed,
            Verdict verdict, String sentence) {
        Threshold threshold = new Threshold(statistic, Operator.LESS, new Limit(limit, Limit.Dimension.NONE, "",
                Double.toString(limit)), expression);
        ThresholdLine budgetLine = new ThresholdLine(SeriesKey.parse(sentence.substring(0, sentence.indexOf(' '))),
                threshold, verdict == Verdict.WARN ? Severity.WARN : Severity.FAIL, "", SourceLocation.ofLine(BUDGET, 2));
        if (verdict == Verdict.ERROR) {
            return new LineResult(budgetLine, OptionalDouble.empty(), verdict, sentence, "", "< " + limit);
        }
        // The texts the sentence prints: "<subject> is <observed>, but the budget is <limit>".
        String observedText = sentence.substring(sentence.indexOf(" is ") + 4, sentence.indexOf(", "));
        String limitText = sentence.substring(sentence.lastIndexOf(verdict == Verdict.PASS ? " of " : " is ") + 4);
        return new LineResult(budgetLine, OptionalDouble.of(observed), verdict, sentence, observedText, limitText);
    }

    private static LineResult failedP95() {
        return line("p(95)<20", Statistic.percentile(95), 20, 69.27, Verdict.FAIL, FAILED_P95);
    }

    private static LineResult failedRate() {
        return line("rate<0.01", Statistic.RATE, 0.01, 0.05363, Verdict.FAIL, FAILED_RATE);
    }

    private static LineResult keptAvg() {
        return line("avg<1000", Statistic.AVG, 1000, 16.37, Verdict.PASS, KEPT_AVG);
    }

    private static LineResult warnedP90() {
        return line("p(90)<50", Statistic.percentile(90), 50, 59.46, Verdict.WARN, WARNED_P90);
    }

    private static LineResult undecided() {
        return line("p(95)<300", Statistic.percentile(95), 300, 0, Verdict.ERROR, UNDECIDED);
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldDefaultToTheBudgetBesideThePomAndTheBuildFolder(CheckMojo mojo) {
        GateSettings settings = mojo.settings();

        assertThat(settings.budgetFile()).isEqualTo(Path.of(getBasedir(), BUDGET));
        assertThat(settings.resultsDirectory()).isEqualTo(Path.of(getBasedir(), "target", "perf"));
        assertThat(settings.resultFiles()).isEmpty();
        assertThat(settings.reportDirectory()).isEqualTo(Path.of(getBasedir(), "target", "perf"));
        assertThat(settings.baseDirectory()).isEqualTo(Path.of(getBasedir()));
        assertThat(settings.failOnK6Thresholds()).isTrue();
        assertThat(settings.ingestThreads()).as("as many as there are processors").isZero();
        assertThat(settings.decisionPolicy()).isEqualTo(new DecisionPolicy(BuildResult.FAILURE, BuildResult.SUCCESS));
    }

    @Test
    @InjectMojo(goal = "check", pom = "classpath:/unit/check-configured.xml")
    void shouldMapEveryParameter(CheckMojo mojo) {
        Path basedir = Path.of(getBasedir());

        GateSettings settings = mojo.settings();

        assertThat(settings.budgetFile()).isEqualTo(basedir.resolve("src/test/perf/budget.json"));
        assertThat(settings.resultsDirectory()).isEqualTo(basedir.resolve("target/k6-results"));
        assertThat(settings.resultFiles()).containsExactly(basedir.resolve("target/jmeter/results/checkout.csv"),
                basedir.resolve("src/test/perf/baseline.ndjson.gz"));
        assertThat(settings.reportDirectory()).isEqualTo(basedir.resolve("target/perf-reports"));
        assertThat(settings.failOnK6Thresholds()).isFalse();
        assertThat(settings.ingestThreads()).isEqualTo(3);
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "ingestThreads", value = "-1")
    void shouldRefuseANegativeNumberOfIngestThreads(CheckMojo mojo) {
        assertThatThrownBy(() -> answering(mojo, keptAvg()).execute())
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf:check: ingestThreads must be 0 (as many as there are processors) or more, was -1");
        assertThat(asked.get()).isNull();
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "skip", value = "true")
    void shouldSkipWithPerfSkip(CheckMojo mojo) throws Exception {
        answering(mojo, failedP95()).execute();

        assertThat(asked.get()).isNull();
        assertThat(log.lines()).containsExactly("[INFO] Skipping perf:check (perf.skip or perf.check.skip is set)");
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "skipCheck", value = "true")
    void shouldSkipWithPerfCheckSkip(CheckMojo mojo) throws Exception {
        answering(mojo, failedP95()).execute();

        assertThat(asked.get()).isNull();
        assertThat(log.lines()).containsExactly("[INFO] Skipping perf:check (perf.skip or perf.check.skip is set)");
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldPassTheBuildWhenEveryLineHolds(CheckMojo mojo) throws Exception {
        answering(mojo, keptAvg()).execute();

        assertThat(asked.get().budgetFile()).isEqualTo(mojo.settings().budgetFile());
        assertThat(log.at("WARNING")).isEmpty();
        assertThat(log.at("ERROR")).isEmpty();
        assertThat(log.at("INFO")).containsSubsequence("PASS     http_req_duration  avg<1000   16.37 ms",
                "perfgate: PASSED - 1 passed (1 budget line)", "Report: target/perf/perf-report.json",
                "Performance budget passed");
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldFailTheBuildNamingEachFailedLine(CheckMojo mojo) {
        answering(mojo, failedP95(), keptAvg(), failedRate());

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .hasMessage("Performance budget failed (perf-budget.yaml):" + System.lineSeparator() + FAILED_P95
                        + System.lineSeparator() + FAILED_RATE);
        assertThat(log.at("ERROR")).containsExactly(
                "FAIL     http_req_duration  p(95)<20   69.27 ms",
                "         " + FAILED_P95,
                "FAIL     http_req_failed    rate<0.01  0.05363",
                "         " + FAILED_RATE,
                "perfgate: FAILED - 2 failed, 1 passed (3 budget lines)");
        assertThat(log.at("INFO")).contains("PASS     http_req_duration  avg<1000   16.37 ms");
    }

    @Test
    @InjectMojo(goal = "check")
    @MojoParameter(name = "failOnViolation", value = "false")
    void shouldOnlyWarnAboutAFailedBudgetWhenToldNotToFail(CheckMojo mojo) throws Exception {
        answering(mojo, failedP95(), keptAvg()).execute();

        assertThat(log.at("WARNING")).containsExactly("Performance budget failed (perf-budget.yaml):"
                + System.lineSeparator() + FAILED_P95, "perf.failOnViolation is false, so the build goes on");
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldOnlyWarnAboutWarnLines(CheckMojo mojo) throws Exception {
        answering(mojo, keptAvg(), warnedP90()).execute();

        assertThat(log.at("ERROR")).isEmpty();
        assertThat(log.at("WARNING")).containsExactly(
                "WARN     http_req_duration  p(90)<50   59.46 ms",
                "         " + WARNED_P90,
                "perfgate: PASSED WITH WARNINGS - 1 warning, 1 passed (2 budget lines)",
                "Performance budget passed with warnings: " + WARNED_P90);
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldStopTheBuildWithAnErrorWhenALineCannotBeDecided(CheckMojo mojo) {
        answering(mojo, failedP95(), undecided());

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Performance budget could not be decided (perf-budget.yaml):" + System.lineSeparator()
                        + UNDECIDED);
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldNameTheGatesErrorMessagesWhenNoLineIsUndecided(CheckMojo mojo) {
        answering(mojo, List.of("target/perf/checkout/run.ndjson line 7: not JSON"), keptAvg());

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("Performance budget could not be decided (perf-budget.yaml):" + System.lineSeparator()
                        + "target/perf/checkout/run.ndjson line 7: not JSON");
        assertThat(log.lines()).startsWith("[ERROR] target/perf/checkout/run.ndjson line 7: not JSON");
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldForwardTheGatesMessagesAtTheirLevel(CheckMojo mojo) throws Exception {
        mojo.setLog(log);
        CheckMojo.Gate passing = answering(mojo, keptAvg()).gate;
        mojo.gate = (settings, environment, diagnostics) -> {
            diagnostics.info("read 1220 samples from run.ndjson");
            diagnostics.warning("summary.json holds no p(99)");
            return passing.run(settings, environment, new Diagnostics());
        };

        mojo.execute();

        assertThat(log.lines()).startsWith("[INFO] read 1220 samples from run.ndjson",
                "[WARNING] summary.json holds no p(99)");
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldTurnUnusableInputIntoABuildError(CheckMojo mojo) {
        BadInputException problem = new BadInputException(new SourceLocation(BUDGET, 3, 22),
                "unknown aggregation 'p95'; write p(95)");
        mojo.setLog(log);
        mojo.history = "none";
        mojo.gate = (settings, environment, diagnostics) -> {
            throw problem;
        };

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf-budget.yaml line 3, column 22: unknown aggregation 'p95'; write p(95)")
                .hasCause(problem);
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldTurnFailedIoIntoABuildError(CheckMojo mojo) {
        mojo.setLog(log);
        mojo.history = "none";
        mojo.gate = (settings, environment, diagnostics) -> {
            throw new UncheckedIOException("cannot write target/perf/perf-report.html: disk full",
                    new IOException("disk full"));
        };

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoExecutionException.class)
                .hasMessage("perf:check could not read or write its files: cannot write "
                        + "target/perf/perf-report.html: disk full");
    }

    @Test
    @InjectMojo(goal = "check")
    void shouldKeepControlCharactersOfResultNamesOutOfTheConsole(CheckMojo mojo) {
        String sentence = "http_req_duration{name:evil\u001b[31m} p(95) is 69.27 ms, but the budget is < 20 ms";
        answering(mojo, line("p(95)<20", Statistic.percentile(95), 20, 69.27, Verdict.FAIL, sentence));

        assertThatThrownBy(mojo::execute)
                .isInstanceOf(MojoFailureException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
        List<String> all = new ArrayList<>(log.lines());
        assertThat(all).noneMatch(text -> text.contains("\u001b"));
    }
}
