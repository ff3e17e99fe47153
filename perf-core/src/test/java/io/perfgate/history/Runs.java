package io.perfgate.history;

import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.StatementPlan;
import io.perfgate.model.Verdict;
import io.perfgate.stats.CompressedHistogram;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.HdrHistogram.DoubleHistogram;

/** Runs for the history tests. */
final class Runs {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    static final SeriesKey CHECKOUT = SeriesKey.of("http_req_duration", "name", "checkout");

    private Runs() {
    }

    /** A small run started {@code minute} minutes after {@link #T0}. */
    static RunRecord run(String project, String branch, String runId, int minute, Verdict verdict) {
        return builder(project, branch, runId, minute, verdict).build();
    }

    static RunRecord.Builder builder(String project, String branch, String runId, int minute, Verdict verdict) {
        return RunRecord.builder().project(project).branch(branch).runId(runId)
                .startedAt(T0.plusSeconds(60L * minute)).verdict(verdict)
                .series(new SeriesSummary(CHECKOUT, MetricType.TREND, MetricContents.TIME, 100 + minute, OptionalDouble.of(10),
                        OptionalDouble.of(1), OptionalDouble.of(20), OptionalDouble.of(18), OptionalDouble.of(30),
                        OptionalDouble.of(35 + minute), OptionalDouble.empty(), OptionalDouble.of(90),
                        OptionalDouble.empty(), Optional.empty()));
    }

    /** A run with every part filled in, odd characters included. */
    static RunRecord full(String project, String runId) {
        DoubleHistogram values = new DoubleHistogram(4);
        for (int i = 1; i <= 1000; i++) {
            values.recordValue(i * 0.37);
        }
        return RunRecord.builder()
                .project(project)
                .branch("feature/Ünïcode-😀")
                .commit("9fceb02d0ae598e95dc970b74767f19372d61af8")
                .runId(runId)
                .buildUrl("https://ci.example/job/shop/" + runId + "?a=1&b=\"2\"")
                .startedAt(Instant.parse("2025-03-01T12:34:56.123456789Z"))
                .label("agent", "linux-4")
                .label("jdk", "17.0.15")
                .label("quote\"key", "line\nbreak")
                .verdict(Verdict.WARN)
                .series(new SeriesSummary(CHECKOUT, MetricType.TREND, MetricContents.TIME, 1000, OptionalDouble.of(40.5),
                        OptionalDouble.of(0.37), OptionalDouble.of(185.185), OptionalDouble.of(185.0),
                        OptionalDouble.of(333.0), OptionalDouble.of(351.5), OptionalDouble.of(366.3),
                        OptionalDouble.of(370.0), OptionalDouble.of(0.012),
                        Optional.of(CompressedHistogram.encode(values))))
                .series(new SeriesSummary(new SeriesKey("group_duration", java.util.Map.of("group", "::api", "name",
                        "a,b}c")), MetricType.TREND, MetricContents.DEFAULT, 0, OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty()))
                .line(new LineVerdict(CHECKOUT, "p(95)<300ms", OptionalDouble.of(351.5), Verdict.FAIL))
                .line(new LineVerdict(SeriesKey.of("http_req_failed"), "rate<1%", OptionalDouble.empty(),
                        Verdict.ERROR))
                .line(new LineVerdict(SeriesKey.of("checks"), "rate>0.99", OptionalDouble.of(1.0E-300), Verdict.PASS))
                .build();
    }

    /**
     * The full run with the statements its load ran in the database: two of twelve kept, one of them
     * multi-line, with quotes and characters of every plane and its plan's shape, and one without requests
     * counted or plan.
     */
    static RunRecord withStatements(String project, String runId) {
        RunRecord full = full(project, runId);
        RecordedStatements statements = new RecordedStatements(12, List.of(
                new DatabaseStatementRow(-6_917_402_351_266_385_121L, "shop_app",
                        "SELECT id, \"näme\" 😀\n  FROM guests\n WHERE id = $1 AND note <> '\\'", 24_240,
                        OptionalDouble.of(20.0), 0.0412, 998.688, 24_240, Optional.of(new StatementPlan(
                                "5d3c2a91f04be7a6", "Nested Loop: Seq Scan on bookings, Index Scan on \"gäste\"", ""))),
                new DatabaseStatementRow(Long.MAX_VALUE, "", "", 3, OptionalDouble.empty(), 1.0E-3, 3.0E-3, 0)));
        return new RunRecord(full.project(), full.branch(), full.commit(), full.runId(), full.buildUrl(),
                full.startedAt(), full.labels(), full.verdict(), full.series(), full.rounds(), full.lines(),
                Optional.of(statements));
    }

    /**
     * A build of three rounds: the full run's series pooled, each round's statistics of them, and a
     * counter that the second round did not measure.
     */
    static RunRecord repeated(String project, String runId) {
        RunRecord full = full(project, runId);
        SeriesKey requests = SeriesKey.of("http_reqs");
        SeriesSummary pooledRequests = new SeriesSummary(requests, MetricType.COUNTER, MetricContents.DEFAULT, 900,
                OptionalDouble.of(30), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), Optional.empty());
        RunRecord.Builder run = RunRecord.builder().project(project).branch(full.branch())
                .commit(full.commit().orElseThrow()).runId(runId).buildUrl(full.buildUrl().orElseThrow())
                .startedAt(full.startedAt()).labels(full.labels()).verdict(full.verdict());
        full.series().forEach(run::series);
        run.series(pooledRequests);
        full.lines().forEach(run::line);
        double[] p95 = {340.5, 362.25, 351.5};
        for (int round = 0; round < 3; round++) {
            List<SeriesSummary> series = new ArrayList<>();
            series.add(new SeriesSummary(CHECKOUT, MetricType.TREND, MetricContents.TIME, 333 + round,
                    OptionalDouble.of(40 + round), OptionalDouble.of(0.37 + round), OptionalDouble.of(185.185),
                    OptionalDouble.of(185.0), OptionalDouble.of(333.0), OptionalDouble.of(p95[round]),
                    OptionalDouble.empty(), OptionalDouble.of(370.0), OptionalDouble.of(0.01 * round),
                    Optional.empty()));
            if (round != 1) {
                series.add(new SeriesSummary(requests, MetricType.COUNTER, MetricContents.DEFAULT, 450,
                        OptionalDouble.of(30.5), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(),
                        OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), Optional.empty()));
            }
            run.round(series);
        }
        return run.build();
    }
}
