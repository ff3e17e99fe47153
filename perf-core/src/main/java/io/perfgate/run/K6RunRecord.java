package io.perfgate.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.ParserText;
import io.perfgate.diag.SourceLocation;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one k6 run did, stored as {@code k6-run.json} beside its results so the gate learns how the
 * run ended (exit 99: k6's thresholds were crossed) and which part it plays (a candidate run, or a
 * baseline run of the interleaved A/B mode, and its round) without re-running anything. Environment
 * variable values are never stored, only their names: they may hold secrets.
 *
 * <pre>
 * {
 *   "schema": 2,
 *   "script": "/project/src/test/k6/checkout.js",
 *   "command": ["/usr/bin/k6", "run", "--out", "json=/project/target/perf/checkout/run.ndjson", ...],
 *   "environment": ["BASE_URL"],
 *   "exitCode": 99,
 *   "timedOut": false,
 *   "startedAt": "2025-01-31T10:15:30.123Z",
 *   "durationMillis": 10234,
 *   "ndjson": "run.ndjson",
 *   "summaryExport": "summary.json",
 *   "role": "candidate",
 *   "round": 1,
 *   "k6Version": "0.48.0"
 * }
 * </pre>
 *
 * Records of schema 1, written before runs were repeated, are read as the single candidate run of round 1.
 * {@code k6Version} is there only when the k6 release was known (perf:k6 installed it by version); records
 * without it, older ones too, read with an empty version.
 *
 * @param schema         the version of this layout, {@link #SCHEMA_VERSION}
 * @param script         the k6 script as run
 * @param command        the command line, values of {@code -e NAME=value} replaced by {@value #REDACTED}
 * @param environment    names of the variables added to k6's environment
 * @param exitCode       k6's exit code; after a timeout, whatever the killed process returned
 * @param timedOut       whether the run was killed for taking too long
 * @param startedAt      when the process was started
 * @param durationMillis how long it ran
 * @param ndjson         the {@code --out json} file, relative to the record's folder
 * @param summaryExport  the {@code --summary-export} file, relative to the record's folder
 * @param role           {@code candidate}, or {@code baseline} for a run against the A/B mode's baseline URL
 * @param round          1-based: the repetition of the script, or the A/B round whose baseline and
 *                       candidate runs pair up
 * @param k6Version      the k6 release that ran, e.g. {@code 0.48.0}, or empty when not known
 */
public record K6RunRecord(int schema, String script, List<String> command, List<String> environment, int exitCode,
        boolean timedOut, Instant startedAt, long durationMillis, String ndjson, String summaryExport, RunRole role,
        int round, String k6Version) {

    /**
     * Version of the {@code k6-run.json} layout; raise it on any incompatible change. 2 added the role and
     * round: a reader of schema 1 would pool baseline runs with the candidate's, so it must refuse them.
     */
    public static final int SCHEMA_VERSION = 2;

    /** The first layout, without role and round; still read. */
    private static final int SCHEMA_WITHOUT_ROLES = 1;

    /** The record's file name inside a run folder. */
    public static final String FILE_NAME = "k6-run.json";

    /** Stands in for values that must not be written down. */
    public static final String REDACTED = "***";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public K6RunRecord {
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(ndjson, "ndjson");
        Objects.requireNonNull(summaryExport, "summaryExport");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(k6Version, "k6Version");
        if (round < 1) {
            throw new IllegalArgumentException("rounds count from 1, was " + round);
        }
        command = List.copyOf(command);
        environment = List.copyOf(environment);
    }

    /** A record of a run of a k6 release that is not known. */
    public K6RunRecord(int schema, String script, List<String> command, List<String> environment, int exitCode,
            boolean timedOut, Instant startedAt, long durationMillis, String ndjson, String summaryExport, RunRole role,
            int round) {
        this(schema, script, command, environment, exitCode, timedOut, startedAt, durationMillis, ndjson,
                summaryExport, role, round, "");
    }

    /** A record of the only run of a script: a candidate run, round 1. */
    public K6RunRecord(int schema, String script, List<String> command, List<String> environment, int exitCode,
            boolean timedOut, Instant startedAt, long durationMillis, String ndjson, String summaryExport) {
        this(schema, script, command, environment, exitCode, timedOut, startedAt, durationMillis, ndjson,
                summaryExport, RunRole.CANDIDATE, 1, "");
    }

    /** How the run ended, as the build step saw it. */
    public K6Outcome outcome() {
        return K6Outcome.of(exitCode, timedOut);
    }

    /**
     * Writes the record.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", schema);
        root.put("script", script);
        ArrayNode commandNode = root.putArray("command");
        command.forEach(commandNode::add);
        ArrayNode environmentNode = root.putArray("environment");
        environment.forEach(environmentNode::add);
        root.put("exitCode", exitCode);
        root.put("timedOut", timedOut);
        root.put("startedAt", startedAt.toString());
        root.put("durationMillis", durationMillis);
        root.put("ndjson", ndjson);
        root.put("summaryExport", summaryExport);
        root.put("role", role.id());
        root.put("round", round);
        if (!k6Version.isEmpty()) {
            root.put("k6Version", k6Version);
        }
        try {
            Files.writeString(file, JSON.writeValueAsString(root) + System.lineSeparator());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /**
     * Reads a record written by {@link #write}.
     *
     * @throws BadInputException   naming the file and field when it is not such a record, or of
     *                             a schema version this one does not read
     * @throws UncheckedIOException when the file cannot be read
     */
    public static K6RunRecord read(Path file) {
        String name = file.toString();
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourceLocation location = at == null ? SourceLocation.ofFile(name)
                    : new SourceLocation(name, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0));
            throw new BadInputException(location, "not valid JSON: " + ParserText.problem(e.getOriginalMessage()), e);
        } catch (CharConversionException e) {
            // The parser tells the encoding from the first bytes; perfgate writes UTF-8.
            throw new BadInputException(SourceLocation.ofFile(name), "not UTF-8 text, as perfgate writes it ("
                    + e.getMessage() + ")", e);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("k6 run record " + name + " does not exist", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + name, e);
        }
        if (root == null || !root.isObject()) {
            throw new BadInputException(SourceLocation.ofFile(name), "a k6 run record must be a JSON object");
        }
        Fields fields = new Fields(root, name);
        int schema = fields.integer("schema");
        if (schema != SCHEMA_VERSION && schema != SCHEMA_WITHOUT_ROLES) {
            throw new BadInputException(SourceLocation.ofFile(name), "field 'schema' is " + schema
                    + ", but this version reads only k6 run records of schema " + SCHEMA_WITHOUT_ROLES + " and "
                    + SCHEMA_VERSION);
        }
        boolean hasRoles = schema != SCHEMA_WITHOUT_ROLES;
        return new K6RunRecord(schema, fields.text("script"), fields.texts("command"), fields.texts("environment"),
                fields.integer("exitCode"), fields.bool("timedOut"), fields.instant("startedAt"),
                fields.longInteger("durationMillis"), fields.text("ndjson"), fields.text("summaryExport"),
                hasRoles ? fields.role("role") : RunRole.CANDIDATE, hasRoles ? fields.round("round") : 1,
                fields.optionalText("k6Version"));
    }

    /** Typed access to the record's fields, failing with the file and field name. */
    private record Fields(JsonNode root, String file) {

        JsonNode field(String field, String expected) {
            JsonNode node = root.get(field);
            if (node == null) {
                throw problem(field, "is missing");
            }
            if (!valid(node, expected)) {
                throw problem(field, "must be " + expected + ", was " + node);
            }
            return node;
        }

        private static boolean valid(JsonNode node, String expected) {
            return switch (expected) {
                case "text" -> node.isTextual();
                case "a whole number" -> node.isIntegralNumber() && node.canConvertToLong();
                case "true or false" -> node.isBoolean();
                case "a list of texts" -> node.isArray();
                default -> false;
            };
        }

        String text(String field) {
            return field(field, "text").textValue();
        }

        /** A text field that older records do not have: empty when absent. */
        String optionalText(String field) {
            return root.has(field) ? text(field) : "";
        }

        int integer(String field) {
            JsonNode node = field(field, "a whole number");
            if (!node.canConvertToInt()) {
                throw problem(field, "is out of range: " + node);
            }
            return node.intValue();
        }

        long longInteger(String field) {
            return field(field, "a whole number").longValue();
        }

        boolean bool(String field) {
            return field(field, "true or false").booleanValue();
        }

        Instant instant(String field) {
            String text = text(field);
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw problem(field, "must be an ISO-8601 instant such as 2025-01-31T10:15:30Z, was '" + text + "'");
            }
        }

        RunRole role(String field) {
            String text = text(field);
            try {
                return RunRole.ofId(text);
            } catch (IllegalArgumentException e) {
                throw problem(field, "must be candidate or baseline, was '" + text + "'");
            }
        }

        int round(String field) {
            int round = integer(field);
            if (round < 1) {
                throw problem(field, "must be 1 or more, was " + round);
            }
            return round;
        }

        List<String> texts(String field) {
            List<String> values = new ArrayList<>();
            for (JsonNode element : field(field, "a list of texts")) {
                if (!element.isTextual()) {
                    throw problem(field, "must hold only texts, found " + element);
                }
                values.add(element.textValue());
            }
            return values;
        }

        private BadInputException problem(String field, String what) {
            return new BadInputException(SourceLocation.ofFile(file), "field '" + field + "' " + what);
        }
    }
}
