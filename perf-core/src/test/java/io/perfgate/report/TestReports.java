package io.perfgate.report;

import io.perfgate.budget.DatabaseLine;
import io.perfgate.budget.DatabaseSelector;
import io.perfgate.budget.DatabaseStatistic;
import io.perfgate.budget.Limit;
import io.perfgate.budget.Operator;
import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.Severity;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.SourceLocation;
import io.perfgate.ingest.ResultSource;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.FailedRequests;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.LineSentence;
import io.perfgate.model.PhaseSplit;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.StatementPlan;
import io.perfgate.model.StatementShift;
import io.perfgate.model.Trend;
import io.perfgate.model.TrendChangePoint;
import io.perfgate.model.TrendLimit;
import io.perfgate.model.TrendPoint;
import io.perfgate.model.ValueFormat;
import io.perfgate.model.Verdict;
import io.perfgate.regression.ChangeInterval;
import io.perfgate.regression.Direction;
import io.perfgate.regression.FailLevel;
import io.perfgate.regression.RegressionOutcome;
import io.perfgate.regression.RegressionRule;
import io.perfgate.regression.RegressionVerdict;
import io.perfgate.regression.Sensitivity;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;

/** Hand-built reports for the writer tests. */
final class TestReports {

    static final Instant CREATED_AT = Instant.parse("2025-06-02T09:30:00Z");
    static final String BUDGET = "perf-budget.yaml";

    private TestReports() {
    }

