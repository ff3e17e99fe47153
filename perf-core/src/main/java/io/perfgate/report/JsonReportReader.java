package io.perfgate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.DatabaseLine;
import io.perfgate.budget.DatabaseSelector;
import io.perfgate.budget.DatabaseStatistic;
import io.perfgate.budget.ExpressionReader;
import io.perfgate.budget.Limit;
import io.perfgate.budget.LimitUnit;
import io.perfgate.budget.Operator;
import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.Severity;
import io.perfgate.budget.Threshold;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.ParserText;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.SourceLocation;
import io.perfgate.ingest.ResultSource;
import io.perfgate.model.DatabaseSection;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.Explanation;
import io.perfgate.model.FailedRequests;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.PhaseSplit;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.SeriesSummaryJson;
import io.perfgate.model.StatementPlan;
import io.perfgate.model.StatementShift;
import io.perfgate.model.Trend;
import io.perfgate.model.TrendChangePoint;
import io.perfgate.model.TrendLimit;
import io.perfgate.model.TrendPoint;
import io.perfgate.model.Verdict;
import io.perfgate.model.VerdictWording;
import io.perfgate.regression.ChangeInterval;
import io.perfgate.regression.Direction;
import io.perfgate.regression.FailLevel;
import io.perfgate.regression.RegressionOutcome;
import io.perfgate.regression.RegressionRule;
import io.perfgate.regression.RegressionSettings;
import io.perfgate.regression.RegressionVerdict;
import io.perfgate.regression.Sensitivity;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads {@code perf-report.json} back into the {@link GateReport} it was written from, so a report
 * computed on one machine can be rendered on another (a Jenkins controller renders what an agent
 * computed) and an old report can be shown again. What {@link JsonReportWriter} writes reads back into
 * a report that the writer turns into the same bytes.
 *
 * <p>It follows {@code docs/report-schema.md}: a {@code schemaVersion} other than
 * {@link GateReport#SCHEMA_VERSION}, a missing field, a value of the wrong type, an unknown enumeration
 * value, or a field that disagrees with what it is derived from (e.g. {@code counts} and the lines'
 * verdicts) is a {@link BadInputException} naming the file, line and column and the field's path, e.g.
 * {@code lines[2].verdict}. Fields it does not know are ignored, since adding a field is a compatible
 * change of the schema.
 *
 * <p>Budget lines come back as the kind they were: a threshold or database line from its stored
 * statistic, operator and limit; a regression line by re-reading its expression with the budget
 * grammar, since its baseline bound is stored nowhere else. Series are rebuilt from {@code metric} and
 * {@code tags}, not from the {@code series} text, which does not quote tag values and so cannot always
 * be parsed back; the text must agree with them.
 */
public final class JsonReportReader {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            .build();

    private static final Map<String, Verdict> VERDICTS = words(Verdict.values(), VerdictWording::key);
    private static final Map<String, Severity> SEVERITIES = words(Severity.values(), JsonReportReader::lowerCase);
    private static final Map<String, Kind> KINDS = words(Kind.values(), JsonReportReader::lowerCase);
    private static final Map<String, Operator> OPERATORS = words(Operator.values(), Operator::symbol);
    private static final Map<String, DatabaseSelector.Scope> SCOPES = words(DatabaseSelector.Scope.values(),
            scope -> scope == DatabaseSelector.Scope.EACH ? "each" : "together");
    private static final Map<String, DatabaseStatistic> DATABASE_STATISTICS =
            words(DatabaseStatistic.values(), DatabaseStatistic::spelling);
    private static final Map<String, MetricContents> CONTENTS = words(MetricContents.values(), MetricContents::k6Name);
    private static final Map<String, RegressionOutcome> OUTCOMES =
            words(RegressionOutcome.values(), JsonReportReader::lowerCase);
    private static final Map<String, RegressionVerdict.Method> METHODS =
            words(RegressionVerdict.Method.values(), JsonReportReader::lowerCase);
    private static final Map<String, Direction> DIRECTIONS =
            words(Direction.values(), direction -> lowerCase(direction).replace('_', '-'));
    private static final Map<String, RegressionVerdict.ChangeScale> SCALES =
            words(RegressionVerdict.ChangeScale.values(), JsonReportReader::lowerCase);
    private static final Map<String, Diagnostic.Level> LEVELS =
            words(Diagnostic.Level.values(), JsonReportReader::lowerCase);

    /** The three kinds of budget line, as {@code lines[].kind} names them. */
    private enum Kind { THRESHOLD, REGRESSION, DATABASE }

    private enum ExplanationKind { PHASES, FAILURES, STATEMENT }

    private static final Map<String, ExplanationKind> EXPLANATION_KINDS = words(ExplanationKind.values(),
            JsonReportReader::lowerCase);

    private JsonReportReader() {
    }

    /**
     * Reads the report in {@code file}; its name in messages is the path as given.
     *
     * @throws BadInputException when the file cannot be read or is not a report this reader knows
     */
    public static GateReport read(Path file) {
        String fileName = file.toString();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, fileName);
        } catch (IOException e) {
            throw BadInputException.unreadable(fileName, e);
        }
    }

    /**
     * Reads a report from {@code reader}, which is left open.
     *
     * @param fileName the file's name as shown in messages
     * @throws BadInputException when it cannot be read or is not a report this reader knows
     */
    public static GateReport read(Reader reader, String fileName) {
        Node root;
        try (JsonParser parser = FACTORY.createParser(reader)) {
            root = document(parser, fileName);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadInputException(at == null || at.getLineNr() <= 0 ? SourceLocation.ofFile(fileName)
                    : new SourceLocation(fileName, at.getLineNr(), Math.max(at.getColumnNr(), 0)),
                    "malformed JSON: " + ParserText.problem(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw BadInputException.unreadable(fileName, e);
        }
        return report(root.asObject());
    }

    // ---- the report, top down ----

    private static GateReport report(Fields json) {
        // The version first: a later schema may have moved any other field.
        long version = json.integer("schemaVersion");
        if (version != GateReport.SCHEMA_VERSION) {
            throw json.node("schemaVersion").problem("is " + version + ", a version this reader does not know; it "
                    + "reads version " + GateReport.SCHEMA_VERSION);
        }
        String tool = json.string("tool");
        if (!tool.equals("perfgate")) {
            throw json.node("tool").problem("must be 'perfgate', not '" + tool + "'");
        }
        Instant createdAt = json.instant("createdAt");
        String budgetFile = json.string("budgetFile");
        Verdict verdict = json.choice("verdict", VERDICTS);
        List<ResultSource> sources = json.objects("sources", JsonReportReader::source);
        List<LineResult> lines = json.objects("lines", JsonReportReader::line);
        requireCounts(json.object("counts"), lines);
        List<SeriesSummary> series = json.objects("series", JsonReportReader::summary);
        List<Trend> trends = json.objects("trends", JsonReportReader::trend);
        Optional<DatabaseSection> database = json.optionalObject("database").map(JsonReportReader::database);
        List<Diagnostic> messages = json.objects("messages", message ->
                new Diagnostic(message.choice("level", LEVELS), message.string("text")));
        return new GateReport(createdAt, budgetFile, sources, lines, series, messages, verdict, trends, database);
    }

    /** {@code counts} is derived from the lines' verdicts; a count that disagrees means an edited file. */
    private static void requireCounts(Fields counts, List<LineResult> lines) {
        for (Map.Entry<String, Verdict> word : VERDICTS.entrySet()) {
            long stored = counts.integer(word.getKey());
            long counted = lines.stream().filter(line -> line.verdict() == word.getValue()).count();
            if (stored != counted) {
                throw counts.node(word.getKey()).problem("is " + stored + ", but " + counted + " of the lines have "
                        + "verdict " + word.getKey());
            }
        }
    }

    private static ResultSource source(Fields json) {
        return new ResultSource(json.string("path"), json.string("format"), json.integer("samples"));
    }

    private static LineResult line(Fields json) {
        Kind kind = json.choice("kind", KINDS);
        BudgetLine line = switch (kind) {
            case THRESHOLD -> thresholdLine(json);
            case REGRESSION -> regressionLine(json);
            case DATABASE -> databaseLine(json);
        };
        String subject = json.string("subject");
        if (!subject.equals(line.subject())) {
            throw json.node("subject").problem("is '" + subject + "', but the line's "
                    + (kind == Kind.DATABASE ? "selector" : "series") + " is '" + line.subject() + "'");
        }
        Optional<RegressionVerdict> regression = Optional.empty();
        if (kind == Kind.REGRESSION) {
            regression = json.optionalObject("regression").map(verdict -> regression(verdict, (RegressionLine) line));
        } else if (json.has("regression") && !json.node("regression").isNull()) {
            throw json.node("regression").problem("is only on regression lines, and this is a " + lowerCase(kind)
                    + " line");
        }
        // Reports written before explanations were have none.
        List<Explanation> explanations = json.has("explanations")
                ? json.objects("explanations", JsonReportReader::explanation) : List.of();
        return new LineResult(line, json.optionalNumber("observed"), json.choice("verdict", VERDICTS),
                json.string("sentence"), json.string("observedText"), json.string("limitText"), regression,
                explanations);
    }

    private static Explanation explanation(Fields json) {
        ExplanationKind kind = json.choice("kind", EXPLANATION_KINDS);
        return switch (kind) {
            case PHASES -> phaseSplit(json);
            case FAILURES -> failedRequests(json);
            case STATEMENT -> statementShift(json);
        };
    }

    /** {@code newSinceBaseline} is derived from the baseline's mean time, so it must be what that gives. */
    private static StatementShift statementShift(Fields json) {
        String baseline = json.string("baseline");
        long queryId = queryId(json);
        String query = json.string("query");
        double callsPerRequest = json.number("callsPerRequest");
        double baselineCallsPerRequest = json.number("baselineCallsPerRequest");
        double meanTime = json.number("meanTime");
        OptionalDouble baselineMeanTime = json.optionalNumber("baselineMeanTime");
        Optional<String> planChange = json.optionalString("planChange");
        String sentence = json.string("sentence");
        StatementShift shift = json.build(() -> new StatementShift(queryId, query, callsPerRequest, meanTime,
                baselineCallsPerRequest, baselineMeanTime, planChange, baseline, sentence));
        boolean newSinceBaseline = json.bool("newSinceBaseline");
        if (newSinceBaseline != shift.newSinceBaseline()) {
            throw json.node("newSinceBaseline").problem("is " + newSinceBaseline + ", but the baseline "
                    + (shift.newSinceBaseline() ? "has no mean time" : "has a mean time") + " of the statement");
        }
        return shift;
    }

    private static PhaseSplit phaseSplit(Fields json) {
        Statistic statistic = statistic(json);
        Optional<String> baseline = json.optionalString("baseline");
        PhaseSplit.Phase total = phase(json.object("total"));
        List<PhaseSplit.Phase> phases = json.objects("phases", JsonReportReader::phase);
        String sentence = json.string("sentence");
        return json.build(() -> new PhaseSplit(statistic, baseline, total, phases, sentence));
    }

    private static PhaseSplit.Phase phase(Fields json) {
        String metric = json.string("metric");
        double observed = json.number("observed");
        OptionalDouble baseline = json.optionalNumber("baseline");
        return json.build(() -> new PhaseSplit.Phase(metric, observed, baseline));
    }

    /** {@code rate} and {@code otherFailures} are derived from the counts, so they must be what the counts give. */
    private static FailedRequests failedRequests(Fields json) {
        Optional<String> baseline = json.optionalString("baseline");
        long requests = json.integer("requests");
        long failed = json.integer("failed");
        OptionalDouble baselineRate = json.optionalNumber("baselineRate");
        List<FailedRequests.StatusCount> statuses = json.objects("statuses", status -> {
            String text = status.string("status");
            long count = status.integer("count");
            return status.build(() -> new FailedRequests.StatusCount(text, count));
        });
        String sentence = json.string("sentence");
        FailedRequests failures = json.build(() ->
                new FailedRequests(requests, failed, baselineRate, baseline, statuses, sentence));
        double rate = json.number("rate");
        if (rate != failures.rate()) {
            throw json.node("rate").problem("is " + rate + ", but " + failed + " of " + requests + " requests give "
                    + failures.rate());
        }
        long others = json.integer("otherFailures");
        if (others != failures.otherFailures()) {
            throw json.node("otherFailures").problem("is " + others + ", but the statuses leave "
                    + failures.otherFailures() + " of the " + failed + " failed requests");
        }
        return failures;
    }

    private static ThresholdLine thresholdLine(Fields json) {
        Threshold threshold = new Threshold(statistic(json), json.choice("operator", OPERATORS),
                limit(json.object("limit")), json.string("expression"));
        return new ThresholdLine(series(json), threshold, json.choice("severity", SEVERITIES),
                json.string("description"), location(json.object("location")));
    }

    /** The rule is re-read from the expression: its baseline bound ({@code + 10%}) is stored nowhere else. */
    private static RegressionLine regressionLine(Fields json) {
        String expression = json.string("expression");
        RegressionRule rule = json.node("expression").parse(ExpressionReader::readRegression);
        Statistic statistic = statistic(json);
        if (!statistic.equals(rule.statistic())) {
            throw json.node("statistic").problem("is '" + statistic + "', but the expression '" + expression
                    + "' watches " + rule.statistic());
        }
        String operator = json.string("operator");
        if (!operator.equals(rule.operator())) {
            throw json.node("operator").problem("is '" + operator + "', but the expression '" + expression
                    + "' compares with " + rule.operator());
        }
        if (!json.node("limit").isNull()) {
            throw json.node("limit").problem("must be null on a regression line, whose right side is the baseline");
        }
        return new RegressionLine(series(json), rule, expression, json.choice("severity", SEVERITIES),
                json.string("description"), location(json.object("location")));
    }

    private static DatabaseLine databaseLine(Fields json) {
        Node selectorNode = json.node("selector");
        DatabaseSelector selector = selectorNode.parse(DatabaseSelector::parse);
        if (!selectorNode.asString().equals(selector.text())) {
            throw selectorNode.problem("is '" + selectorNode.asString() + "', not spelled as perfgate writes it: '"
                    + selector.text() + "'");
        }
        DatabaseSelector.Scope scope = json.choice("scope", SCOPES);
        if (scope != selector.scope()) {
            throw json.node("scope").problem("is " + lowerCase(scope) + ", but the selector '" + selector + "' takes "
                    + "its statements " + (selector.scope() == DatabaseSelector.Scope.EACH ? "each" : "together"));
        }
        Optional<String> match = json.optionalString("match");
        if (!match.equals(selector.match())) {
            throw json.node("match").problem("is " + match.map(text -> "'" + text + "'").orElse("null")
                    + ", but the selector '" + selector + "' matches "
                    + selector.match().map(text -> "'" + text + "'").orElse("every statement"));
        }
        return new DatabaseLine(selector, json.choice("statistic", DATABASE_STATISTICS),
                json.choice("operator", OPERATORS), limit(json.object("limit")), json.string("expression"),
                json.choice("severity", SEVERITIES), json.string("description"), location(json.object("location")));
    }

    /** The series from metric and tags; the {@code series} text is derived from them and must agree. */
    private static SeriesKey series(Fields json) {
        SeriesKey key = new SeriesKey(json.string("metric"), json.stringMap("tags"));
        String written = json.string("series");
        if (!written.equals(key.toString())) {
            throw json.node("series").problem("is '" + written + "', but metric and tags make '" + key + "'");
        }
        return key;
    }

    private static Statistic statistic(Fields json) {
        return json.node("statistic").parse(ExpressionReader::readStatistic);
    }

    /** The dimension is not stored: it follows from the unit, as when the budget was read. */
    private static Limit limit(Fields json) {
        String unit = json.string("unit");
        Limit.Dimension dimension = unit.isEmpty() ? Limit.Dimension.NONE : LimitUnit.bySpelling(unit)
                .map(LimitUnit::dimension).orElseThrow(() -> json.node("unit")
                        .problem("must be a unit a budget limit can carry, or \"\" for none, not '" + unit + "'"));
        double value = json.number("value");
        String text = json.string("text");
        return json.build(() -> new Limit(value, dimension, unit, text));
    }

    /** A line or column the writer knew is at least 1; an unknown one is null, and 0 in the model. */
    private static SourceLocation location(Fields json) {
        String file = json.string("file");
        OptionalLong line = json.optionalInteger("line");
        OptionalLong column = json.optionalInteger("column");
        if (line.isPresent() && line.getAsLong() < 1) {
            throw json.node("line").problem("must be at least 1, or null when unknown, not " + line.getAsLong());
        }
        if (column.isPresent() && (column.getAsLong() < 1 || column.getAsLong() > Integer.MAX_VALUE)) {
            throw json.node("column").problem("must be at least 1, or null when unknown, not " + column.getAsLong());
        }
        return new SourceLocation(file, line.orElse(0), (int) column.orElse(0));
    }

    private static RegressionVerdict regression(Fields json, RegressionLine line) {
        Direction direction = json.choice("direction", DIRECTIONS);
        if (direction != line.rule().direction()) {
            throw json.node("direction").problem("is " + json.string("direction") + ", but the rule's operator "
                    + line.rule().operator() + " makes it the other way");
        }
        RegressionOutcome outcome = json.choice("outcome", OUTCOMES);
        RegressionVerdict.Method method = json.choice("method", METHODS);
        double observed = orNaN(json.optionalNumber("observed"));
        double baseline = orNaN(json.optionalNumber("baseline"));
        RegressionVerdict.ChangeScale scale = json.choice("changeScale", SCALES);
        double change = orNaN(json.optionalNumber("change"));
        double allowedChange = json.number("allowedChange");
        Optional<ChangeInterval> interval = json.optionalObject("interval").map(bounds -> {
            double lower = bounds.number("lower");
            double upper = bounds.number("upper");
            double confidence = bounds.number("confidence");
            return bounds.build(() -> new ChangeInterval(lower, upper, confidence));
        });
        // Reports written before the fail level and the sensitivity were kept have neither: their lines were
        // judged alone at the default false-alarm rate, and said nothing of what they could detect.
        boolean judged = json.has("failLevel");
        double pValue = judged ? orNaN(json.optionalNumber("pValue")) : Double.NaN;
        double level = judged ? json.number("failLevel") : RegressionSettings.defaults().falseAlarmRate();
        int lines = judged ? json.smallInteger("regressionLines") : 1;
        FailLevel failLevel = json.build(() -> new FailLevel(level, lines));
        Optional<Sensitivity> sensitivity = judged ? json.optionalObject("sensitivity").map(fields -> {
            double noise = fields.number("noise");
            double detectable = fields.optionalNumber("detectableChange")
                    .orElse(direction.sign() * Double.POSITIVE_INFINITY);
            OptionalInt runs = optionalCount(fields, "runsForAllowance");
            OptionalInt rounds = optionalCount(fields, "roundsForAllowance");
            return fields.build(() -> new Sensitivity(noise, detectable, runs, rounds));
        }) : Optional.empty();
        int baselineRuns = json.smallInteger("baselineRuns");
        int excludedRuns = json.smallInteger("excludedRuns");
        int candidateRuns = json.smallInteger("candidateRuns");
        String baselineName = json.string("baselineName");
        String reason = json.string("reason");
        return json.build(() -> new RegressionVerdict(outcome, method, direction, observed, baseline, change, scale,
                allowedChange, interval, pValue, failLevel, sensitivity, baselineRuns, excludedRuns, candidateRuns,
                baselineName, reason));
    }

    private static OptionalInt optionalCount(Fields json, String name) {
        OptionalLong count = json.optionalInteger(name);
        if (count.isPresent() && (count.getAsLong() < 1 || count.getAsLong() > Integer.MAX_VALUE)) {
            throw json.node(name).problem("must be a count of at least 1, or null, not " + count.getAsLong());
        }
        return count.isPresent() ? OptionalInt.of((int) count.getAsLong()) : OptionalInt.empty();
    }

    /** The model keeps an unknown regression number as NaN, which the writer turns into null. */
    private static double orNaN(OptionalDouble value) {
        return value.orElse(Double.NaN);
    }

    /** A row written before {@code type} was is a trend: the table holds trends only. */
    private static SeriesSummary summary(Fields json) {
        return SeriesSummaryJson.read(series(json), new SummaryFields(json), SeriesSummaryJson.Form.REPORT,
                Optional.of(MetricType.TREND));
    }

    /** A series row's fields with this reader's messages, for the fields' one reader. */
    private record SummaryFields(Fields json) implements SeriesSummaryJson.Fields {

        @Override
        public boolean has(String field) {
            return json.has(field);
        }

        @Override
        public <E> E choice(String field, Map<String, E> words) {
            return json.choice(field, words);
        }

        @Override
        public long count(String field) {
            return json.integer(field);
        }

        @Override
        public OptionalDouble optionalNumber(String field) {
            return json.optionalNumber(field);
        }

        /** The report never holds a histogram, so there is none to read. */
        @Override
        public Optional<byte[]> optionalBytes(String field) {
            return Optional.empty();
        }

        @Override
        public <T> T build(Supplier<T> constructor) {
            return json.build(constructor);
        }

        @Override
        public BadInputException problem(String field, String text) {
            return json.node(field).problem(text);
        }
    }

    private static Trend trend(Fields json) {
        SeriesKey series = series(json);
        Statistic statistic = statistic(json);
        MetricContents contents = json.choice("contents", CONTENTS);
        List<TrendLimit> limits = json.objects("limits", limit -> {
            String expression = limit.string("expression");
            double value = limit.number("value");
            String unit = limit.string("unit");
            return limit.build(() -> new TrendLimit(expression, value, unit));
        });
        List<TrendPoint> points = json.objects("points", JsonReportReader::trendPoint);
        List<TrendChangePoint> changePoints = json.objects("changePoints", JsonReportReader::changePoint);
        return json.node("changePoints").build(() ->
                new Trend(series, statistic, contents, limits, points, changePoints));
    }

    private static TrendPoint trendPoint(Fields json) {
        String runId = json.string("runId");
        Optional<String> commit = json.optionalString("commit");
        Optional<String> buildUrl = json.optionalString("buildUrl");
        Instant startedAt = json.instant("startedAt");
        OptionalDouble value = json.optionalNumber("value");
        Optional<Verdict> verdict = json.optionalChoice("verdict", VERDICTS);
        Verdict runVerdict = json.choice("runVerdict", VERDICTS);
        Optional<String> flagReason = json.optionalString("flagReason");
        boolean pinned = json.bool("pinned");
        return json.build(() -> new TrendPoint(runId, commit, buildUrl, startedAt, value, verdict, runVerdict,
                flagReason, pinned));
    }

    /** {@code change} is derived from the two means, so it must be exactly what they give. */
    private static TrendChangePoint changePoint(Fields json) {
        int index = json.smallInteger("index");
        String runId = json.string("runId");
        double meanBefore = json.number("meanBefore");
        double meanAfter = json.number("meanAfter");
        double pValue = json.number("pValue");
        TrendChangePoint changePoint = json.build(() ->
                new TrendChangePoint(index, runId, meanBefore, meanAfter, pValue));
        OptionalDouble change = json.optionalNumber("change");
        if (!change.equals(changePoint.relativeChange())) {
            throw json.node("change").problem("is " + text(change) + ", but meanBefore and meanAfter give "
                    + text(changePoint.relativeChange()));
        }
        return changePoint;
    }

    private static String text(OptionalDouble value) {
        return value.isPresent() ? Double.toString(value.getAsDouble()) : "null";
    }

    private static DatabaseSection database(Fields json) {
        String address = json.string("address");
        Instant from = json.instant("from");
        Instant to = json.instant("to");
        int statementCount = json.smallInteger("statementCount");
        long calls = json.integer("calls");
        double totalTime = json.number("totalTime");
        OptionalLong requests = json.optionalInteger("requests");
        List<DatabaseStatementRow> byTotalTime = json.objects("byTotalTime", JsonReportReader::statement);
        List<DatabaseStatementRow> byMeanTime = json.objects("byMeanTime", JsonReportReader::statement);
        List<String> notes = json.objects("notes", note -> note.string("text"));
        return json.build(() -> new DatabaseSection(address, from, to, statementCount, calls, totalTime, requests,
                byTotalTime, byMeanTime, notes));
    }

    /** Reports written before plans were taken have no {@code plan}: the statement has none. */
    private static DatabaseStatementRow statement(Fields json) {
        long queryId = queryId(json);
        Optional<StatementPlan> plan = json.has("plan") ? json.optionalObject("plan").map(fields -> {
            String shapeHash = fields.string("shapeHash");
            String shape = fields.string("shape");
            String text = fields.string("text");
            return fields.build(() -> new StatementPlan(shapeHash, shape, text));
        }) : Optional.empty();
        return new DatabaseStatementRow(queryId, json.optionalString("user").orElse(""), json.string("query"),
                json.integer("calls"), json.optionalNumber("callsPerRequest"), json.number("meanTime"),
                json.number("totalTime"), json.integer("rows"), plan);
    }

    /** The query id is a 64-bit integer written as text, since a JavaScript number cannot hold it. */
    private static long queryId(Fields json) {
        String queryIdText = json.string("queryId");
        try {
            return Long.parseLong(queryIdText);
        } catch (NumberFormatException e) {
            throw json.node("queryId").problem("must be a 64-bit integer written as text, not '" + queryIdText + "'");
        }
    }

    // ---- the JSON, with where each value stands ----

    /** The whole file: one JSON object and nothing after it. */
    private static Node document(JsonParser parser, String file) throws IOException {
        if (parser.nextToken() == null) {
            throw new BadInputException(SourceLocation.ofFile(file), "the file is empty; a report is one JSON object");
        }
        Node root = value(parser, file, "");
        if (parser.nextToken() != null) {
            throw new BadInputException(location(parser, file), "text after the report's closing '}'");
        }
        if (root.token() != JsonToken.START_OBJECT) {
            throw new BadInputException(root.location(), "a report is one JSON object, not " + root.found());
        }
        return root;
    }

    /** The value the parser stands on, read whole; Jackson limits the nesting, so the recursion is bounded. */
    private static Node value(JsonParser parser, String file, String path) throws IOException {
        JsonToken token = parser.currentToken();
        SourceLocation location = location(parser, file);
        if (token == null) {
            throw new BadInputException(location, "the file ends inside " + path);
        }
        Object content = switch (token) {
            case START_OBJECT -> {
                Map<String, Node> fields = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String fieldPath = path.isEmpty() ? name : path + "." + name;
                    SourceLocation nameLocation = location(parser, file);
                    parser.nextToken();
                    if (fields.put(name, value(parser, file, fieldPath)) != null) {
                        throw new BadInputException(nameLocation, fieldPath + " appears twice");
                    }
                }
                yield Collections.unmodifiableMap(fields);
            }
            case START_ARRAY -> {
                List<Node> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(value(parser, file, path + "[" + elements.size() + "]"));
                }
                yield Collections.unmodifiableList(elements);
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                    ? parser.getBigIntegerValue() : (Object) parser.getLongValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new IllegalStateException("a value cannot start with " + token);
        };
        return new Node(token, content, path, location, false);
    }

    private static SourceLocation location(JsonParser parser, String file) {
        JsonLocation location = parser.currentTokenLocation();
        if (location == null || location.getLineNr() <= 0) {
            return SourceLocation.ofFile(file);
        }
        return new SourceLocation(file, location.getLineNr(), Math.max(location.getColumnNr(), 0));
    }

    /**
     * One JSON value as read: its token, its content (a map of fields, a list of elements, a string, a
     * {@code Long} or {@code BigInteger}, a {@code Double}, a {@code Boolean}, or null), its path in the
     * report ({@code lines[2].verdict}) and where it stands, for messages; {@code nullable} when the
     * schema allows null there, so a message about a wrong type says so.
     */
    private record Node(JsonToken token, Object content, String path, SourceLocation location, boolean nullable) {

        Node orNull() {
            return new Node(token, content, path, location, true);
        }

        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }

        Fields asObject() {
            require(token == JsonToken.START_OBJECT, "an object");
            @SuppressWarnings("unchecked")
            Map<String, Node> fields = (Map<String, Node>) content;
            return new Fields(this, fields);
        }

        List<Node> asArray() {
            require(token == JsonToken.START_ARRAY, "an array");
            @SuppressWarnings("unchecked")
            List<Node> elements = (List<Node>) content;
            return elements;
        }

        String asString() {
            require(token == JsonToken.VALUE_STRING, "text");
            return (String) content;
        }

        long asInteger() {
            require(token == JsonToken.VALUE_NUMBER_INT, "an integer");
            if (content instanceof BigInteger) {
                throw problem("must be an integer of at most 64 bits, not " + content);
            }
            return (Long) content;
        }

        /** JSON has no NaN or infinity, but a literal such as {@code 1e999} is read as infinity. */
        double asNumber() {
            require(token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT, "a number");
            double value = ((Number) content).doubleValue();
            if (!Double.isFinite(value)) {
                throw problem("must be a finite number, not " + value);
            }
            return value;
        }

        boolean asBoolean() {
            require(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE, "true or false");
            return (Boolean) content;
        }

        /** Text read by one of the model's own parsers, whose message says what is wrong with it. */
        <T> T parse(Function<String, T> parser) {
            String text = asString();
            try {
                return parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw problem("cannot be read: " + e.getMessage());
            }
        }

        /** A model object made of this value's fields, whose constructor checks how they fit together. */
        <T> T build(Supplier<T> constructor) {
            try {
                return constructor.get();
            } catch (IllegalArgumentException e) {
                throw problem("does not hold together: " + e.getMessage());
            }
        }

        BadInputException problem(String text) {
            return new BadInputException(location, path + " " + text);
        }

        private void require(boolean fits, String wanted) {
            if (!fits) {
                throw problem("must be " + wanted + (nullable ? " or null" : "") + ", not " + found());
            }
        }

        String found() {
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_STRING -> "text";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> String.valueOf(content);
                case VALUE_TRUE, VALUE_FALSE -> "true/false";
                case VALUE_NULL -> "null";
                default -> token.name();
            };
        }
    }

    /** The fields of one JSON object, read by name with the type the schema gives them. */
    private record Fields(Node object, Map<String, Node> fields) {

        boolean has(String name) {
            return fields.containsKey(name);
        }

        /** A field that must be present, though it may be null. */
        Node node(String name) {
            Node node = fields.get(name);
            if (node == null) {
                String path = object.path().isEmpty() ? name : object.path() + "." + name;
                throw new BadInputException(object.location(), path + " is missing");
            }
            return node;
        }

        /** A field documented as "... or null": null is the empty optional, anything else must fit. */
        private Optional<Node> nullable(String name) {
            Node node = node(name);
            return node.isNull() ? Optional.empty() : Optional.of(node.orNull());
        }

        String string(String name) {
            return node(name).asString();
        }

        Optional<String> optionalString(String name) {
            return nullable(name).map(Node::asString);
        }

        long integer(String name) {
            return node(name).asInteger();
        }

        int smallInteger(String name) {
            Node node = node(name);
            long value = node.asInteger();
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw node.problem("must be an integer of at most 32 bits, not " + value);
            }
            return (int) value;
        }

        OptionalLong optionalInteger(String name) {
            Optional<Node> node = nullable(name);
            return node.isPresent() ? OptionalLong.of(node.get().asInteger()) : OptionalLong.empty();
        }

        double number(String name) {
            return node(name).asNumber();
        }

        OptionalDouble optionalNumber(String name) {
            Optional<Node> node = nullable(name);
            return node.isPresent() ? OptionalDouble.of(node.get().asNumber()) : OptionalDouble.empty();
        }

        boolean bool(String name) {
            return node(name).asBoolean();
        }

        Instant instant(String name) {
            Node node = node(name);
            String text = node.asString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw node.problem("must be an ISO-8601 time in UTC such as 2025-06-02T09:30:00Z, not '" + text + "'");
            }
        }

        <E> E choice(String name, Map<String, E> words) {
            return choice(node(name), words);
        }

        <E> Optional<E> optionalChoice(String name, Map<String, E> words) {
            return nullable(name).map(node -> choice(node, words));
        }

        private static <E> E choice(Node node, Map<String, E> words) {
            String text = node.asString();
            E value = words.get(text);
            if (value == null) {
                throw node.problem("must be one of " + String.join(", ", words.keySet()) + ", not '" + text + "'");
            }
            return value;
        }

        Fields object(String name) {
            return node(name).asObject();
        }

        Optional<Fields> optionalObject(String name) {
            return nullable(name).map(Node::asObject);
        }

        /** A map of string: an object whose values are all text. */
        Map<String, String> stringMap(String name) {
            Fields map = object(name);
            Map<String, String> strings = new LinkedHashMap<>();
            map.fields().forEach((key, value) -> strings.put(key, value.asString()));
            return strings;
        }

        /** An array of objects, each read by {@code element}. */
        <T> List<T> objects(String name, Function<Fields, T> element) {
            List<T> read = new ArrayList<>();
            for (Node node : node(name).asArray()) {
                read.add(element.apply(node.asObject()));
            }
            return read;
        }

        <T> T build(Supplier<T> constructor) {
            return object.build(constructor);
        }
    }

    private static <E> Map<String, E> words(E[] values, Function<E, String> word) {
        Map<String, E> words = new LinkedHashMap<>();
        for (E value : values) {
            words.put(word.apply(value), value);
        }
        return Collections.unmodifiableMap(words);
    }

    private static String lowerCase(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
