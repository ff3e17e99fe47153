package io.perfgate.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.DatabaseLine;
import io.perfgate.budget.DatabaseSelector;
import io.perfgate.budget.Limit;
import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.ThresholdLine;
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
import io.perfgate.model.StatementShift;
import io.perfgate.model.Trend;
import io.perfgate.model.TrendChangePoint;
import io.perfgate.model.TrendLimit;
import io.perfgate.model.TrendPoint;
import io.perfgate.model.Verdict;
import io.perfgate.model.VerdictWording;
import io.perfgate.regression.Direction;
import io.perfgate.regression.RegressionVerdict;
import io.perfgate.regression.Sensitivity;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Writes {@code perf-report.json}, the machine-readable report. Its fields are a contract with
 * other tools: {@code docs/report-schema.md} documents each one, and a change to them raises
 * {@link GateReport#SCHEMA_VERSION}. Values are in each metric's base unit (milliseconds, bytes,
 * fractions); unknown values are {@code null}, never 0. {@link JsonReportReader} reads the file back
 * into the report, which this writer turns into the same bytes again.
 */
public final class JsonReportWriter implements ReportWriter {

    public static final String FILE_NAME = "perf-report.json";

    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new HtmlSafeEscapes(false))
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    @Override
    public String fileName() {
        return FILE_NAME;
    }

    @Override
    public void write(GateReport report, Writer out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.setPrettyPrinter(prettyPrinter());
            json.writeStartObject();
            json.writeNumberField("schemaVersion", GateReport.SCHEMA_VERSION);
            json.writeStringField("tool", "perfgate");
            json.writeStringField("createdAt", report.createdAt().toString());
            json.writeStringField("budgetFile", report.budgetFile());
            json.writeStringField("verdict", VerdictWording.key(report.verdict()));
            writeCounts(json, report);
            json.writeArrayFieldStart("sources");
            for (ResultSource source : report.sources()) {
                writeSource(json, source);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("lines");
            for (LineResult line : report.lines()) {
                writeLine(json, line);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("series");
            for (SeriesSummary summary : report.series()) {
                writeSummary(json, summary);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("trends");
            for (Trend trend : report.trends()) {
                writeTrend(json, trend);
            }
            json.writeEndArray();
            writeDatabase(json, report.database());
            json.writeArrayFieldStart("messages");
            for (Diagnostic message : report.messages()) {
                json.writeStartObject();
                json.writeStringField("level", message.level().name().toLowerCase(Locale.ROOT));
                json.writeStringField("text", message.text());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.write('\n');
        out.flush();
    }

    private static void writeCounts(JsonGenerator json, GateReport report) throws IOException {
        json.writeObjectFieldStart("counts");
        for (Verdict verdict : Verdict.values()) {
            json.writeNumberField(VerdictWording.key(verdict), report.count(verdict));
        }
        json.writeEndObject();
    }

    private static void writeSource(JsonGenerator json, ResultSource source) throws IOException {
        json.writeStartObject();
        json.writeStringField("path", source.path());
        json.writeStringField("format", source.format());
        json.writeNumberField("samples", source.samples());
        json.writeEndObject();
    }

    private static void writeLine(JsonGenerator json, LineResult result) throws IOException {
        BudgetLine line = result.line();
        json.writeStartObject();
        if (line instanceof ThresholdLine threshold) {
            json.writeStringField("kind", "threshold");
            json.writeStringField("subject", line.subject());
            writeSeries(json, threshold.series());
            json.writeStringField("statistic", threshold.threshold().statistic().toString());
            json.writeStringField("operator", threshold.threshold().operator().symbol());
            writeLimit(json, threshold.threshold().limit());
        } else if (line instanceof RegressionLine regression) {
            json.writeStringField("kind", "regression");
            json.writeStringField("subject", line.subject());
            writeSeries(json, regression.series());
            json.writeStringField("statistic", regression.rule().statistic().toString());
            json.writeStringField("operator", regression.rule().operator());
            json.writeNullField("limit");
        } else if (line instanceof DatabaseLine database) {
            json.writeStringField("kind", "database");
            json.writeStringField("subject", line.subject());
            json.writeStringField("selector", database.selector().text());
            json.writeStringField("scope", database.selector().scope() == DatabaseSelector.Scope.EACH
                    ? "each" : "together");
            json.writeStringField("match", database.selector().match().orElse(null));
            json.writeStringField("statistic", database.statistic().spelling());
            json.writeStringField("operator", database.operator().symbol());
            writeLimit(json, database.limit());
        }
        json.writeStringField("expression", line.expression());
        json.writeStringField("severity", line.severity().name().toLowerCase(Locale.ROOT));
        json.writeStringField("description", line.description());
        writeLocation(json, line.location());
        writeOptional(json, "observed", result.observed());
        json.writeStringField("observedText", result.observedText());
        json.writeStringField("limitText", result.limitText());
        json.writeStringField("verdict", VerdictWording.key(result.verdict()));
        json.writeStringField("sentence", result.sentence());
        if (result.regression().isPresent()) {
            writeRegression(json, result.regression().get());
        } else if (line instanceof RegressionLine) {
            json.writeNullField("regression");
        }
        json.writeArrayFieldStart("explanations");
        for (Explanation explanation : result.explanations()) {
            writeExplanation(json, explanation);
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeExplanation(JsonGenerator json, Explanation explanation) throws IOException {
        json.writeStartObject();
        if (explanation instanceof PhaseSplit split) {
            json.writeStringField("kind", "phases");
            json.writeStringField("statistic", split.statistic().toString());
            json.writeStringField("baseline", split.baseline().orElse(null));
            json.writeFieldName("total");
            writePhase(json, split.total());
            json.writeArrayFieldStart("phases");
            for (PhaseSplit.Phase phase : split.phases()) {
                writePhase(json, phase);
            }
            json.writeEndArray();
        } else if (explanation instanceof FailedRequests failures) {
            json.writeStringField("kind", "failures");
            json.writeStringField("baseline", failures.baseline().orElse(null));
            json.writeNumberField("requests", failures.requests());
            json.writeNumberField("failed", failures.failed());
            json.writeNumberField("rate", failures.rate());
            writeOptional(json, "baselineRate", failures.baselineRate());
            json.writeArrayFieldStart("statuses");
            for (FailedRequests.StatusCount status : failures.statuses()) {
                json.writeStartObject();
                json.writeStringField("status", status.status());
                json.writeNumberField("count", status.count());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNumberField("otherFailures", failures.otherFailures());
        } else if (explanation instanceof StatementShift shift) {
            json.writeStringField("kind", "statement");
            json.writeStringField("baseline", shift.baseline());
            json.writeStringField("queryId", Long.toString(shift.queryId()));
            json.writeStringField("query", shift.query());
            json.writeNumberField("callsPerRequest", shift.callsPerRequest());
            json.writeNumberField("baselineCallsPerRequest", shift.baselineCallsPerRequest());
            json.writeNumberField("meanTime", shift.meanTimeMs());
            writeOptional(json, "baselineMeanTime", shift.baselineMeanTimeMs());
            json.writeBooleanField("newSinceBaseline", shift.newSinceBaseline());
            json.writeStringField("planChange", shift.planChange().orElse(null));
        }
        json.writeStringField("sentence", explanation.sentence());
        json.writeEndObject();
    }

    private static void writePhase(JsonGenerator json, PhaseSplit.Phase phase) throws IOException {
        json.writeStartObject();
        json.writeStringField("metric", phase.metric());
        json.writeNumberField("observed", phase.observed());
        writeOptional(json, "baseline", phase.baseline());
        json.writeEndObject();
    }

    private static void writeLimit(JsonGenerator json, Limit limit) throws IOException {
        json.writeObjectFieldStart("limit");
        json.writeNumberField("value", limit.value());
        json.writeStringField("unit", limit.unit());
        json.writeStringField("text", limit.text());
        json.writeEndObject();
    }

    private static void writeRegression(JsonGenerator json, RegressionVerdict verdict) throws IOException {
        json.writeObjectFieldStart("regression");
        json.writeStringField("outcome", verdict.outcome().name().toLowerCase(Locale.ROOT));
        json.writeStringField("method", verdict.method().name().toLowerCase(Locale.ROOT));
        json.writeStringField("direction", verdict.direction() == Direction.SMALLER_IS_BETTER
                ? "smaller-is-better" : "larger-is-better");
        writeNumber(json, "observed", verdict.observed());
        writeNumber(json, "baseline", verdict.baseline());
        json.writeStringField("changeScale", verdict.scale().name().toLowerCase(Locale.ROOT));
        writeNumber(json, "change", verdict.change());
        writeNumber(json, "allowedChange", verdict.allowedChange());
        if (verdict.interval().isPresent()) {
            json.writeObjectFieldStart("interval");
            writeNumber(json, "lower", verdict.interval().get().lower());
            writeNumber(json, "upper", verdict.interval().get().upper());
            writeNumber(json, "confidence", verdict.interval().get().confidence());
            json.writeEndObject();
        } else {
            json.writeNullField("interval");
        }
        writeNumber(json, "pValue", verdict.pValue());
        writeNumber(json, "failLevel", verdict.failLevel().level());
        json.writeNumberField("regressionLines", verdict.failLevel().lines());
        if (verdict.sensitivity().isPresent()) {
            Sensitivity sensitivity = verdict.sensitivity().get();
            json.writeObjectFieldStart("sensitivity");
            writeNumber(json, "noise", sensitivity.noise());
            writeNumber(json, "detectableChange", sensitivity.detectableChange());
            writeCount(json, "runsForAllowance", sensitivity.runsForAllowance());
            writeCount(json, "roundsForAllowance", sensitivity.roundsForAllowance());
            json.writeEndObject();
        } else {
            json.writeNullField("sensitivity");
        }
        json.writeNumberField("baselineRuns", verdict.baselineRuns());
        json.writeNumberField("excludedRuns", verdict.excludedRuns());
        json.writeNumberField("candidateRuns", verdict.candidateRuns());
        json.writeStringField("baselineName", verdict.baselineName());
        json.writeStringField("reason", verdict.reason());
        json.writeEndObject();
    }

    private static void writeCount(JsonGenerator json, String field, OptionalInt count) throws IOException {
        if (count.isPresent()) {
            json.writeNumberField(field, count.getAsInt());
        } else {
            json.writeNullField(field);
        }
    }

    private static void writeNumber(JsonGenerator json, String field, double value) throws IOException {
        writeOptional(json, field, Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty());
    }

    private static void writeSeries(JsonGenerator json, SeriesKey key) throws IOException {
        json.writeStringField("series", key.toString());
        json.writeStringField("metric", key.metric());
        json.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> tag : key.filter().entrySet()) {
            json.writeStringField(tag.getKey(), tag.getValue());
        }
        json.writeEndObject();
    }

    /** Line and column 0 mean unknown, so they become {@code null}. */
    private static void writeLocation(JsonGenerator json, SourceLocation location) throws IOException {
        json.writeObjectFieldStart("location");
        json.writeStringField("file", location.file());
        if (location.line() > 0) {
            json.writeNumberField("line", location.line());
        } else {
            json.writeNullField("line");
        }
        if (location.column() > 0) {
            json.writeNumberField("column", location.column());
        } else {
            json.writeNullField("column");
        }
        json.writeEndObject();
    }

    private static void writeSummary(JsonGenerator json, SeriesSummary summary) throws IOException {
        json.writeStartObject();
        writeSeries(json, summary.key());
        SeriesSummaryJson.write(json, summary, SeriesSummaryJson.Form.REPORT);
        json.writeEndObject();
    }

    private static void writeTrend(JsonGenerator json, Trend trend) throws IOException {
        json.writeStartObject();
        writeSeries(json, trend.series());
        json.writeStringField("statistic", trend.statistic().toString());
        json.writeStringField("contents", trend.contents().k6Name());
        json.writeArrayFieldStart("limits");
        for (TrendLimit limit : trend.limits()) {
            json.writeStartObject();
            json.writeStringField("expression", limit.expression());
            json.writeNumberField("value", limit.value());
            json.writeStringField("unit", limit.unit());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("points");
        for (TrendPoint point : trend.points()) {
            json.writeStartObject();
            json.writeStringField("runId", point.runId());
            json.writeStringField("commit", point.commit().orElse(null));
            json.writeStringField("buildUrl", point.buildUrl().orElse(null));
            json.writeStringField("startedAt", point.startedAt().toString());
            writeOptional(json, "value", point.value());
            json.writeStringField("verdict", point.verdict().map(VerdictWording::key).orElse(null));
            json.writeStringField("runVerdict", VerdictWording.key(point.runVerdict()));
            json.writeStringField("flagReason", point.flagReason().orElse(null));
            json.writeBooleanField("pinned", point.pinned());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("changePoints");
        for (TrendChangePoint change : trend.changePoints()) {
            json.writeStartObject();
            json.writeNumberField("index", change.index());
            json.writeStringField("runId", change.runId());
            json.writeNumberField("meanBefore", change.meanBefore());
            json.writeNumberField("meanAfter", change.meanAfter());
            writeOptional(json, "change", change.relativeChange());
            json.writeNumberField("pValue", change.pValue());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The database section, or {@code null} without a usable pair of snapshots. */
    private static void writeDatabase(JsonGenerator json, Optional<DatabaseSection> database) throws IOException {
        if (database.isEmpty()) {
            json.writeNullField("database");
            return;
        }
        DatabaseSection section = database.get();
        json.writeObjectFieldStart("database");
        json.writeStringField("address", section.database());
        json.writeStringField("from", section.from().toString());
        json.writeStringField("to", section.to().toString());
        json.writeNumberField("statementCount", section.statementCount());
        json.writeNumberField("calls", section.calls());
        writeNumber(json, "totalTime", section.totalTimeMs());
        if (section.requests().isPresent()) {
            json.writeNumberField("requests", section.requests().getAsLong());
        } else {
            json.writeNullField("requests");
        }
        writeStatements(json, "byTotalTime", section.byTotalTime());
        writeStatements(json, "byMeanTime", section.byMeanTime());
        json.writeArrayFieldStart("notes");
        for (String note : section.notes()) {
            json.writeStartObject();
            json.writeStringField("text", note);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** The query id as a string: a 64-bit hash, beyond the integers a JavaScript number holds exactly. */
    private static void writeStatements(JsonGenerator json, String field, List<DatabaseStatementRow> rows)
            throws IOException {
        json.writeArrayFieldStart(field);
        for (DatabaseStatementRow row : rows) {
            json.writeStartObject();
            json.writeStringField("queryId", Long.toString(row.queryId()));
            json.writeStringField("user", row.user().isEmpty() ? null : row.user());
            json.writeStringField("query", row.query());
            json.writeNumberField("calls", row.calls());
            writeOptional(json, "callsPerRequest", row.callsPerRequest());
            writeNumber(json, "meanTime", row.meanTimeMs());
            writeNumber(json, "totalTime", row.totalTimeMs());
            json.writeNumberField("rows", row.rows());
            if (row.plan().isPresent()) {
                json.writeObjectFieldStart("plan");
                json.writeStringField("shapeHash", row.plan().get().shapeHash());
                json.writeStringField("shape", row.plan().get().shape());
                json.writeStringField("text", row.plan().get().text());
                json.writeEndObject();
            } else {
                json.writeNullField("plan");
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Absent and non-finite values are {@code null}: JSON has no NaN, and 0 would be a lie. */
    private static void writeOptional(JsonGenerator json, String field, OptionalDouble value) throws IOException {
        if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
            json.writeNumberField(field, value.getAsDouble());
        } else {
            json.writeNullField(field);
        }
    }

    /** Two-space indent, {@code "key": value}, and {@code \n} on every platform. */
    private static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator("");
        return new DefaultPrettyPrinter(separators)
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

}
