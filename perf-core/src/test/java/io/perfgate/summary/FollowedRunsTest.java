package io.perfgate.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.gate.CheckRequest;
import io.perfgate.gate.GateOutcome;
import io.perfgate.gate.PerfGate;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.model.KeptSeries;
import io.perfgate.run.K6Options;
import io.perfgate.run.K6RunFailedException;
import io.perfgate.run.K6Runner;
import io.perfgate.run.ResultsFollower;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.ResultsFingerprint;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * perf:k6's following against a real process: the k6 stand-in replays a real recording, writing its NDJSON
 * slowly in pieces cut wherever they fall, most of them in the middle of a line, and misbehaves on request
 * (killed mid-write, the file truncated or rotated under the reader, gzip). The summary, when there is one,
 * gives what reading the finished file gives.
 */
class FollowedRunsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final String BUDGET = """
            thresholds:
              http_req_duration: ["p(95)<500"]
              "http_req_duration{name:fast}": ["p(99)<50"]
              "http_req_failed{name:flaky,status:500}": ["rate<0.5"]
            """;

    @TempDir
    Path work;

    private Path script;
    private Path output;
    private Path budget;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** The sizes of the file each time the follower went on reading while k6 ran. */
    private final List<Long> seenWhileK6Ran = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void writeScriptAndBudget() throws IOException {
        script = Files.writeString(work.resolve("checkout.js"), "export default function () {}\n");
        output = work.resolve("target/perf");
        budget = Files.writeString(work.resolve("perf-budget.yaml"), BUDGET);
    }

    private Set<SeriesKey> tracked() {
        return KeptSeries.of(io.perfgate.budget.BudgetParser.parse(budget, budget.toString()));
    }

    private void run(String recording, String... variables) {
        Map<String, String> environment = new HashMap<>(Map.of("K6_STANDIN_RUN", recording, "K6_STANDIN_PIECES", "12",
                "K6_STANDIN_PIECE_PAUSE", "0.15"));
        for (String variable : variables) {
            environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        K6Options options = K6Options.builder(output).executable(Recordings.standIn().toString()).workingDirectory(work)
                .environment(environment).killGracePeriod(Duration.ofSeconds(2)).build();
        ResultsFollowing following = new ResultsFollowing(tracked(), log::add, Duration.ofMillis(20));
        ResultsFollower watched = (file, run, k6Exited) -> following.start(file, run, watching(file, k6Exited));
        new K6Runner(options, OptionSpelling.KEYS, watched, line -> { }, line -> { }).run(script);
    }

    /** Notes how big the file was each time the follower asked whether k6 was gone, before reading on. */
    private BooleanSupplier watching(Path file, BooleanSupplier k6Exited) {
        return () -> {
            boolean gone = k6Exited.getAsBoolean();
            if (!gone) {
                seenWhileK6Ran.add(file.toFile().length());
            }
            return gone;
        };
    }

    private Path ndjson() {
        return output.resolve("checkout/run.ndjson");
    }

    private Path summary() {
        return output.resolve("checkout/run-summary.json");
    }

    private GateOutcome check(Path reports) {
        return PerfGate.check(new CheckRequest(budget, output, List.of(), reports, true), new Diagnostics(), CLOCK);
    }

    /** The report files' text without the one info line that says where the results came from. */
    private static String reports(GateOutcome outcome) throws IOException {
        StringBuilder text = new StringBuilder();
        for (Path file : outcome.reportFiles()) {
            text.append(file.getFileName()).append('\n');
            Files.readString(file).lines().filter(line -> !line.contains("run.ndjson is taken from its run summary")
                    && !line.contains("run.ndjson is read whole")).forEach(line -> text.append(line).append('\n'));
        }
        return text.toString();
    }

    private static List<String> messages(GateOutcome outcome) {
        return outcome.report().messages().stream().map(Diagnostic::text).toList();
    }

    private String fingerprintOf(boolean fromSummary) {
        Diagnostics diagnostics = new Diagnostics();
        ResultsCollector collector = new ResultsCollector(tracked(), diagnostics);
        if (fromSummary) {
            RunSummaries.read(ndjson(), "run.ndjson", collector, OptionalDouble.empty(), ResultIngest.DEFAULT_THREADS,
                    OptionSpelling.KEYS, diagnostics);
            assertThat(diagnostics.all().get(0).text()).isEqualTo("run.ndjson is taken from its run summary "
                    + "run-summary.json, which k6Run wrote while k6 ran");
        } else {
            ResultIngest.readFile(ndjson(), "run.ndjson", collector, OptionalDouble.empty(), diagnostics);
        }
        return ResultsFingerprint.of(collector.results(), tracked());
    }

    @Test
    void shouldSummariseTheRunWhileK6WritesItInPiecesCutInTheMiddleOfLines() throws IOException {
        run("b_fail");

        assertThat(summary()).isRegularFile();
        assertThat(log).singleElement().asString().matches("read the results of checkout.js while k6 wrote them "
                + "\\(17356 samples\\); the gate takes them from .*/checkout/run-summary.json");
        // it went on reading as the pieces came: it saw the file at many sizes before k6 was done
        assertThat(seenWhileK6Ran.stream().distinct().filter(size -> size > 0)).hasSizeGreaterThanOrEqualTo(10);
        assertThat(fingerprintOf(true)).isEqualTo(fingerprintOf(false));

        GateOutcome fromSummary = check(work.resolve("reports-from-summary"));
        Files.delete(summary());
        GateOutcome readWhole = check(work.resolve("reports-read-whole"));

        assertThat(messages(fromSummary)).anyMatch(text -> text.endsWith("checkout/run.ndjson is taken from its run "
                + "summary run-summary.json, which k6Run wrote while k6 ran"));
        assertThat(messages(readWhole)).anyMatch(text -> text.endsWith("checkout/run.ndjson is read whole: there is no "
                + "run summary beside it (k6Run writes run-summary.json as k6 runs)"));
        assertThat(reports(fromSummary)).isEqualTo(reports(readWhole));
    }

    @Test
    void shouldSummariseWhatK6WroteBeforeItWasKilledAsReadingTheCutFileDoes() throws IOException {
        assertThatThrownBy(() -> run("killed")).isInstanceOf(K6RunFailedException.class);

        RunSummary summary = RunSummaryFile.read(summary());
        assertThat(summary.messages()).singleElement().satisfies(message -> assertThat(message.text())
                .matches(" line \\d+: the last line is cut off \\(k6 stopped while writing\\?\\); it was skipped, the "
                        + "lines before it were read"));
        assertThat(summary.resultsBytes()).isEqualTo(Files.size(ndjson()));
        assertThat(fingerprintOf(true)).isEqualTo(fingerprintOf(false));
    }

    @Test
    void shouldLeaveNoSummaryForAFileTruncatedUnderTheReader() throws IOException {
        run("truncated");

        assertThat(summary()).doesNotExist();
        assertThat(log).singleElement().asString().matches("the results of checkout.js were not summarised while k6"
                + " wrote them: it was cut from \\d+ to \\d+ bytes while it was read \\(truncated\\); the gate reads "
                + "run.ndjson whole");
        assertThat(messages(check(work.resolve("reports")))).anyMatch(text -> text.endsWith("is read whole: there is"
                + " no run summary beside it (k6Run writes run-summary.json as k6 runs)"));
    }

    @Test
    void shouldLeaveNoSummaryForAFileRotatedUnderTheReader() {
        run("rotated");

        assertThat(summary()).doesNotExist();
        assertThat(log).containsExactly("the results of checkout.js were not summarised while k6 wrote them: another"
                + " file took its place while it was read (rotated); the gate reads run.ndjson whole");
    }

    @Test
    void shouldSayThatGzipCannotBeFollowedAndLeaveTheFileToTheGate() throws IOException {
        run("gzipped");

        assertThat(summary()).doesNotExist();
        assertThat(log).containsExactly("the results of checkout.js were not summarised while k6 wrote them: it is"
                + " gzipped, and a gzip stream cannot be read before it is complete; the gate reads run.ndjson whole");
        GateOutcome outcome = check(work.resolve("reports"));
        assertThat(outcome.report().sources()).singleElement().satisfies(source ->
                assertThat(source.samples()).isEqualTo(13745));
    }
}