    /**
     * Four failed lines (a regression and a database line among them), one warning, one undecided, four
     * passed; a summary, trends, the database section, sources and messages.
     */
    static GateReport realistic() {
        List<LineResult> lines = List.of(
                line("http_req_duration", Statistic.percentile(95), "<", time(500, "ms", "500ms"),
                        "p(95)<500ms", Severity.FAIL, "Overall latency", 4, 69.27, Verdict.PASS,
                        "http_req_duration p(95) is 69.27 ms, within the budget of < 500 ms"),
                line("http_req_duration{name:checkout}", Statistic.percentile(95), "<", bare(300),
                        "p(95)<300", Severity.FAIL, "Checkout must stay snappy", 7, 612.4, Verdict.FAIL,
                        "http_req_duration{name:checkout} p(95) is 612.4 ms, but the budget is < 300 ms")
                        .withExplanations(List.of(checkoutPhases(), checkoutFailures(), bookingsShift(), guestsShift())),
                line("http_req_duration{name:search}", Statistic.AVG, "<", time(200, "ms", "200ms"),
                        "avg<200ms", Severity.WARN, "", 9, 231.7, Verdict.WARN,
                        "http_req_duration{name:search} avg is 231.7 ms, but the budget is < 200 ms")
                        .withExplanations(List.of(searchPhases())),
                line("http_req_failed", Statistic.RATE, "<", percent(0.01, "1%"),
                        "rate<1%", Severity.FAIL, "At most one request in a hundred may fail", 12, 0.0536,
                        Verdict.FAIL, "http_req_failed rate is 5.36%, but the budget is < 1%")
                        .withExplanations(List.of(allFailures())),
                line("http_req_duration{name:slow}", Statistic.percentile(99), "<", bare(50),
                        "p(99)<50", Severity.FAIL, "", 15, null, Verdict.ERROR,
                        "http_req_duration{name:slow} p(99) could not be evaluated: the k6 summary export holds "
                                + "only avg, min, med, max, p(90), p(95) (summaryTrendStats)"),
                line("checks", Statistic.RATE, ">", bare(0.95), "rate>0.95", Severity.FAIL, "", 18, 0.9571,
                        Verdict.PASS, "checks rate is 0.9571, within the budget of > 0.95"),
                line("http_reqs", Statistic.COUNT, ">", bare(1000), "count>1000", Severity.WARN, "", 20, 1212.0,
                        Verdict.PASS, "http_reqs count is 1212, within the budget of > 1000"),
                line("iteration_duration", Statistic.MED, "<", time(1000, "s", "1s"), "med<1s", Severity.FAIL,
                        "", 22, 512.3, Verdict.PASS, "iteration_duration med is 0.5123 s, within the budget of < 1 s"),
                regressionLine(),
                databaseLine());
        List<SeriesSummary> series = List.of(
                summary("http_req_duration", MetricContents.TIME, 1212, 121.2,
                        0.512, 16.37, 4.936, 57.61, 69.27, null, 81.3, 0.0536),
                summary("http_req_duration{name:checkout}", MetricContents.TIME, 404, 40.4,
                        210.3, 402.1, 380.2, 570.9, 612.4, null, 910.7, 0.0124),
                summary("http_req_duration{name:search}", MetricContents.TIME, 404, 40.4,
                        120.5, 231.7, 220.1, 290.4, 310.8, null, 402.2, 0.0),
                summary("http_req_duration{name:slow}", MetricContents.TIME, 404, 40.4,
                        20.1, 49.8, 50.2, 74.9, 77.6, null, 80.0, null),
                summary("http_req_failed", MetricContents.DEFAULT, 1212, 121.2,
                        null, null, null, null, null, null, null, null),
                summary("http_reqs", MetricContents.DEFAULT, 1212, 121.2,
                        null, null, null, null, null, null, null, null),
                summary("iteration_duration", MetricContents.TIME, 303, 30.3,
                        401.2, 512.3, 512.3, 1203.0, 1530.0, null, 2104.5, null),
                summary("data_received", MetricContents.DATA, 1212, 121.2,
                        320.0, 1843.2, 1500.0, 4096.0, 8192.0, null, 2_500_000.0, null));
        List<ResultSource> sources = List.of(
                new ResultSource("target/k6/checkout/run.ndjson.gz", "k6-ndjson", 12120),
                new ResultSource("target/k6/checkout/summary.json", "k6-summary-export", 0));
        List<Diagnostic> messages = List.of(
                new Diagnostic(Diagnostic.Level.INFO, "read 12120 samples from target/k6/checkout/run.ndjson.gz"),
                new Diagnostic(Diagnostic.Level.WARNING, "target/k6/checkout/summary.json exports no p(99) "
                        + "(summaryTrendStats); lines asking for it cannot be decided"),
                new Diagnostic(Diagnostic.Level.WARNING, EVICTED_NOTE));
        return new GateReport(CREATED_AT, BUDGET, sources, lines, series, messages, Verdict.ERROR,
                List.of(latencyTrend(), failureTrend()), Optional.of(databaseSection()));
    }

    static final String EVICTED_NOTE = "1 statement was reset or evicted between the snapshots (counters went "
            + "down or stats_since moved): for it the numbers since then are used";

    /** A multi-line statement longer than a cell shows. */
    static final String REVENUE_QUERY = """
            SELECT r.id, r.name, count(b.id) AS nights_booked, sum(b.price) AS revenue
              FROM rooms r
              LEFT JOIN bookings b ON b.room = r.id AND b.day BETWEEN $1 AND $2
             WHERE r.hotel_id = $3
             GROUP BY r.id, r.name
             ORDER BY revenue DESC NULLS LAST
             LIMIT $4""";

