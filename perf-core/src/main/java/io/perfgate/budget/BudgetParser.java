package io.perfgate.budget;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.ParserText;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.SeriesKey;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a budget file, {@code perf-budget.yaml} (JSON is accepted too):
 *
 * <pre>
 * version: 1            # optional
 * thresholds:           # required; exactly the shape of k6's options.thresholds
 *   http_req_duration: ["p(95)&lt;500", "p(99)&lt;1.5s"]
 *   http_req_duration{name:checkout}:
 *     - "p(95)&lt;300ms"
 *     - threshold: "p(99) &lt; 800"
 *       severity: warn                  # fail (default) or warn
 *       description: "Checkout tail latency (SLO-12)"
 *   http_req_failed: ["rate&lt;1%", "rate &lt; baseline + 0.5%"]   # a regression rule: see RegressionRule
 *   db.query{match:"from bookings"}: ["calls_per_request&lt;=3"]  # a database line: see DatabaseSelector
 *   db.each_query: ["mean&lt;100ms"]
 * </pre>
 *
 * An expression whose right side starts with {@code baseline} is a {@link RegressionLine}; a key that
 * starts with {@code db.} holds {@link DatabaseLine}s (k6 metric names cannot hold a dot); every other
 * line is a {@link ThresholdLine}.
 *
 * k6's long form also allows {@code abortOnFail} and {@code delayAbortEval}; they are accepted so a
 * k6 block can be pasted unchanged, and ignored: the gate judges a finished run, there is nothing
 * left to abort.
 *
 * <p>The file is read with Jackson's streaming parser so that every expression keeps its line and
 * column. Every problem is a {@link BadInputException} naming file, line and column; a budget that
 * would check nothing (an empty file, empty {@code thresholds}, an empty list) is an error too,
 * because it would pass every build.
 */
public final class BudgetParser {

    private static final String EXAMPLE = "\"p(95)<300\"";

    private BudgetParser() {
    }

    /** Reads the file; its name in messages is the path as given. */
    public static Budget parse(Path file) {
        return parse(file, file.toString());
    }

