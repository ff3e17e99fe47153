package io.perfgate.database;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.ParserText;
import io.perfgate.diag.SourceLocation;
import io.perfgate.model.StatementPlan;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@link SnapshotAttempt} as a JSON file, so that a snapshot taken by one Maven goal is read by a
 * later one. Format 1:
 *
 * <pre>
 * {
 *   "format": 1,
 *   "takenAt": "2025-06-01T10:00:00.123456Z",       the database server's clock
 *   "database": "db.example:5432/shop",             host:port/database, never credentials
 *   -- a snapshot --
 *   "serverVersion": "17.5",
 *   "serverVersionNumber": 170005,
 *   "extensionVersion": "1.11",                     pg_stat_statements as installed
 *   "statsReset": "2025-05-30T08:00:00Z",           null before 1.9
 *   "deallocations": 0,                             null before 1.9
 *   "statements": [
 *     { "userId": 10, "databaseId": 16384, "queryId": -6042117651212845045, "topLevel": true,
 *       "user": "shop", "query": "SELECT * FROM bookings WHERE id = $1",
 *       "calls": 120, "totalTimeMs": 35.2, "meanTimeMs": 0.29, "maxTimeMs": 1.7, "rows": 120,
 *       "sharedBlocksHit": 480, "sharedBlocksRead": 3, "statsSince": "2025-05-30T08:00:00Z" }   null before 1.11
 *   ],
 *   "plans": [                                      after the load only: EXPLAIN (GENERIC_PLAN, FORMAT JSON)
 *     { "userId": 10, "databaseId": 16384, "queryId": -6042117651212845045, "topLevel": true,
 *       "plan": "[{\"Plan\": {\"Node Type\": \"Index Scan\", ...}}]" }
 *   ],
 *   "plansNote": "plans need PostgreSQL 16 or newer ..."   null when no plan is missing
 *   -- or, when it could not be taken --
 *   "failure": { "problem": "EXTENSION_MISSING", "message": "pg_stat_statements is not installed ..." }
 * }
 * </pre>
 *
 * A reader ignores fields it does not know, so later perfgate versions may add fields within format 1;
 * an incompatible change raises the format number, and a file of a higher format is refused with a
 * message naming it. Files are written whole or not at all (a temporary file moved into place).
 */
public final class SnapshotFile {

    /** The format this perfgate writes and reads. */
    public static final int FORMAT = 1;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SnapshotFile() {
    }