    /**
     * What a booking service's database ran for the 1212 requests of the load run: twelve statements,
     * among them the N+1 pattern (the bookings of each guest fetched one guest at a time, 20 calls per
     * request) that {@link #databaseLine()} catches, and a slow report query.
     */
    static DatabaseSection databaseSection() {
        long requests = 1212;
        List<DatabaseStatementRow> all = List.of(
                statement(-6_917_402_351_266_385_121L, "SELECT id, room, nights, price FROM bookings WHERE guest_id = $1",
                        24_240, 998.7, 24_240, requests),
                statement(4_180_334_772_901_265_773L, REVENUE_QUERY, 404, 772.4, 8080, requests),
                statement(1_305_771_118_440_219_907L, "SELECT b.id, b.guest_id, b.day FROM bookings b WHERE b.day = $1",
                        1212, 255.0, 24_240, requests),
                statement(-220_981_417_690_012_448L, "INSERT INTO bookings (guest_id, room, day, nights, price) "
                        + "VALUES ($1, $2, $3, $4, $5)", 404, 142.2, 404, requests),
                statement(7_730_118_026_345_880_412L, "UPDATE rooms SET available = available - $1 WHERE id = $2 "
                        + "AND available >= $1", 404, 116.2, 401, requests),
                statement(3_004_512_877_610_234_981L, "SELECT name, email FROM guests WHERE id = $1", 1212, 47.0, 1212,
                        requests),
                statement(-4_410_981_273_005_661_390L, "SELECT id, name, available FROM rooms WHERE hotel_id = $1 "
                        + "ORDER BY name", 404, 38.5, 8080, requests),
                statement(902_114_663_871_220_045L, "SELECT count(*) FROM bookings WHERE day = $1 AND room = $2", 404,
                        25.1, 404, requests),
                statement(-8_812_441_209_337_514_770L, "COMMIT", 808, 10.8, 0, requests),
                statement(5_561_203_984_112_760_339L, "SELECT pg_advisory_xact_lock($1)", 404, 4.5, 404, requests),
                statement(-1_137_620_548_903_215_866L, "BEGIN", 808, 1.7, 0, requests),
                statement(2_276_093_115_480_337_612L, "SELECT $1", 121, 0.8, 121, requests));
        long calls = all.stream().mapToLong(DatabaseStatementRow::calls).sum();
        double total = all.stream().mapToDouble(DatabaseStatementRow::totalTimeMs).sum();
        return new DatabaseSection("db.test:5432/shop", Instant.parse("2025-06-02T09:24:41.118Z"),
                Instant.parse("2025-06-02T09:29:52.904Z"), all.size(), calls, total, OptionalLong.of(requests),
                all.stream().sorted(Comparator.comparingDouble(DatabaseStatementRow::totalTimeMs).reversed())
                        .limit(DatabaseSection.TOP).toList(),
                all.stream().sorted(Comparator.comparingDouble(DatabaseStatementRow::meanTimeMs).reversed())
                        .limit(DatabaseSection.TOP).toList(),
                List.of(EVICTED_NOTE));
    }

    private static DatabaseStatementRow statement(long queryId, String query, long calls, double totalTimeMs,
            long rows, long requests) {
        return new DatabaseStatementRow(queryId, "shop_app", query, calls, OptionalDouble.of((double) calls / requests),
                totalTimeMs / calls, totalTimeMs, rows, queryId == -6_917_402_351_266_385_121L
                        ? Optional.of(BOOKINGS_PLAN) : Optional.empty());
    }

    /** The N+1 statement's plan after the load, as EXPLAIN (GENERIC_PLAN, FORMAT JSON) writes it. */
    static final StatementPlan BOOKINGS_PLAN = new StatementPlan("5d3c2a91f04be7a6",
            "Bitmap Heap Scan: Bitmap Heap Scan on bookings", """
            [
              {
                "Plan": {
                  "Node Type": "Bitmap Heap Scan",
                  "Parallel Aware": false,
                  "Async Capable": false,
                  "Relation Name": "bookings",
                  "Alias": "bookings",
                  "Startup Cost": 4.35,
                  "Total Cost": 15.37,
                  "Plan Rows": 10,
                  "Plan Width": 20,
                  "Recheck Cond": "(guest_id = $1)",
                  "Plans": [
                    {
                      "Node Type": "Bitmap Index Scan",
                      "Parent Relationship": "Outer",
                      "Parallel Aware": false,
                      "Async Capable": false,
                      "Index Name": "bookings_guest_id",
                      "Startup Cost": 0.00,
                      "Total Cost": 4.35,
                      "Plan Rows": 10,
                      "Plan Width": 0,
                      "Index Cond": "(guest_id = $1)"
                    }
                  ]
                }
              }
            ]""");

