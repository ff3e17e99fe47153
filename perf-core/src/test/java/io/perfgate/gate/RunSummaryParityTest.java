package io.perfgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.budget.BudgetParser;
import io.perfgate.database.DatabaseSnapshots;
import io.perfgate.database.SnapshotFile;
import io.perfgate.database.StatementKey;
import io.perfgate.database.StatementSnapshot;
import io.perfgate.database.StatementStatistics;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.history.FileHistoryStore;
import io.perfgate.history.HistoryStore;
import io.perfgate.history.RecordedRun;
import io.perfgate.history.RunRecord;
import io.perfgate.model.LineResult;
import io.perfgate.model.Verdict;
import io.perfgate.run.K6RunRecord;
import io.perfgate.run.RunRole;
import io.perfgate.stats.SeriesKey;
import io.perfgate.model.KeptSeries;
import io.perfgate.summary.ResultsFollowing;
import io.perfgate.summary.RunSummaryFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build's verdict is the same whether its k6 runs' results come from the run summaries perf:k6 wrote or
 * from reading the NDJSON files whole: every budget line (fixed limits with tag filters, k6's own crossed
 * thresholds, regression rules over A/B rounds, database lines per request), the per-series summary table
 * and the run recorded in the history; the reports differ only in the line that says where the results came
 * from.
 */
class RunSummaryParityTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    private static final String BUDGET = """
            thresholds:
              http_req_duration: ["p(95)<500", "p(95) < baseline + 10%"]
              "http_req_duration{name:fast}": ["p(99)<50", "med < baseline * 1.2"]
              "http_req_duration{name:slow,expected_response:true}": ["avg<60", "max<200"]
              "http_req_waiting{name:slow}": ["p(90)<70"]
              "http_req_failed{status:500}": ["rate<0.5"]
              http_req_failed: ["rate < baseline + 0.5%"]
              http_reqs: ["count>100", "rate>10"]
              iterations: ["rate > baseline - 5%"]
              "checks{check:status is 200}": ["rate>0.9"]
              vus: ["value<100"]
              "http_req_duration{name:nowhere}": [{threshold: "p(95)<1", severity: warn}]
              "db.query{match:\\"from bookings\\"}": ["calls_per_request<=3", "mean<5ms"]
              db.query: ["calls_per_iteration<50"]
            """;
    private static final int ROUNDS = 3;

    @TempDir
    Path project;

    private Path perf() {
        return project.resolve("target/perf");
    }

    /** Lays out an A/B build as perf:k6 leaves it, plain NDJSON, and has each run summarised as following would. */
    private Path budgetAndRuns() throws IOException {
        Path budget = Files.writeString(project.resolve("perf-budget.yaml"), BUDGET);
        Set<SeriesKey> tracked = KeptSeries.of(BudgetParser.parse(budget, budget.toString()));
        for (int round = 1; round <= ROUNDS; round++) {
            // the candidate crossed k6's thresholds (exit 99): its crossings become lines of their own
            run(RunRole.BASELINE, round, "a_pass", tracked);
            run(RunRole.CANDIDATE, round, "b_fail", tracked);
        }
        Path db = DatabaseSnapshots.folder(perf());
        Files.createDirectories(db);
        Instant before = Instant.parse("2026-11-23T10:19:30Z");
        SnapshotFile.write(db.resolve(DatabaseSnapshots.BEFORE_FILE), snapshot(before, 100, 40));
        SnapshotFile.write(db.resolve(DatabaseSnapshots.AFTER_FILE), snapshot(before.plusSeconds(40), 3_700, 9_000));
        return budget;
    }

    private void run(RunRole role, int round, String recording, Set<SeriesKey> tracked) throws IOException {
        Path folder = perf().resolve("shop").resolve(role.id() + "-" + round);
        Files.createDirectories(folder);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(RunFolders.fixture(recording,
                "run.ndjson.gz")))) {
            Files.copy(in, folder.resolve("run.ndjson"));
        }
        Files.copy(RunFolders.fixture(recording, "summary.json"), folder.resolve("summary.json"));
        new K6RunRecord(K6RunRecord.SCHEMA_VERSION, "/project/src/test/k6/shop.js", List.of("k6", "run"),
                List.of("BASE_URL"), RunFolders.exitCode(recording), false, Instant.parse("2026-11-23T10:00:00Z"),
                10_000, "run.ndjson", "summary.json", role, round).write(folder.resolve(K6RunRecord.FILE_NAME));
        ResultsFollowing.summarise(folder.resolve("run.ndjson"), tracked);
    }

    private static StatementSnapshot snapshot(Instant at, long bookingCalls, long otherCalls) {
        return new StatementSnapshot(at, "db.example:5432/shop", "17.5", 170005, "1.11",
                Optional.of(Instant.parse("2026-11-22T00:00:00Z")), OptionalLong.of(0), List.of(
                        statement(1, "SELECT * FROM bookings WHERE guest_id = $1", bookingCalls, bookingCalls * 0.8),
                        statement(2, "SELECT * FROM guests WHERE id = $1", otherCalls, otherCalls * 0.2)));
    }

    private static StatementStatistics statement(long queryId, String query, long calls, double totalTimeMs) {
        return new StatementStatistics(new StatementKey(10, 16384, queryId, true), "shop", query, calls, totalTimeMs,
                totalTimeMs / calls, totalTimeMs, calls, calls * 4, calls / 10, Optional.empty());
    }

    /** Checks with a new history, which is then moved to {@code history-<name>}; reports go to {@code reports-<name>}. */
    private GateOutcome check(Path budget, String name) throws IOException {
        HistoryStore store = new FileHistoryStore(project.resolve("history"), new Diagnostics());
        HistoryOptions history = new HistoryOptions(store, "shop", new RunIdentity("main", "main", Optional.empty(),
                "build-7", Optional.empty()), HistoryOptions.DEFAULT_BASELINE_RUNS, true, Map.of());
        GateOutcome outcome = PerfGate.check(new CheckRequest(budget, perf(), List.of(), project.resolve("reports-"
                + name), true).withHistory(history), new Diagnostics(), CLOCK);
        Files.move(project.resolve("history"), project.resolve("history-" + name));
        return outcome;
    }

    private RunRecord recorded(String name) {
        return new FileHistoryStore(project.resolve("history-" + name), new Diagnostics()).runs("shop", "main", 10)
                .stream().map(RecordedRun::run).findFirst().orElseThrow();
    }

    /** The report files' text without the lines that say where each run's results came from. */
    private static String reports(GateOutcome outcome) {
        StringBuilder text = new StringBuilder();
        for (Path file : outcome.reportFiles()) {
            text.append("== ").append(file.getFileName()).append('\n');
            try {
                Files.readString(file).lines().filter(line -> !line.contains("is taken from its run summary")
                        && !line.contains("is read whole")).forEach(line -> text.append(line).append('\n'));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return text.toString();
    }

    private static List<String> infos(GateOutcome outcome) {
        return outcome.report().messages().stream().filter(message -> message.level() == Diagnostic.Level.INFO)
                .map(Diagnostic::text).filter(text -> text.contains("run.ndjson")).toList();
    }

    @Test
    void shouldGiveTheSameVerdictReportsAndHistoryRecordFromSummariesAsFromReadingTheFiles() throws IOException {
        Path budget = budgetAndRuns();

        GateOutcome fromSummaries = check(budget, "summaries");
        try (Stream<Path> files = Files.walk(perf())) {
            for (Path summary : files.filter(file -> file.getFileName().toString().equals("run-summary.json"))
                    .toList()) {
                Files.delete(summary);
            }
        }
        GateOutcome readWhole = check(budget, "read");

        assertThat(infos(fromSummaries)).hasSize(2 * ROUNDS).allSatisfy(text -> assertThat(text)
                .endsWith("run.ndjson is taken from its run summary run-summary.json, which k6Run wrote while k6 ran"));
        assertThat(infos(readWhole)).hasSize(2 * ROUNDS).allSatisfy(text -> assertThat(text)
                .endsWith("run.ndjson is read whole: there is no run summary beside it (k6Run writes run-summary.json"
                        + " as k6 runs)"));
        // Every kind of line was judged, from the same numbers.
        assertThat(fromSummaries.report().lines()).extracting(line -> line.line().label())
                .contains("http_req_duration: p(95) < baseline + 10%", "db.query{match:\"from bookings\"}: "
                        + "calls_per_request<=3", "http_req_duration{name:slow}: p(99)<50");
        assertThat(fromSummaries.report().lines()).extracting(LineResult::verdict).contains(Verdict.PASS, Verdict.FAIL);
        assertThat(fromSummaries.report().lines()).isEqualTo(readWhole.report().lines());
        assertThat(fromSummaries.report().series()).isEqualTo(readWhole.report().series());
        assertThat(recorded("summaries")).isEqualTo(recorded("read"));
        assertThat(reports(fromSummaries)).isEqualTo(reports(readWhole));
        assertThat(RunSummaryFile.beside(perf().resolve("shop/candidate-1/run.ndjson"))).doesNotExist();
    }
}
