package io.perfgate.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.ParserText;
import io.perfgate.diag.SourceLocation;
import io.perfgate.model.DatabaseStatementRow;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.SeriesSummaryJson;
import io.perfgate.model.StatementPlan;
import io.perfgate.model.Verdict;
import io.perfgate.stats.SeriesKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * The JSON form of a run, used by the file store, the spool and, for labels and tags, PostgreSQL.
 * Written field by field, so the format is what this class (and, for each series, {@link SeriesSummaryJson})
 * says and not whatever the records look like. Format 1:
 *
 * <pre>
 * {
 *   "format": 1,
 *   "project": "shop", "branch": "main", "commit": "9fceb02" | null, "runId": "1234",
 *   "buildUrl": "https://ci.example/1234" | null,
 *   "startedAt": "2025-03-01T12:00:00.123456Z",
 *   "labels": {"agent": "linux-4"},
 *   "verdict": "PASS" | "WARN" | "FAIL" | "ERROR",
 *   "series": [{"metric": "http_req_duration", "tags": {"name": "checkout"}, "type": "trend", "contents": "time",
 *               "count": 1200, "rate": 40.0, "min": 1.2, "avg": 20.5, "med": 18.0, "p90": 35.1,
 *               "p95": 41.0, "p99": 80.2, "max": 120.9, "errorRate": 0.001 | null,
 *               "histogram": "&lt;base64 of HdrHistogram's compressed encoding&gt;" | null,
 *               "rounds": [{"count": 400, "rate": 40.1, "min": 1.3, ... "errorRate": 0.001 | null} | null]}],
 *   "lines": [{"metric": "http_req_duration", "tags": {"name": "checkout"}, "expression": "p(95)&lt;300",
 *              "observed": 41.0 | null, "verdict": "PASS"}],
 *   "database": {"statementCount": 12,
 *                "statements": [{"queryId": "-6917402351266385121", "user": "shop_app",
 *                                "query": "SELECT * FROM guests WHERE id = $1", "calls": 404,
 *                                "callsPerRequest": 0.33 | null, "meanTime": 0.04, "totalTime": 16.2,
 *                                "rows": 404,
 *                                "plan": {"shapeHash": "3f1c0a9be2d47c65", "shape": "Index Scan: Index Scan on guests"}
 *                                        (only when a plan was taken)}]}
 * }
 * </pre>
 *
 * Times are milliseconds; {@code null} (or a missing field) is a value the source could not tell.
 * {@code rounds} is written only for a build that ran its load k times ({@link RunRecord#rounds()}): k
 * elements in every series, each round's statistics of the series or {@code null} for a round that did
 * not measure it. Files without it (single-run builds, and every run recorded before rounds were kept)
 * are runs without rounds; a perfgate that does not know the field reads the pooled series alone.
 * {@code database} is written only for a run with database snapshots ({@link RunRecord#statements()});
 * files without it are runs without statements, and a perfgate that does not know it passes it by.
 */
final class RunJson {

    static final int FORMAT = 1;

    static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RunJson() {
    }

    static byte[] write(RunRecord run) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(out)) {
            json.setPrettyPrinter(new DefaultPrettyPrinter());
            json.writeStartObject();
            json.writeNumberField("format", FORMAT);
            json.writeStringField("project", run.project());
            json.writeStringField("branch", run.branch());
            json.writeStringField("commit", run.commit().orElse(null));
            json.writeStringField("runId", run.runId());
            json.writeStringField("buildUrl", run.buildUrl().orElse(null));
            json.writeStringField("startedAt", run.startedAt().toString());
            writeStrings(json, "labels", run.labels());
            json.writeStringField("verdict", run.verdict().name());
            json.writeArrayFieldStart("series");
            for (SeriesSummary summary : run.series()) {
                json.writeStartObject();
                writeKey(json, summary.key());
                SeriesSummaryJson.write(json, summary, SeriesSummaryJson.Form.HISTORY);
                if (!run.rounds().isEmpty()) {
                    writeRounds(json, run.rounds(summary.key()));
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("lines");
            for (LineVerdict line : run.lines()) {
                json.writeStartObject();
                writeKey(json, line.series());
                json.writeStringField("expression", line.expression());
                if (line.observed().isPresent()) {
                    json.writeNumberField("observed", line.observed().getAsDouble());
                } else {
                    json.writeNullField("observed");
                }
                json.writeStringField("verdict", line.verdict().name());
                json.writeEndObject();
            }
            json.writeEndArray();
            if (run.statements().isPresent()) {
                writeStatements(json, run.statements().get());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write run " + run.runId() + " as JSON", e);
        }
        return out.toByteArray();
    }

    /** The query id as text: a 64-bit integer that JavaScript numbers cannot hold exactly. */
    private static void writeStatements(JsonGenerator json, RecordedStatements recorded) throws IOException {
        json.writeObjectFieldStart("database");
        json.writeNumberField("statementCount", recorded.statementCount());
        json.writeArrayFieldStart("statements");
        for (DatabaseStatementRow statement : recorded.statements()) {
            json.writeStartObject();
            json.writeStringField("queryId", Long.toString(statement.queryId()));
            json.writeStringField("user", statement.user());
            json.writeStringField("query", statement.query());
            json.writeNumberField("calls", statement.calls());
            if (statement.callsPerRequest().isPresent()) {
                json.writeNumberField("callsPerRequest", statement.callsPerRequest().getAsDouble());
            } else {
                json.writeNullField("callsPerRequest");
            }
            json.writeNumberField("meanTime", statement.meanTimeMs());
            json.writeNumberField("totalTime", statement.totalTimeMs());
            json.writeNumberField("rows", statement.rows());
            if (statement.plan().isPresent()) {
                json.writeObjectFieldStart("plan");
                json.writeStringField("shapeHash", statement.plan().get().shapeHash());
                json.writeStringField("shape", statement.plan().get().shape());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** A series' statistics in each round, null for a round that did not measure it. */
    private static void writeRounds(JsonGenerator json, List<Optional<SeriesSummary>> rounds) throws IOException {
        json.writeArrayFieldStart("rounds");
        for (Optional<SeriesSummary> round : rounds) {
            if (round.isPresent()) {
                json.writeStartObject();
                SeriesSummaryJson.writeStatistics(json, round.get());
                json.writeEndObject();
            } else {
                json.writeNull();
            }
        }
        json.writeEndArray();
    }

    private static void writeKey(JsonGenerator json, SeriesKey key) throws IOException {
        json.writeStringField("metric", key.metric());
        writeStrings(json, "tags", key.filter());
    }

    private static void writeStrings(JsonGenerator json, String field, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> value : values.entrySet()) {
            json.writeStringField(value.getKey(), value.getValue());
        }
        json.writeEndObject();
    }

    static ObjectNode stringMap(Map<String, String> values) {
        ObjectNode node = MAPPER.createObjectNode();
        values.forEach(node::put);
        return node;
    }

    /** A JSON object of strings, e.g. labels, as text for a jsonb column. */
    static String stringMapText(Map<String, String> values) {
        return stringMap(values).toString();
    }

    /**
     * Reads a run written by {@link #write}.
     *
     * @param source the file, for messages
     * @throws BadInputException naming the file and line, or the field, that is wrong
     */
    static RunRecord read(byte[] content, String source) {
        return new Reader(source).run(tree(content, source));
    }

    static JsonNode tree(byte[] content, String source) {
        try {
            JsonNode root = MAPPER.readTree(content);
            if (root == null || root.isMissingNode()) {
                throw new BadInputException(SourceLocation.ofFile(source), "is empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourceLocation location = at == null ? SourceLocation.ofFile(source)
                    : new SourceLocation(source, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0));
            throw new BadInputException(location, "is not valid JSON: " + ParserText.problem(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new BadInputException(SourceLocation.ofFile(source), "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads a JSON object of strings written by {@link #stringMapText}. */
    static Map<String, String> stringMapFromText(String json, String source) {
        Reader reader = new Reader(source);
        return reader.strings(tree(json.getBytes(StandardCharsets.UTF_8), source), "");
    }

    /** Walks a tree, naming the field of every problem. */
    static final class Reader {

        private final String source;

        Reader(String source) {
            this.source = source;
        }

        RunRecord run(JsonNode root) {
            object(root, "the top level");
            format(root);
            RunRecord.Builder run = RunRecord.builder()
                    .project(text(root, "project"))
                    .branch(text(root, "branch"))
                    .commit(optionalText(root, "commit").orElse(null))
                    .runId(text(root, "runId"))
                    .buildUrl(optionalText(root, "buildUrl").orElse(null))
                    .startedAt(instant(root, "startedAt"))
                    .labels(strings(root.get("labels"), "labels"))
                    .verdict(verdict(root, "verdict", ""));
            JsonNode series = array(root, "series");
            List<List<SeriesSummary>> rounds = new ArrayList<>();
            for (int i = 0; i < series.size(); i++) {
                String path = "series[" + i + "].";
                SeriesSummary pooled = summary(series.get(i), path);
                run.series(pooled);
                List<Optional<SeriesSummary>> perRound = rounds(series.get(i), path, pooled);
                if (i == 0) {
                    perRound.forEach(unused -> rounds.add(new ArrayList<>()));
                } else if (perRound.size() != rounds.size()) {
                    throw problem("field '" + path + "rounds' must have " + rounds.size() + " elements, as series[0]"
                            + " has, not " + perRound.size());
                }
                for (int round = 0; round < perRound.size(); round++) {
                    perRound.get(round).ifPresent(rounds.get(round)::add);
                }
            }
            rounds.forEach(run::round);
            JsonNode lines = array(root, "lines");
            for (int i = 0; i < lines.size(); i++) {
                run.line(line(lines.get(i), "lines[" + i + "]."));
            }
            JsonNode database = root.get("database");
            if (database != null && !database.isNull()) {
                run.statements(statements(database));
            }
            try {
                return run.build();
            } catch (IllegalArgumentException e) {
                throw problem(e.getMessage());
            }
        }

        void format(JsonNode root) {
            JsonNode format = root.get("format");
            if (format == null || !format.canConvertToExactIntegral() || !format.canConvertToInt()) {
                throw problem("field 'format' must be the history format number (" + FORMAT + ")");
            }
            int version = format.intValue();
            if (version > FORMAT) {
                throw new NewerFormatException(SourceLocation.ofFile(source), "is in history format " + version
                        + ", newer than this perfgate reads (" + FORMAT + "): use a newer perfgate");
            }
            if (version < 1) {
                throw problem("field 'format' must be the history format number (" + FORMAT + "), not " + version);
            }
        }

        private SeriesSummary summary(JsonNode node, String path) {
            object(node, path);
            return SeriesSummaryJson.read(key(node, path), new NodeFields(node, path),
                    SeriesSummaryJson.Form.HISTORY, Optional.empty());
        }

        /** A series' statistics in each round of a build of repeated runs; none for a run without rounds. */
        private List<Optional<SeriesSummary>> rounds(JsonNode node, String path, SeriesSummary pooled) {
            JsonNode rounds = node.get("rounds");
            if (rounds == null || rounds.isNull()) {
                return List.of();
            }
            if (!rounds.isArray()) {
                throw problem("field '" + path + "rounds' must be an array");
            }
            List<Optional<SeriesSummary>> read = new ArrayList<>();
            for (int i = 0; i < rounds.size(); i++) {
                JsonNode round = rounds.get(i);
                if (round.isNull()) {
                    read.add(Optional.empty());
                    continue;
                }
                String roundPath = path + "rounds[" + i + "].";
                object(round, roundPath);
                read.add(Optional.of(SeriesSummaryJson.readStatistics(pooled.key(), pooled.type(), pooled.contents(),
                        new NodeFields(round, roundPath), Optional.empty())));
            }
            return read;
        }

        /** A series object's fields, with this format's messages: {@code field 'series[0].count' must be ...}. */
        private final class NodeFields implements SeriesSummaryJson.Fields {

            private final JsonNode node;
            private final String path;

            NodeFields(JsonNode node, String path) {
                this.node = node;
                this.path = path;
            }

            @Override
            public boolean has(String field) {
                return node.has(field);
            }

            @Override
            public <E> E choice(String field, Map<String, E> words) {
                JsonNode value = node.get(field);
                E chosen = value == null || !value.isTextual() ? null : words.get(value.textValue());
                if (chosen == null) {
                    List<String> names = List.copyOf(words.keySet());
                    throw problem(field, "must be " + String.join(", ", names.subList(0, names.size() - 1)) + " or "
                            + names.get(names.size() - 1));
                }
                return chosen;
            }

            @Override
            public long count(String field) {
                return Reader.this.count(node, path + field);
            }

            @Override
            public OptionalDouble optionalNumber(String field) {
                return number(node, path, field);
            }

            @Override
            public Optional<byte[]> optionalBytes(String field) {
                JsonNode encoded = node.get(field);
                if (encoded == null || encoded.isNull()) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(encoded.binaryValue());
                } catch (IOException e) {
                    throw problem(field, "must be the base64 of a compressed HdrHistogram: " + e.getMessage());
                }
            }

            @Override
            public <T> T build(Supplier<T> constructor) {
                try {
                    return constructor.get();
                } catch (IllegalArgumentException e) {
                    throw Reader.this.problem(path + ": " + e.getMessage());
                }
            }

            @Override
            public BadInputException problem(String field, String text) {
                return Reader.this.problem("field '" + path + field + "' " + text);
            }
        }

        private RecordedStatements statements(JsonNode node) {
            object(node, "database");
            JsonNode count = node.get("statementCount");
            if (count == null || !count.canConvertToExactIntegral() || !count.canConvertToInt() || count.intValue() < 0) {
                throw problem("field 'database.statementCount' must be a whole number of at least 0");
            }
            JsonNode statements = array(node, "statements");
            List<DatabaseStatementRow> rows = new ArrayList<>();
            for (int i = 0; i < statements.size(); i++) {
                rows.add(statement(statements.get(i), "database.statements[" + i + "]."));
            }
            try {
                return new RecordedStatements(count.intValue(), rows);
            } catch (IllegalArgumentException e) {
                throw problem("database: " + e.getMessage());
            }
        }

        private DatabaseStatementRow statement(JsonNode node, String path) {
            object(node, path);
            String queryId = text(node, path + "queryId");
            long id;
            try {
                id = Long.parseLong(queryId);
            } catch (NumberFormatException e) {
                throw problem("field '" + path + "queryId' must be a 64-bit integer written as text, not '" + queryId
                        + "'");
            }
            OptionalDouble meanTime = number(node, path, "meanTime");
            OptionalDouble totalTime = number(node, path, "totalTime");
            if (meanTime.isEmpty() || totalTime.isEmpty()) {
                throw problem("field '" + path + (meanTime.isEmpty() ? "meanTime" : "totalTime") + "' must be a number");
            }
            return new DatabaseStatementRow(id, text(node, path + "user"), text(node, path + "query"),
                    count(node, path + "calls"), number(node, path, "callsPerRequest"), meanTime.getAsDouble(),
                    totalTime.getAsDouble(), count(node, path + "rows"), plan(node.get("plan"), path + "plan."));
        }

        /** A plan's shape; the history does not keep the plan's text. */
        private Optional<StatementPlan> plan(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            object(node, path);
            String hash = text(node, path + "shapeHash");
            String shape = text(node, path + "shape");
            try {
                return Optional.of(new StatementPlan(hash, shape, ""));
            } catch (IllegalArgumentException e) {
                throw problem("field '" + path + "shapeHash': " + e.getMessage());
            }
        }

        private LineVerdict line(JsonNode node, String path) {
            object(node, path);
            try {
                return new LineVerdict(key(node, path), text(node, path + "expression"), number(node, path, "observed"),
                        verdict(node, "verdict", path));
            } catch (IllegalArgumentException e) {
                throw problem(path + ": " + e.getMessage());
            }
        }

        private SeriesKey key(JsonNode node, String path) {
            try {
                return new SeriesKey(text(node, path + "metric"), strings(node.get("tags"), path + "tags"));
            } catch (IllegalArgumentException e) {
                throw problem(path + ": " + e.getMessage());
            }
        }

        Map<String, String> strings(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return Map.of();
            }
            object(node, path);
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!field.getValue().isTextual()) {
                    throw problem("field '" + (path.isEmpty() ? "" : path + ".") + field.getKey()
                            + "' must be a string");
                }
                values.put(field.getKey(), field.getValue().textValue());
            }
            return values;
        }

        private long count(JsonNode node, String path) {
            JsonNode value = node.get(leaf(path));
            if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong()
                    || value.longValue() < 0) {
                throw problem("field '" + path + "' must be a whole number of at least 0");
            }
            return value.longValue();
        }

        private OptionalDouble number(JsonNode node, String path, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return OptionalDouble.empty();
            }
            if (!value.isNumber()) {
                throw problem("field '" + path + field + "' must be a number or null");
            }
            return OptionalDouble.of(value.doubleValue());
        }

        private Verdict verdict(JsonNode node, String field, String path) {
            String text = text(node, path + field);
            try {
                return Verdict.valueOf(text);
            } catch (IllegalArgumentException e) {
                throw problem("field '" + path + field + "' must be PASS, WARN, FAIL or ERROR, not '" + text + "'");
            }
        }

        private Instant instant(JsonNode node, String field) {
            String text = text(node, field);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw problem("field '" + field + "' must be an ISO-8601 instant such as 2025-03-01T12:00:00Z, not '"
                        + text + "'");
            }
        }

        private String text(JsonNode node, String path) {
            JsonNode value = node.get(leaf(path));
            if (value == null || !value.isTextual()) {
                throw problem("field '" + path + "' must be a string");
            }
            return value.textValue();
        }

        private Optional<String> optionalText(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isTextual()) {
                throw problem("field '" + field + "' must be a string or null");
            }
            return Optional.of(value.textValue());
        }

        private JsonNode array(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.getNodeType() != JsonNodeType.ARRAY) {
                throw problem("field '" + field + "' must be an array");
            }
            return value;
        }

        private void object(JsonNode node, String what) {
            if (node == null || !node.isObject()) {
                throw problem((what.isEmpty() ? "the value" : what.endsWith(".") ? what.substring(0, what.length() - 1)
                        : what) + " must be a JSON object");
            }
        }

        private static String leaf(String path) {
            return path.substring(path.lastIndexOf('.') + 1);
        }

        BadInputException problem(String text) {
            return new BadInputException(SourceLocation.ofFile(source), text);
        }
    }
}