    /**
     * p(95) of http_req_duration over 30 runs of main: about 55 ms, then from the 19th run (index 18) about
     * 68 ms, a change point there; run 7 flagged (an outlier), run 11 without a value, run 15 pinned. The
     * limit of 500 ms lies far above the values.
     */
    static Trend latencyTrend() {
        List<TrendPoint> points = new ArrayList<>();
        double before = 0;
        double after = 0;
        for (int i = 0; i < 30; i++) {
            double wobble = Math.round(250 * Math.sin(i * 1.7)) / 100.0;
            double value = i == 7 ? 95.3 : (i < 18 ? 55 : 68.4) + wobble;
            OptionalDouble measured = i == 11 ? OptionalDouble.empty() : OptionalDouble.of(value);
            if (i != 7 && i != 11) {
                if (i < 18) {
                    before += value / 16;
                } else {
                    after += value / 12;
                }
            }
            Verdict verdict = i == 11 ? Verdict.ERROR : Verdict.PASS;
            points.add(new TrendPoint(Integer.toString(1201 + i), i == 3 ? Optional.empty()
                    : Optional.of(commit(i)),
                    Optional.of("https://ci.example/job/shop/" + (1201 + i) + "/"),
                    CREATED_AT.minusSeconds(86_400L * (29 - i)), measured,
                    i == 11 ? Optional.empty() : Optional.of(verdict), i == 29 ? Verdict.ERROR : verdict,
                    i == 7 ? Optional.of("noisy agent") : Optional.empty(), i == 15));
        }
        return new Trend(SeriesKey.of("http_req_duration"), Statistic.percentile(95), MetricContents.TIME,
                List.of(new TrendLimit("p(95)<500ms", 500, "ms")), points,
                List.of(new TrendChangePoint(18, "1219", before, after, 0.002)));
    }

    /** A made-up git commit hash, 40 hex digits. */
    static String commit(int build) {
        String hex = UUID.nameUUIDFromBytes(("build " + build).getBytes(StandardCharsets.UTF_8)).toString()
                .replace("-", "");
        return hex + hex.substring(0, 8);
    }

    /** rate of http_req_failed over eight runs, ending with the failing 5.36 %; too few runs for a change point. */
    static Trend failureTrend() {
        double[] rates = {0.0021, 0.0034, 0.0012, 0.0048, 0.0095, 0.0126, 0.0311, 0.0536};
        List<TrendPoint> points = new ArrayList<>();
        for (int i = 0; i < rates.length; i++) {
            Verdict verdict = rates[i] < 0.01 ? Verdict.PASS : Verdict.FAIL;
            points.add(new TrendPoint(Integer.toString(1223 + i), Optional.empty(), Optional.empty(),
                    CREATED_AT.minusSeconds(86_400L * (7 - i)), OptionalDouble.of(rates[i]), Optional.of(verdict),
                    i == rates.length - 1 ? Verdict.ERROR : verdict, Optional.empty(), false));
        }
        return new Trend(SeriesKey.of("http_req_failed"), Statistic.RATE, MetricContents.DEFAULT,
                List.of(new TrendLimit("rate<1%", 0.01, "%")), points, List.of());
    }