    /**
     * Writes {@code attempt} to {@code file}, creating its folder.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void write(Path file, SnapshotAttempt attempt) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
            Path temporary = Files.createTempFile(folder, file.getFileName().toString(), ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temporary);
                        JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
                    json.useDefaultPrettyPrinter();
                    writeAttempt(json, attempt);
                }
                move(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the database snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a file written by {@link #write}.
     *
     * @throws BadInputException    naming file, line and column when it is not a snapshot of a format this
     *                              perfgate reads
     * @throws UncheckedIOException when it cannot be read (a missing file included)
     */
    public static SnapshotAttempt read(Path file) {
        String name = file.toString();
        try (InputStream in = Files.newInputStream(file);
                JsonParser json = JSON.createParser(in)) {
            return new Reader(json, name).attempt();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new BadInputException(at == null ? SourceLocation.ofFile(name)
                    : new SourceLocation(name, at.getLineNr(), at.getColumnNr()),
                    "not a readable database snapshot: " + ParserText.problem(e.getOriginalMessage()), e);
        } catch (CharConversionException e) {
            // The parser tells the encoding from the first bytes; perfgate writes UTF-8.
            throw new BadInputException(SourceLocation.ofFile(name),
                    "not a readable database snapshot: it is not UTF-8 text, as perfgate writes it (" + e.getMessage()
                            + ")", e);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("the database snapshot " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the database snapshot " + file + ": " + e.getMessage(), e);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void writeAttempt(JsonGenerator json, SnapshotAttempt attempt) throws IOException {
        json.writeStartObject();
        json.writeNumberField("format", FORMAT);
        json.writeStringField("takenAt", attempt.takenAt().toString());
        json.writeStringField("database", attempt.database());
        if (attempt instanceof CaptureFailure failure) {
            json.writeObjectFieldStart("failure");
            json.writeStringField("problem", failure.problem().name());
            json.writeStringField("message", failure.message());
            json.writeEndObject();
        } else {
            StatementSnapshot snapshot = (StatementSnapshot) attempt;
            json.writeStringField("serverVersion", snapshot.serverVersion());
            json.writeNumberField("serverVersionNumber", snapshot.serverVersionNumber());
            json.writeStringField("extensionVersion", snapshot.extensionVersion());
            writeInstant(json, "statsReset", snapshot.statsReset());
            json.writeFieldName("deallocations");
            if (snapshot.deallocations().isPresent()) {
                json.writeNumber(snapshot.deallocations().getAsLong());
            } else {
                json.writeNull();
            }
            json.writeArrayFieldStart("statements");
            for (StatementStatistics statement : snapshot.statements()) {
                writeStatement(json, statement);
            }
            json.writeEndArray();
            writePlans(json, snapshot.plans());
        }
        json.writeEndObject();
    }

    /** Written only when plans were asked for, so a snapshot before the load reads as it always did. */
    private static void writePlans(JsonGenerator json, StatementPlans plans) throws IOException {
        if (plans.plans().isEmpty() && plans.note().isEmpty()) {
            return;
        }
        json.writeArrayFieldStart("plans");
        for (Map.Entry<StatementKey, StatementPlan> plan : plans.plans().entrySet()) {
            json.writeStartObject();
            json.writeNumberField("userId", plan.getKey().userId());
            json.writeNumberField("databaseId", plan.getKey().databaseId());
            json.writeNumberField("queryId", plan.getKey().queryId());
            json.writeBooleanField("topLevel", plan.getKey().topLevel());
            json.writeStringField("plan", plan.getValue().text());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeStringField("plansNote", plans.note().orElse(null));
    }

    private static void writeStatement(JsonGenerator json, StatementStatistics statement) throws IOException {
        json.writeStartObject();
        json.writeNumberField("userId", statement.key().userId());
        json.writeNumberField("databaseId", statement.key().databaseId());
        json.writeNumberField("queryId", statement.key().queryId());
        json.writeBooleanField("topLevel", statement.key().topLevel());
        json.writeStringField("user", statement.user());
        json.writeStringField("query", statement.query());
        json.writeNumberField("calls", statement.calls());
        json.writeNumberField("totalTimeMs", statement.totalTimeMs());
        json.writeNumberField("meanTimeMs", statement.meanTimeMs());
        json.writeNumberField("maxTimeMs", statement.maxTimeMs());
        json.writeNumberField("rows", statement.rows());
        json.writeNumberField("sharedBlocksHit", statement.sharedBlocksHit());
        json.writeNumberField("sharedBlocksRead", statement.sharedBlocksRead());
        writeInstant(json, "statsSince", statement.statsSince());
        json.writeEndObject();
    }

    private static void writeInstant(JsonGenerator json, String field, Optional<Instant> value) throws IOException {
        if (value.isPresent()) {
            json.writeStringField(field, value.get().toString());
        } else {
            json.writeNullField(field);
        }
    }

    /** Reads one file; every problem names the line and column where it stands. */
    private static final class Reader {

        private final JsonParser json;
        private final String file;

        Reader(JsonParser json, String file) {
            this.json = json;
            this.file = file;
        }

        SnapshotAttempt attempt() throws IOException {
            expect(json.nextToken(), JsonToken.START_OBJECT, "the snapshot");
            SourceLocation start = here();
            Integer format = null;
            Instant takenAt = null;
            String database = null;
            String serverVersion = null;
            Integer serverVersionNumber = null;
            String extensionVersion = null;
            Optional<Instant> statsReset = Optional.empty();
            OptionalLong deallocations = OptionalLong.empty();
            List<StatementStatistics> statements = null;
            Map<StatementKey, StatementPlan> plans = new LinkedHashMap<>();
            Optional<String> plansNote = Optional.empty();
            DatabaseProblem problem = null;
            String message = null;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (format == null && !field.equals("format")) {
                    throw problem("\"format\" must come first, so that a newer file is told apart; found \""
                            + field + "\"");
                }
                switch (field) {
                    case "format" -> {
                        format = (int) longValue(value, field);
                        if (format > FORMAT || format < 1) {
                            throw problem("database snapshot format " + format + " is not one this perfgate reads ("
                                    + FORMAT + "); take the snapshots and evaluate them with the same perfgate version");
                        }
                    }
                    case "takenAt" -> takenAt = instant(value, field).orElseThrow(() -> problem("takenAt is null"));
                    case "database" -> database = text(value, field);
                    case "serverVersion" -> serverVersion = text(value, field);
                    case "serverVersionNumber" -> serverVersionNumber = (int) longValue(value, field);
                    case "extensionVersion" -> extensionVersion = text(value, field);
                    case "statsReset" -> statsReset = instant(value, field);
                    case "deallocations" -> deallocations = value == JsonToken.VALUE_NULL ? OptionalLong.empty()
                            : OptionalLong.of(longValue(value, field));
                    case "statements" -> statements = statements(value);
                    case "plans" -> plans = plans(value);
                    case "plansNote" -> plansNote = value == JsonToken.VALUE_NULL ? Optional.empty()
                            : Optional.of(text(value, field));
                    case "failure" -> {
                        expect(value, JsonToken.START_OBJECT, field);
                        while (json.nextToken() == JsonToken.FIELD_NAME) {
                            String inner = json.currentName();
                            JsonToken innerValue = json.nextToken();
                            if (inner.equals("problem")) {
                                problem = problemNamed(text(innerValue, inner));
                            } else if (inner.equals("message")) {
                                message = text(innerValue, inner);
                            } else {
                                json.skipChildren();
                            }
                        }
                    }
                    default -> json.skipChildren();
                }
            }
            if (json.nextToken() != null) {
                throw problem("text after the end of the snapshot");
            }
            require(format, "format", start);
            require(takenAt, "takenAt", start);
            require(database, "database", start);
            if (problem != null || message != null) {
                require(problem, "failure.problem", start);
                require(message, "failure.message", start);
                return new CaptureFailure(takenAt, database, problem, message);
            }
            require(serverVersion, "serverVersion", start);
            require(serverVersionNumber, "serverVersionNumber", start);
            require(extensionVersion, "extensionVersion", start);
            require(statements, "statements", start);
            return new StatementSnapshot(takenAt, database, serverVersion, serverVersionNumber, extensionVersion,
                    statsReset, deallocations, statements, new StatementPlans(plans, plansNote));
        }

        /** Each plan by its statement's key; the shape is read again from the plan the server wrote. */
        private Map<StatementKey, StatementPlan> plans(JsonToken value) throws IOException {
            expect(value, JsonToken.START_ARRAY, "plans");
            Map<StatementKey, StatementPlan> plans = new LinkedHashMap<>();
            JsonToken token;
            while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
                expect(token, JsonToken.START_OBJECT, "each plan");
                SourceLocation start = here();
                Long userId = null;
                Long databaseId = null;
                Long queryId = null;
                Boolean topLevel = null;
                String plan = null;
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken fieldValue = json.nextToken();
                    switch (field) {
                        case "userId" -> userId = longValue(fieldValue, field);
                        case "databaseId" -> databaseId = longValue(fieldValue, field);
                        case "queryId" -> queryId = longValue(fieldValue, field);
                        case "topLevel" -> topLevel = bool(fieldValue, field);
                        case "plan" -> plan = text(fieldValue, field);
                        default -> json.skipChildren();
                    }
                }
                require(userId, "plan.userId", start);
                require(databaseId, "plan.databaseId", start);
                require(queryId, "plan.queryId", start);
                require(topLevel, "plan.topLevel", start);
                require(plan, "plan.plan", start);
                try {
                    plans.put(new StatementKey(userId, databaseId, queryId, topLevel), PlanShapes.of(plan));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(start, "plan of statement " + queryId + ": " + e.getMessage());
                }
            }
            return plans;
        }

        private List<StatementStatistics> statements(JsonToken value) throws IOException {
            expect(value, JsonToken.START_ARRAY, "statements");
            List<StatementStatistics> statements = new ArrayList<>();
            JsonToken token;
            while ((token = json.nextToken()) != JsonToken.END_ARRAY) {
                expect(token, JsonToken.START_OBJECT, "each statement");
                statements.add(statement());
            }
            return statements;
        }

        private StatementStatistics statement() throws IOException {
            SourceLocation start = here();
            Long userId = null;
            Long databaseId = null;
            Long queryId = null;
            Boolean topLevel = null;
            String user = null;
            String query = null;
            Long calls = null;
            Double totalTime = null;
            Double meanTime = null;
            Double maxTime = null;
            Long rows = null;
            Long blocksHit = null;
            Long blocksRead = null;
            Optional<Instant> statsSince = Optional.empty();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "userId" -> userId = longValue(value, field);
                    case "databaseId" -> databaseId = longValue(value, field);
                    case "queryId" -> queryId = longValue(value, field);
                    case "topLevel" -> topLevel = bool(value, field);
                    case "user" -> user = text(value, field);
                    case "query" -> query = text(value, field);
                    case "calls" -> calls = longValue(value, field);
                    case "totalTimeMs" -> totalTime = number(value, field);
                    case "meanTimeMs" -> meanTime = number(value, field);
                    case "maxTimeMs" -> maxTime = number(value, field);
                    case "rows" -> rows = longValue(value, field);
                    case "sharedBlocksHit" -> blocksHit = longValue(value, field);
                    case "sharedBlocksRead" -> blocksRead = longValue(value, field);
                    case "statsSince" -> statsSince = instant(value, field);
                    default -> json.skipChildren();
                }
            }
            String what = "statement";
            require(userId, what + ".userId", start);
            require(databaseId, what + ".databaseId", start);
            require(queryId, what + ".queryId", start);
            require(topLevel, what + ".topLevel", start);
            require(user, what + ".user", start);
            require(query, what + ".query", start);
            require(calls, what + ".calls", start);
            require(totalTime, what + ".totalTimeMs", start);
            require(meanTime, what + ".meanTimeMs", start);
            require(maxTime, what + ".maxTimeMs", start);
            require(rows, what + ".rows", start);
            require(blocksHit, what + ".sharedBlocksHit", start);
            require(blocksRead, what + ".sharedBlocksRead", start);
            try {
                return new StatementStatistics(new StatementKey(userId, databaseId, queryId, topLevel), user, query,
                        calls, totalTime, meanTime, maxTime, rows, blocksHit, blocksRead, statsSince);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(start, "statement " + queryId + ": " + e.getMessage());
            }
        }

        private DatabaseProblem problemNamed(String name) {
            try {
                return DatabaseProblem.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw problem("unknown failure problem '" + name + "'");
            }
        }

        /** Throws the parser's problem with the text (e.g. bad UTF-8), which it reads only when asked for. */
        private String text(JsonToken value, String field) throws IOException {
            if (value != JsonToken.VALUE_STRING) {
                throw problem(field + " must be a string");
            }
            return json.getText();
        }

        private long longValue(JsonToken value, String field) throws IOException {
            if (value != JsonToken.VALUE_NUMBER_INT) {
                throw problem(field + " must be a whole number");
            }
            if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw problem(field + " " + json.getText() + " is out of range");
            }
            return json.getLongValue();
        }

        private double number(JsonToken value, String field) throws IOException {
            if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                throw problem(field + " must be a number");
            }
            return json.getDoubleValue();
        }

        private boolean bool(JsonToken value, String field) {
            if (value != JsonToken.VALUE_TRUE && value != JsonToken.VALUE_FALSE) {
                throw problem(field + " must be true or false");
            }
            return value == JsonToken.VALUE_TRUE;
        }

        private Optional<Instant> instant(JsonToken value, String field) throws IOException {
            if (value == JsonToken.VALUE_NULL) {
                return Optional.empty();
            }
            String text = text(value, field);
            try {
                return Optional.of(Instant.parse(text));
            } catch (DateTimeParseException e) {
                throw problem(field + " '" + text + "' is not an ISO-8601 instant such as 2025-06-01T10:00:00Z");
            }
        }

        private void expect(JsonToken actual, JsonToken wanted, String what) {
            if (actual != wanted) {
                throw problem(what + " must be a JSON " + (wanted == JsonToken.START_ARRAY ? "array" : "object"));
            }
        }

        private void require(Object value, String field, SourceLocation objectStart) {
            if (value == null) {
                throw new BadInputException(objectStart, "the snapshot lacks " + field);
            }
        }

        private BadInputException problem(String text) {
            return new BadInputException(here(), text);
        }

        private SourceLocation here() {
            JsonLocation at = json.currentTokenLocation();
            return new SourceLocation(file, at.getLineNr(), at.getColumnNr());
        }
    }
}