    /**
     * Reads the file, naming it {@code fileName} in messages, e.g. its path relative to a Jenkins
     * workspace while the file is read by its absolute path.
     */
    public static Budget parse(Path file, String fileName) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader, fileName);
        } catch (IOException e) {
            throw BadInputException.unreadable(fileName, e);
        }
    }

    /**
     * Reads a budget from {@code reader}. A {@code .json} name is read as JSON, a {@code .yaml} or
     * {@code .yml} name as YAML; any other name as JSON when the content starts with '{', else YAML.
     *
     * @param fileName the file's name as shown in messages
     */
    public static Budget parse(Reader reader, String fileName) {
        BufferedReader buffered = new BufferedReader(reader);
        try {
            skipByteOrderMark(buffered);
            JsonFactory factory = isJson(fileName, buffered) ? new JsonFactory() : new YAMLFactory();
            try (JsonParser parser = factory.createParser(buffered)) {
                Reading reading = new Reading(parser, fileName);
                try {
                    return reading.budget();
                } catch (StreamReadException e) {
                    // the parser reads a string's text lazily: its problems surface when the text is asked for
                    throw reading.malformed(e);
                }
            }
        } catch (IOException e) {
            throw BadInputException.unreadable(fileName, e);
        }
    }

    private static void skipByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
    }

    private static boolean isJson(String fileName, BufferedReader reader) throws IOException {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return true;
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return false;
        }
        int lookahead = 4096;
        reader.mark(lookahead);
        try {
            int c;
            int read = 0;
            do {
                c = reader.read();
                read++;
            } while (c >= 0 && Character.isWhitespace(c) && read < lookahead);
            return c == '{';
        } finally {
            reader.reset();
        }
    }

    /** Reads one top-level key's value; the parser stands on that value's first token. */
    @FunctionalInterface
    private interface SectionReader {
        void read(Reading reading) throws IOException;
    }

    /** The top-level keys, in the order error messages list them. A new section is one more entry. */
    private static final Map<String, SectionReader> SECTIONS = sections();

    private static Map<String, SectionReader> sections() {
        Map<String, SectionReader> sections = new LinkedHashMap<>();
        sections.put("version", Reading::readVersion);
        sections.put("thresholds", Reading::readThresholds);
        return Collections.unmodifiableMap(sections);
    }

    /** The keys of k6's long-form threshold object. */
    private static final List<String> THRESHOLD_OBJECT_KEYS =
            List.of("threshold", "severity", "description", "abortOnFail", "delayAbortEval");

    /**
     * One line as written, its expression not yet read.
     *
     * @param series   the k6 series of a threshold or regression line; null for a database line
     * @param database the statements of a database line; null otherwise
     */
    private record WrittenLine(SeriesKey series, DatabaseSelector database, String expression,
            SourceLocation location, Severity severity, String description) {

        BudgetLine read() {
            try {
                if (database != null) {
                    ExpressionReader.DatabaseExpression parts = ExpressionReader.readDatabase(expression);
                    return new DatabaseLine(database, parts.statistic(), parts.operator(), parts.limit(), expression,
                            severity, description, location);
                }
                if (ExpressionReader.comparesWithBaseline(expression)) {
                    return new RegressionLine(series, ExpressionReader.readRegression(expression), expression,
                            severity, description, location);
                }
                return new ThresholdLine(series, Threshold.parse(expression), severity, description, location);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(location, e.getMessage());
            }
        }
    }

    /** The state of reading one file. */
    private static final class Reading {

        private final JsonParser parser;
        private final String file;
        private final boolean yaml;
        /** Lines as written; their expressions are read once the whole file is known to be well-formed. */
        private final List<WrittenLine> lines = new ArrayList<>();
        private boolean sawThresholds;

        Reading(JsonParser parser, String file) {
            this.parser = parser;
            this.file = file;
            this.yaml = parser instanceof YAMLParser;
        }

        Budget budget() throws IOException {
            if (next() == null) {
                throw new BadInputException(SourceLocation.ofFile(file),
                        "the file is empty; a budget must check at least one threshold, e.g. "
                                + "thresholds: {http_req_duration: [" + EXAMPLE + "]}");
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw at(here(), "a budget must be a map with a 'thresholds' key, not " + found());
            }
            Map<String, SourceLocation> seen = new HashMap<>();
            while (next() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                SourceLocation keyLocation = here();
                requireFirst(seen, key, keyLocation, "");
                SectionReader section = SECTIONS.get(key);
                if (section == null) {
                    throw at(keyLocation, "unknown key '" + key + "' at the top level; allowed: "
                            + String.join(", ", SECTIONS.keySet()));
                }
                next();
                section.read(this);
            }
            if (next() != null) {
                throw at(here(), "the file holds more than one document; a budget is a single map");
            }
            if (!sawThresholds) {
                throw new BadInputException(SourceLocation.ofFile(file),
                        "has no 'thresholds' map; a budget must check at least one threshold");
            }
            List<BudgetLine> budgetLines = new ArrayList<>(lines.size());
            for (WrittenLine line : lines) {
                budgetLines.add(line.read());
            }
            return new Budget(file, budgetLines);
        }

        void readVersion() throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT || parser.getNumberType()
                    != JsonParser.NumberType.INT || parser.getIntValue() != 1) {
                String written = parser.currentToken().isScalarValue() ? "'" + parser.getText() + "'" : found();
                throw at(here(), "version must be 1, not " + written);
            }
        }

        void readThresholds() throws IOException {
            sawThresholds = true;
            SourceLocation location = here();
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NULL) {
                throw at(location, "'thresholds' is empty; a budget must check at least one threshold");
            }
            if (token != JsonToken.START_OBJECT) {
                throw at(location, "'thresholds' must be a map from metric to a list of expressions, "
                        + "as k6's options.thresholds, not " + found());
            }
            Map<Object, SourceLocation> seen = new HashMap<>();
            Map<Object, String> spelling = new HashMap<>();
            int before = lines.size();
            while (next() == JsonToken.FIELD_NAME) {
                String selector = parser.currentName();
                SourceLocation keyLocation = here();
                SeriesKey series = null;
                DatabaseSelector database = null;
                try {
                    if (DatabaseSelector.looksLikeDatabase(selector)) {
                        database = DatabaseSelector.parse(selector);
                    } else {
                        series = SeriesKey.parse(selector);
                    }
                } catch (IllegalArgumentException e) {
                    throw at(keyLocation, (DatabaseSelector.looksLikeDatabase(selector)
                            ? "invalid database selector: " : "invalid metric selector: ") + e.getMessage());
                }
                Object subject = series != null ? series : database;
                SourceLocation first = seen.putIfAbsent(subject, keyLocation);
                if (first != null) {
                    String firstSpelling = spelling.get(subject);
                    String advice = "; put all its expressions in one list";
                    throw at(keyLocation, firstSpelling.equals(selector)
                            ? "'" + selector + "' appears twice (first at " + lineAndColumn(first) + ")" + advice
                            : "'" + selector + "' is the same " + (series != null ? "series" : "selection") + " as '"
                                    + firstSpelling + "' at " + lineAndColumn(first) + advice);
                }
                spelling.put(subject, selector);
                next();
                readExpressions(series, database, selector);
            }
            if (lines.size() == before) {
                throw at(location, "'thresholds' is empty; a budget must check at least one threshold");
            }
        }

        private void readExpressions(SeriesKey series, DatabaseSelector database, String selector)
                throws IOException {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                String example = parser.currentToken() == JsonToken.VALUE_STRING
                        ? quoted(parser.getText()) : EXAMPLE;
                throw at(here(), "'" + selector + "' must be a list of expressions, e.g. [" + example + "]");
            }
            SourceLocation listLocation = here();
            int before = lines.size();
            for (JsonToken item = next(); item != JsonToken.END_ARRAY; item = next()) {
                if (item == null) {
                    throw at(here(), "the list of '" + selector + "' has no end");
                }
                switch (item) {
                    case VALUE_STRING -> lines.add(new WrittenLine(series, database, parser.getText(), here(),
                            Severity.FAIL, ""));
                    case START_OBJECT -> readThresholdObject(series, database);
                    default -> throw at(here(), "each threshold of '" + selector + "' must be an expression such as "
                            + EXAMPLE + " or an object with a 'threshold' key, not " + found());
                }
            }
            if (lines.size() == before) {
                throw at(listLocation, "'" + selector + "' has no expressions; an empty list checks nothing");
            }
        }

        /** k6's long form: {@code {threshold, abortOnFail, delayAbortEval}} plus severity and description. */
        private void readThresholdObject(SeriesKey series, DatabaseSelector database) throws IOException {
            SourceLocation objectLocation = here();
            Map<String, SourceLocation> seen = new HashMap<>();
            String expression = null;
            SourceLocation expressionLocation = null;
            Severity severity = Severity.FAIL;
            String description = "";
            while (next() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                SourceLocation keyLocation = here();
                requireFirst(seen, key, keyLocation, " in this threshold");
                if (!THRESHOLD_OBJECT_KEYS.contains(key)) {
                    throw at(keyLocation, "unknown key '" + key + "' in a threshold; allowed: "
                            + String.join(", ", THRESHOLD_OBJECT_KEYS));
                }
                JsonToken value = next();
                switch (key) {
                    case "threshold" -> {
                        requireValue(value == JsonToken.VALUE_STRING, key, "text such as " + EXAMPLE);
                        expression = parser.getText();
                        expressionLocation = here();
                    }
                    case "severity" -> severity = severity(value);
                    case "description" -> {
                        requireValue(value == JsonToken.VALUE_STRING, key, "text");
                        description = parser.getText();
                    }
                    case "abortOnFail" -> requireValue(value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE,
                            key, "true or false");
                    case "delayAbortEval" -> requireValue(value == JsonToken.VALUE_STRING, key,
                            "text such as \"10s\"");
                    default -> throw new IllegalStateException("key without a reader: " + key);
                }
            }
            if (expression == null) {
                throw at(objectLocation, "this threshold has no 'threshold' key, e.g. threshold: " + EXAMPLE);
            }
            lines.add(new WrittenLine(series, database, expression, expressionLocation, severity, description));
        }

        private Severity severity(JsonToken value) throws IOException {
            if (value == JsonToken.VALUE_STRING) {
                switch (parser.getText()) {
                    case "fail" -> {
                        return Severity.FAIL;
                    }
                    case "warn" -> {
                        return Severity.WARN;
                    }
                    default -> throw at(here(), "'severity' must be fail or warn, not '" + parser.getText() + "'");
                }
            }
            throw at(here(), "'severity' must be fail or warn, not " + found());
        }

        private void requireValue(boolean fits, String key, String wanted) throws IOException {
            if (!fits) {
                throw at(here(), "'" + key + "' must be " + wanted + ", not " + found());
            }
        }

        /**
         * Duplicate keys are found here rather than by Jackson's duplicate detection, so the message
         * points at the second key itself and names where the first one is.
         */
        private void requireFirst(Map<String, SourceLocation> seen, String key, SourceLocation location,
                String where) {
            SourceLocation first = seen.putIfAbsent(key, location);
            if (first != null) {
                throw at(location, "'" + key + "' appears twice" + where + " (first at " + lineAndColumn(first) + ")");
            }
        }

        /** The next token; malformed input becomes a {@link BadInputException} at Jackson's location. */
        private JsonToken next() throws IOException {
            try {
                JsonToken token = parser.nextToken();
                if (parser instanceof YAMLParser yamlParser && (yamlParser.isCurrentAlias()
                        || yamlParser.getObjectId() != null)) {
                    // An alias stands for a value written elsewhere, so every message about it would point
                    // at the wrong line; spelling the lines out keeps each line's location its own.
                    throw at(here(), "YAML anchors and aliases (&name, *name) are not read in a budget; write "
                            + "the value out where it is used");
                }
                return token;
            } catch (StreamReadException e) {
                throw malformed(e);
            }
        }

        BadInputException malformed(StreamReadException e) {
            return new BadInputException(locationOf(e), "malformed " + (yaml ? "YAML" : "JSON") + ": " + problemOf(e), e);
        }

        /** SnakeYAML's mark of the problem where there is one: Jackson's location may lag behind it. */
        private SourceLocation locationOf(StreamReadException e) {
            if (e.getCause() instanceof MarkedYAMLException yamlProblem && yamlProblem.getProblemMark() != null) {
                return new SourceLocation(file, yamlProblem.getProblemMark().getLine() + 1L,
                        yamlProblem.getProblemMark().getColumn() + 1);
            }
            return location(e.getLocation());
        }

        /** SnakeYAML's problem without its multi-line excerpt of the file, which the location replaces. */
        private static String problemOf(StreamReadException e) {
            if (e.getCause() instanceof MarkedYAMLException yamlProblem
                    && yamlProblem.getProblem() != null) {
                String context = yamlProblem.getContext();
                return yamlProblem.getProblem().strip() + (context == null ? "" : " (" + context.strip() + ")");
            }
            return ParserText.problem(e.getOriginalMessage());
        }

        private String found() {
            JsonToken token = parser.currentToken();
            if (token == null) {
                return "the end of the file";
            }
            return switch (token) {
                case START_OBJECT -> "a map";
                case START_ARRAY -> "a list";
                case VALUE_STRING -> "text";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "true/false";
                case VALUE_NULL -> "nothing (null)";
                default -> token.asString() == null ? token.name() : token.asString();
            };
        }

        private SourceLocation here() {
            return location(parser.currentTokenLocation());
        }

        private SourceLocation location(JsonLocation location) {
            if (location == null || location.getLineNr() <= 0) {
                return SourceLocation.ofFile(file);
            }
            return new SourceLocation(file, location.getLineNr(), Math.max(location.getColumnNr(), 0));
        }

        private static String lineAndColumn(SourceLocation location) {
            return "line " + location.line() + ", column " + location.column();
        }

        private static String quoted(String text) {
            return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }

        private static BadInputException at(SourceLocation location, String problem) {
            return new BadInputException(location, problem);
        }
    }
}