    /** {@code payload} in every string a report carries. */
    static GateReport hostile(String payload) {
        SeriesKey key = new SeriesKey("m" + payload, Map.of("name" + payload, payload));
        Limit limit = new Limit(300, Limit.Dimension.TIME, "ms", "300" + payload);
        ThresholdLine budgetLine = new ThresholdLine(key,
                new Threshold(Statistic.percentile(95), Operator.LESS, limit, "p(95)<" + payload),
                Severity.FAIL, "description " + payload, new SourceLocation("budget" + payload + ".yaml", 3, 5));
        List<LineResult> lines = new ArrayList<>();
        for (Verdict verdict : Verdict.values()) {
            lines.add(new LineResult(budgetLine, OptionalDouble.of(612), verdict, "sentence " + payload,
                    "612 ms" + payload, "< 300" + payload).withExplanations(List.of(
                            FailedRequests.of(10, 3, OptionalDouble.of(0.1), Optional.of("4 runs of " + payload),
                                    List.of(new FailedRequests.StatusCount("status " + payload, 2))),
                            StatementShift.of(42, "SELECT '" + payload + "'", 1.5, 2, 0.5, OptionalDouble.of(1),
                                    Optional.of("Index Scan → Seq Scan on t" + payload), "4 runs of " + payload))));
        }
        SeriesSummary summary = new SeriesSummary(key, MetricContents.TIME, 10, OptionalDouble.of(1),
                OptionalDouble.of(1), OptionalDouble.of(2), OptionalDouble.of(3), OptionalDouble.of(4),
                OptionalDouble.of(5), OptionalDouble.of(6), OptionalDouble.of(7), OptionalDouble.of(0.5));
        List<Diagnostic> messages = List.of(new Diagnostic(Diagnostic.Level.ERROR, "error " + payload),
                new Diagnostic(Diagnostic.Level.WARNING, "warning " + payload));
        List<TrendPoint> points = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            points.add(new TrendPoint("run" + payload + i, Optional.of("commit" + payload + i),
                    Optional.of("url" + payload + i), CREATED_AT.minusSeconds(3600L * (12 - i)),
                    OptionalDouble.of(i < 6 ? 100 : 150), Optional.of(Verdict.values()[i % 4]), Verdict.FAIL,
                    i == 2 ? Optional.of("flag" + payload) : Optional.empty(), i == 3));
        }
        Trend trend = new Trend(key, Statistic.percentile(95), MetricContents.TIME,
                List.of(new TrendLimit("p(95)<" + payload, 300, "ms")), points,
                List.of(new TrendChangePoint(6, "run" + payload + 6, 100, 150, 0.002)));
        DatabaseStatementRow statement = new DatabaseStatementRow(42, "user" + payload, "SELECT '" + payload
                + "'\nFROM t" + payload, 3, OptionalDouble.of(1.5), 2, 6, 3, Optional.of(new StatementPlan(
                "00ff00ff00ff00ff", "Seq Scan: Seq Scan on t" + payload, "[{\"Plan\": \"" + payload + "\"}]")));
        DatabaseSection database = new DatabaseSection("db" + payload, CREATED_AT.minusSeconds(300), CREATED_AT, 1, 3,
                6, OptionalLong.of(2), List.of(statement), List.of(statement), List.of("note " + payload));
        return new GateReport(CREATED_AT, "budget" + payload, List.of(new ResultSource("file" + payload,
                "format" + payload, 10)), lines, List.of(summary), messages, Verdict.ERROR, List.of(trend),
                Optional.of(database));
    }

    /** {@code count} lines, every {@code failEvery}th failing, the rest passing, in budget order. */
    static GateReport manyLines(int count, int failEvery) {
        List<LineResult> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            boolean fails = i % failEvery == 0;
            String selector = "http_req_duration{name:endpoint-" + i + "}";
            lines.add(line(selector, Statistic.percentile(95), "<", time(300, "ms", "300ms"), "p(95)<300ms",
                    Severity.FAIL, "", i + 1, fails ? 450.0 : 120.0, fails ? Verdict.FAIL : Verdict.PASS,
                    selector + " p(95) is " + (fails ? "450 ms, but the budget is" : "120 ms, within the budget")
                            + " < 300 ms"));
        }
        return new GateReport(CREATED_AT, BUDGET, List.of(), lines, List.of(), List.of(),
                lines.stream().map(LineResult::verdict).reduce(Verdict.PASS, Verdict::worse));
    }

    static GateReport withLines(Verdict verdict, List<Diagnostic> messages, Verdict... lineVerdicts) {
        List<LineResult> lines = new ArrayList<>();
        for (int i = 0; i < lineVerdicts.length; i++) {
            lines.add(line("http_req_duration", Statistic.AVG, "<", bare(100), "avg<100", Severity.FAIL, "",
                    i + 1, 50.0, lineVerdicts[i], "line " + i));
        }
        return new GateReport(CREATED_AT, BUDGET, List.of(), lines, List.of(), messages, verdict);
    }

    static LineResult line(String selector, Statistic statistic, String operator, Limit limit, String expression,
            Severity severity, String description, int budgetLine, Double observed, Verdict verdict,
            String sentence) {
        ThresholdLine line = new ThresholdLine(SeriesKey.parse(selector),
                new Threshold(statistic, Operator.fromSymbol(operator), limit, expression), severity, description,
                new SourceLocation(BUDGET, budgetLine, 7));
        // The texts as the evaluator makes them; the type and contents follow from the test metrics' names.
        MetricType type = selector.startsWith("http_req_failed") ? MetricType.RATE
                : selector.startsWith("http_reqs") ? MetricType.COUNTER : MetricType.TREND;
        MetricContents contents = selector.startsWith("http_req_duration") ? MetricContents.TIME
                : MetricContents.DEFAULT;
        String observedText = observed == null ? "" : LineSentence.observedText(line, type, contents, observed);
        return new LineResult(line, observed == null ? OptionalDouble.empty() : OptionalDouble.of(observed),
                verdict, sentence, observedText, LineSentence.limitText(line, type, contents));
    }

    /** {@code http_req_duration{name:checkout}: p(95) < baseline + 10%}, broken by 24 % over ten runs of main. */
    static LineResult regressionLine() {
        RegressionLine line = new RegressionLine(SeriesKey.parse("http_req_duration{name:checkout}"),
                RegressionRule.of(Statistic.percentile(95), "<", "baseline + 10%"), "p(95) < baseline + 10%",
                Severity.FAIL, "Checkout must not get slower", new SourceLocation(BUDGET, 8, 7));
        RegressionVerdict verdict = new RegressionVerdict(RegressionOutcome.REGRESSION,
                RegressionVerdict.Method.HISTORY, Direction.SMALLER_IS_BETTER, 612.4, 494.0, 0.2397,
                RegressionVerdict.ChangeScale.RELATIVE, 0.10, Optional.of(new ChangeInterval(0.19, 0.29, 0.8)), 0.000004,
                new FailLevel(0.005, 2), Optional.of(new Sensitivity(0.031, 0.12, OptionalInt.of(3), OptionalInt.of(9))),
                10, 1, 1, "main", "");
        return new LineResult(line, OptionalDouble.of(612.4), Verdict.FAIL,
                "http_req_duration{name:checkout} p(95) is 612.4 ms, 24% above the baseline of 494 ms (10 runs of "
                        + "main, 1 outlier run left out); the rule allows + 10%",
                "612.4 ms", "< 543.4 ms (baseline 494 ms + 10%)", Optional.of(verdict))
                .withExplanations(List.of(checkoutPhases(), checkoutFailures(), bookingsShift(), guestsShift()));
    }

    /** The N+1 pattern: each guest's bookings read one guest at a time, 20 calls per request instead of 1. */
    static StatementShift bookingsShift() {
        return StatementShift.of(-6_917_402_351_266_385_121L,
                "SELECT id, room, nights, price FROM bookings WHERE guest_id = $1", 20.0, 998.7 / 24_240, 1.0,
                OptionalDouble.of(0.0398), Optional.of("Index Scan → Bitmap Heap Scan on bookings"), "10 runs of main");
    }

    /** A statement the baseline did not run. */
    static StatementShift guestsShift() {
        return StatementShift.of(3_004_512_877_610_234_981L, "SELECT name, email FROM guests WHERE id = $1", 1.0,
                47.0 / 1212, 0, OptionalDouble.empty(), Optional.empty(), "10 runs of main");
    }

    /** p(95) of checkout's timing phases against ten runs of main: the server's waiting took the time. */
    static PhaseSplit checkoutPhases() {
        return PhaseSplit.of(Statistic.percentile(95), Optional.of("10 runs of main"),
                phase("http_req_duration", 612.4, 494.0), List.of(
                        phase("http_req_blocked", 1.21, 1.12),
                        phase("http_req_connecting", 0.95, 0.91),
                        phase("http_req_tls_handshaking", 0, 0.0),
                        phase("http_req_sending", 0.052, 0.05),
                        phase("http_req_waiting", 590.8, 470.2),
                        phase("http_req_receiving", 24.3, 2.4)));
    }

    /** avg of search's timing phases, with no baseline to compare with. */
    static PhaseSplit searchPhases() {
        return PhaseSplit.of(Statistic.AVG, Optional.empty(), phase("http_req_duration", 231.7, null), List.of(
                phase("http_req_blocked", 0.9, null),
                phase("http_req_connecting", 0.31, null),
                phase("http_req_tls_handshaking", 0, null),
                phase("http_req_sending", 0.08, null),
                phase("http_req_waiting", 229.5, null),
                phase("http_req_receiving", 2.1, null)));
    }

    /** 5 of checkout's 404 requests failed, against 0.4 % in the baseline. */
    static FailedRequests checkoutFailures() {
        return FailedRequests.of(404, 5, OptionalDouble.of(0.004), Optional.of("10 runs of main"), List.of(
                new FailedRequests.StatusCount("503", 4), new FailedRequests.StatusCount("0", 1)));
    }

    /** 65 of 1212 requests failed, of six statuses: five are named. */
    static FailedRequests allFailures() {
        return FailedRequests.of(1212, 65, OptionalDouble.of(0.003), Optional.of("10 runs of main"), List.of(
                new FailedRequests.StatusCount("503", 52), new FailedRequests.StatusCount("500", 7),
                new FailedRequests.StatusCount("0", 3), new FailedRequests.StatusCount("429", 1),
                new FailedRequests.StatusCount("502", 1)));
    }

    private static PhaseSplit.Phase phase(String metric, double observed, Double baseline) {
        return new PhaseSplit.Phase(metric, observed, optional(baseline));
    }

    /** {@code db.query{match:"from bookings"}: calls_per_request<=3}, the N+1 pattern. */
    static LineResult databaseLine() {
        DatabaseLine line = new DatabaseLine(DatabaseSelector.parse("db.query{match:\"from bookings\"}"),
                DatabaseStatistic.CALLS_PER_REQUEST, Operator.LESS_OR_EQUAL, bare(3), "calls_per_request<=3",
                Severity.FAIL, "", new SourceLocation(BUDGET, 25, 7));
        return new LineResult(line, OptionalDouble.of(21), Verdict.FAIL,
                "db.query{match:\"from bookings\"} calls_per_request is 21, but the budget is <= 3", "21", "<= 3")
                .withExplanations(List.of(bookingsShift()));
    }

    static Limit time(double milliseconds, String unit, String text) {
        return new Limit(milliseconds, Limit.Dimension.TIME, unit, text);
    }

    static Limit percent(double fraction, String text) {
        return new Limit(fraction, Limit.Dimension.PERCENT, "%", text);
    }

    static Limit bare(double value) {
        return new Limit(value, Limit.Dimension.NONE, "", ValueFormat.number(value));
    }

    static SeriesSummary summary(String selector, MetricContents contents, long count, Double rate, Double min,
            Double avg, Double med, Double p90, Double p95, Double p99, Double max, Double errorRate) {
        return new SeriesSummary(SeriesKey.parse(selector), contents, count, optional(rate), optional(min),
                optional(avg), optional(med), optional(p90), optional(p95), optional(p99), optional(max),
                optional(errorRate));
    }

    private static OptionalDouble optional(Double value) {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** What a writer produces for {@code report}, as a string. */
    static String render(ReportWriter writer, GateReport report) {
        java.io.StringWriter out = new java.io.StringWriter();
        try {
            writer.write(report, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }
}
