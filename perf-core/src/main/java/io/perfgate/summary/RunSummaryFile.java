package io.perfgate.summary;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.perfgate.diag.Diagnostic;
import io.perfgate.ingest.ResultFormat;
import io.perfgate.stats.CollectorSnapshot;
import io.perfgate.stats.CompressedHistogram;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunDuration;
import io.perfgate.stats.SeriesKey;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The file of a {@link RunSummary}: {@code run-summary.json} beside {@code run.ndjson}. One JSON object, laid
 * out in three lines so that it can be checked before it is read:
 *
 * <pre>
 * {"format":1,"perfgate":"0.1.0","sha256":"&lt;SHA-256 of the second line, hex&gt;","summary":
 * {"results":{...},"tracked":[...],"duration":{...},"messages":[...],"firstCappedMetric":null,"samples":N,"metrics":[...]}
 * }
 * </pre>
 *
 * The first line is read first: a summary of another format or another perfgate is not read further. The
 * second is used only when its SHA-256 is the one the first line names, so a summary cut short or changed by
 * hand is never trusted. docs/run-summary.md describes every field. Files are written whole to a temporary
 * file and renamed into place.
 */
public final class RunSummaryFile {

    /** The layout's number; raise it on any change a reader of the old one would misread. */
    public static final int FORMAT = 1;

    private static final int MAX_HEADER_BYTES = 1024;
    private static final String HEADER_END = "\"summary\":";
    private static final byte[] TRAILER = "\n}\n".getBytes(StandardCharsets.US_ASCII);
    private static final JsonFactory JSON = JsonFactory.builder()
            // Tag values may hold unpaired surrogates (valid JSON); escaped, they are read back as they were.
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonMapper MAPPER = JsonMapper.builder(JSON)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private RunSummaryFile() {
    }

    /** Where the summary of a results file lies: {@code run.ndjson} has {@code run-summary.json}. */
    public static Path beside(Path resultsFile) {
        String name = resultsFile.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".ndjson") ? name.substring(0, name.length() - 7) : name;
        return resultsFile.resolveSibling(stem + "-summary.json");
    }

    /**
     * Writes the summary whole: to a temporary file in the same folder, then renamed into place.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public static void write(RunSummary summary, Path file) {
        byte[] body = body(summary);
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(header(summary.perfgateVersion(), sha256(body)).getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.write(TRAILER);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the write failed already; that is what is reported
            }
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a summary written by {@link #write}, of this format and this perfgate.
     *
     * @throws UnusableSummaryException saying why it cannot be used: it cannot be read, is not a run summary, is
     *                                  of another format or perfgate, or is cut short or changed
     */
    public static RunSummary read(Path file) {
        try {
            long size = Files.size(file);
            String header;
            try (InputStream in = Files.newInputStream(file)) {
                header = readHeader(in);
            }
            String checksum = checkHeader(header);
            long bodyBytes = size - header.length() - TRAILER.length;
            if (bodyBytes <= 0) {
                throw new UnusableSummaryException("is cut short: it ends after its first line");
            }
            if (!checksum.equals(bodySha256(file, header.length(), bodyBytes))) {
                throw new UnusableSummaryException("is cut short or was changed: its content is not the content its "
                        + "checksum was made of");
            }
            JsonNode body;
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(header.length());
                body = MAPPER.readTree(new Bounded(in, bodyBytes));
            }
            return new Reader().summary(body);
        } catch (NoSuchFileException e) {
            throw new UnusableSummaryException("does not exist", e);
        } catch (JsonProcessingException e) {
            throw new UnusableSummaryException("is not a run summary: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnusableSummaryException("cannot be read: " + e, e);
        }
    }

    private static String header(String version, String sha256) {
        StringWriter header = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(header)) {
            json.writeStartObject();
            json.writeNumberField("format", FORMAT);
            json.writeStringField("perfgate", version);
            json.writeStringField("sha256", sha256);
            json.writeFieldName("summary");
            json.writeNull(); // a placeholder the generator closes properly; cut off below
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a run summary's header", e);
        }
        String closed = header.toString();
        return closed.substring(0, closed.length() - "null}".length()) + "\n";
    }

    /** The first line, its line break included; only the header's bytes, which are ASCII. */
    private static String readHeader(InputStream in) throws IOException {
        StringBuilder header = new StringBuilder();
        while (header.length() < MAX_HEADER_BYTES) {
            int next = in.read();
            if (next < 0) {
                throw new UnusableSummaryException(header.length() == 0 ? "is empty" : "is cut short in its first line");
            }
            header.append((char) next);
            if (next == '\n') {
                return header.toString();
            }
        }
        throw new UnusableSummaryException("is not a run summary: its first line is not a run summary's header");
    }

    /** @return the checksum the header names */
    private static String checkHeader(String header) throws IOException {
        String line = header.strip();
        if (!line.startsWith("{") || !line.endsWith(HEADER_END)) {
            throw new UnusableSummaryException("is not a run summary: its first line is not a run summary's header");
        }
        JsonNode fields;
        try {
            fields = MAPPER.readTree(line + "null}");
        } catch (JsonProcessingException e) {
            throw new UnusableSummaryException("is not a run summary: its first line is not a run summary's header", e);
        }
        JsonNode format = fields.get("format");
        if (format == null || !format.canConvertToExactIntegral() || !format.canConvertToInt()) {
            throw new UnusableSummaryException("is not a run summary: its first line names no format");
        }
        if (format.intValue() != FORMAT) {
            throw new UnusableSummaryException("is in run summary format " + format.intValue() + "; this perfgate ("
                    + PerfgateVersion.current() + ") reads format " + FORMAT);
        }
        JsonNode version = fields.get("perfgate");
        if (version == null || !version.isTextual()) {
            throw new UnusableSummaryException("is not a run summary: its first line names no perfgate version");
        }
        if (!version.textValue().equals(PerfgateVersion.current())) {
            throw new UnusableSummaryException("was written by perfgate " + version.textValue() + "; this is perfgate "
                    + PerfgateVersion.current());
        }
        JsonNode checksum = fields.get("sha256");
        if (checksum == null || !checksum.isTextual() || !checksum.textValue().matches("[0-9a-f]{64}")) {
            throw new UnusableSummaryException("is not a run summary: its first line has no sha256 checksum");
        }
        return checksum.textValue();
    }

    /** The SHA-256 of the body, or null when the file does not end with the summary's closing line. */
    private static String bodySha256(Path file, long offset, long length) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(offset);
            byte[] buffer = new byte[1 << 16];
            long left = length;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    return null;
                }
                digest.update(buffer, 0, read);
                left -= read;
            }
            byte[] trailer = in.readNBytes(TRAILER.length + 1);
            if (!Arrays.equals(trailer, TRAILER)) {
                return null;
            }
        } catch (EOFException e) {
            return null;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256Digest().digest(bytes));
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    // ---- writing the body ----

    private static byte[] body(RunSummary summary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            CollectorSnapshot collected = summary.collected();
            json.writeStartObject();
            json.writeObjectFieldStart("results");
            json.writeStringField("file", summary.resultsFile());
            json.writeStringField("format", summary.format().id());
            json.writeNumberField("bytes", summary.resultsBytes());
            json.writeStringField("modified", summary.resultsModified().toString());
            json.writeEndObject();
            json.writeArrayFieldStart("tracked");
            for (SeriesKey key : new TreeSet<>(summary.tracked())) {
                json.writeStartObject();
                writeKey(json, key);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("duration");
            json.writeNumberField("seconds", collected.duration().seconds());
            json.writeStringField("origin", originName(collected.duration().origin()));
            json.writeEndObject();
            json.writeArrayFieldStart("messages");
            for (Diagnostic message : summary.messages()) {
                json.writeStartObject();
                json.writeStringField("level", message.level().name().toLowerCase(Locale.ROOT));
                json.writeStringField("text", message.text());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeStringField("firstCappedMetric", collected.firstCappedMetric().orElse(null));
            json.writeNumberField("samples", collected.samples());
            json.writeArrayFieldStart("metrics");
            for (CollectorSnapshot.Metric metric : collected.metrics()) {
                writeMetric(json, metric);
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a run summary as JSON", e);
        }
        return out.toByteArray();
    }

    private static void writeMetric(JsonGenerator json, CollectorSnapshot.Metric metric) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", metric.name());
        json.writeStringField("type", metric.type().k6Name());
        json.writeStringField("contents", metric.contents().k6Name());
        json.writeBooleanField("contentsKnown", metric.contentsKnown());
        json.writeFieldName("overall");
        if (metric.overall().isPresent()) {
            writeState(json, metric.overall().get());
        } else {
            json.writeNull();
        }
        json.writeArrayFieldStart("byName");
        for (CollectorSnapshot.Named named : metric.byName()) {
            json.writeStartObject();
            json.writeStringField("name", named.name());
            json.writeFieldName("state");
            writeState(json, named.state());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeBooleanField("nameCapReached", metric.nameCapReached());
        json.writeArrayFieldStart("tracked");
        for (CollectorSnapshot.Tracked tracked : metric.tracked()) {
            json.writeStartObject();
            writeKey(json, tracked.key());
            json.writeFieldName("state");
            writeState(json, tracked.state());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("watched");
        for (CollectorSnapshot.Watched watched : metric.watched()) {
            json.writeStartObject();
            json.writeStringField("tag", watched.tag());
            json.writeArrayFieldStart("values");
            for (String value : watched.values()) {
                json.writeString(value);
            }
            json.writeEndArray();
            json.writeBooleanField("truncated", watched.truncated());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeFieldName("statuses");
        writeStatuses(json, metric.statuses());
        json.writeArrayFieldStart("statusesByName");
        for (CollectorSnapshot.NamedStatuses named : metric.statusesByName()) {
            json.writeStartObject();
            json.writeStringField("name", named.name());
            json.writeFieldName("statuses");
            writeStatuses(json, named.statuses());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeStatuses(JsonGenerator json, CollectorSnapshot.Statuses statuses) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("byStatus");
        for (Map.Entry<String, Long> counted : statuses.byStatus().entrySet()) {
            json.writeStartObject();
            json.writeStringField("status", counted.getKey());
            json.writeNumberField("count", counted.getValue());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeNumberField("others", statuses.others());
        json.writeEndObject();
    }

    private static void writeState(JsonGenerator json, CollectorSnapshot.Accumulated state) throws IOException {
        json.writeStartObject();
        if (state instanceof CollectorSnapshot.Trend trend) {
            json.writeNumberField("count", trend.count());
            json.writeNumberField("zeros", trend.zeros());
            json.writeStringField("sum", trend.sum().toString(16));
            writeExtreme(json, "min", trend.min(), trend.count());
            writeExtreme(json, "max", trend.max(), trend.count());
            json.writeStringField("staged", doubles(trend.staged()));
            json.writeStringField("positive", trend.positive().map(RunSummaryFile::base64).orElse(null));
            json.writeStringField("negative", trend.negative().map(RunSummaryFile::base64).orElse(null));
        } else if (state instanceof CollectorSnapshot.Counter counter) {
            json.writeNumberField("samples", counter.samples());
            json.writeStringField("sum", counter.sum().toString(16));
        } else if (state instanceof CollectorSnapshot.Rate rate) {
            json.writeNumberField("samples", rate.samples());
            json.writeNumberField("nonZero", rate.nonZero());
        } else {
            CollectorSnapshot.Gauge gauge = (CollectorSnapshot.Gauge) state;
            json.writeNumberField("samples", gauge.samples());
            writeExtreme(json, "last", gauge.last(), gauge.samples());
            json.writeNumberField("lastTime", gauge.lastEpochNanos());
            writeExtreme(json, "min", gauge.min(), gauge.samples());
            writeExtreme(json, "max", gauge.max(), gauge.samples());
        }
        json.writeEndObject();
    }

    /** min, max and last mean nothing without a value (they are infinite then): null. */
    private static void writeExtreme(JsonGenerator json, String field, double value, long count) throws IOException {
        if (count > 0) {
            json.writeNumberField(field, value);
        } else {
            json.writeNullField(field);
        }
    }

    private static void writeKey(JsonGenerator json, SeriesKey key) throws IOException {
        json.writeStringField("metric", key.metric());
        json.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> tag : key.filter().entrySet()) {
            json.writeStringField(tag.getKey(), tag.getValue());
        }
        json.writeEndObject();
    }

    /** Doubles as their IEEE 754 bits, little-endian, in Base64: exact and compact. */
    private static String doubles(double[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double value : values) {
            bytes.putDouble(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    private static String base64(CompressedHistogram histogram) {
        return Base64.getEncoder().encodeToString(histogram.bytes());
    }

    private static String originName(RunDuration.Origin origin) {
        return origin == RunDuration.Origin.STATED ? "stated" : "sample-span";
    }

    // ---- reading the body ----

    /** Walks the body, naming the field of every problem. */
    private static final class Reader {

        RunSummary summary(JsonNode root) {
            object(root, "summary");
            JsonNode results = object(root.get("results"), "results");
            String file = text(results, "file", "results.");
            ResultFormat format;
            try {
                format = ResultFormat.fromId(text(results, "format", "results."));
            } catch (IllegalArgumentException e) {
                throw problem("results.format", e.getMessage());
            }
            long bytes = count(results.get("bytes"), "results.bytes");
            Instant modified;
            try {
                modified = Instant.parse(text(results, "modified", "results."));
            } catch (DateTimeParseException e) {
                throw problem("results.modified", "is not a time");
            }
            Set<SeriesKey> tracked = new TreeSet<>();
            JsonNode trackedNodes = array(root.get("tracked"), "tracked");
            for (int i = 0; i < trackedNodes.size(); i++) {
                tracked.add(key(trackedNodes.get(i), "tracked[" + i + "]."));
            }
            JsonNode durationNode = object(root.get("duration"), "duration");
            RunDuration duration;
            try {
                duration = new RunDuration(number(durationNode.get("seconds"), "duration.seconds"),
                        origin(text(durationNode, "origin", "duration.")));
            } catch (IllegalArgumentException e) {
                throw problem("duration", e.getMessage());
            }
            List<Diagnostic> messages = new ArrayList<>();
            JsonNode messageNodes = array(root.get("messages"), "messages");
            for (int i = 0; i < messageNodes.size(); i++) {
                String path = "messages[" + i + "].";
                JsonNode message = object(messageNodes.get(i), path);
                Diagnostic.Level level;
                try {
                    level = Diagnostic.Level.valueOf(text(message, "level", path).toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw problem(path + "level", "is not info, warning or error");
                }
                messages.add(new Diagnostic(level, text(message, "text", path)));
            }
            Optional<String> firstCapped = optionalText(root.get("firstCappedMetric"), "firstCappedMetric");
            long samples = count(root.get("samples"), "samples");
            List<CollectorSnapshot.Metric> metrics = new ArrayList<>();
            JsonNode metricNodes = array(root.get("metrics"), "metrics");
            for (int i = 0; i < metricNodes.size(); i++) {
                metrics.add(metric(metricNodes.get(i), "metrics[" + i + "]."));
            }
            try {
                return new RunSummary(PerfgateVersion.current(), file, bytes, modified, format, tracked, messages,
                        new CollectorSnapshot(metrics, samples, duration, firstCapped));
            } catch (IllegalArgumentException e) {
                throw problem("summary", e.getMessage());
            }
        }

        private CollectorSnapshot.Metric metric(JsonNode node, String path) {
            object(node, path);
            String name = text(node, "name", path);
            MetricType type;
            MetricContents contents;
            try {
                type = MetricType.fromK6Name(text(node, "type", path));
                contents = MetricContents.fromK6Name(text(node, "contents", path));
            } catch (IllegalArgumentException e) {
                throw problem(path + "type", e.getMessage());
            }
            JsonNode overallNode = node.get("overall");
            Optional<CollectorSnapshot.Accumulated> overall = overallNode == null || overallNode.isNull()
                    ? Optional.empty() : Optional.of(state(overallNode, type, path + "overall."));
            List<CollectorSnapshot.Named> byName = new ArrayList<>();
            JsonNode names = array(node.get("byName"), path + "byName");
            for (int i = 0; i < names.size(); i++) {
                String at = path + "byName[" + i + "].";
                JsonNode named = object(names.get(i), at);
                byName.add(new CollectorSnapshot.Named(text(named, "name", at), state(named.get("state"), type,
                        at + "state.")));
            }
            List<CollectorSnapshot.Tracked> tracked = new ArrayList<>();
            JsonNode trackedNodes = array(node.get("tracked"), path + "tracked");
            for (int i = 0; i < trackedNodes.size(); i++) {
                String at = path + "tracked[" + i + "].";
                tracked.add(new CollectorSnapshot.Tracked(key(trackedNodes.get(i), at),
                        state(trackedNodes.get(i).get("state"), type, at + "state.")));
            }
            List<CollectorSnapshot.Watched> watched = new ArrayList<>();
            JsonNode watchedNodes = array(node.get("watched"), path + "watched");
            for (int i = 0; i < watchedNodes.size(); i++) {
                String at = path + "watched[" + i + "].";
                JsonNode tag = object(watchedNodes.get(i), at);
                List<String> values = new ArrayList<>();
                JsonNode valueNodes = array(tag.get("values"), at + "values");
                for (int j = 0; j < valueNodes.size(); j++) {
                    values.add(string(valueNodes.get(j), at + "values[" + j + "]"));
                }
                watched.add(new CollectorSnapshot.Watched(text(tag, "tag", at), values,
                        bool(tag.get("truncated"), at + "truncated")));
            }
            List<CollectorSnapshot.NamedStatuses> statusesByName = new ArrayList<>();
            JsonNode namedNodes = array(node.get("statusesByName"), path + "statusesByName");
            for (int i = 0; i < namedNodes.size(); i++) {
                String at = path + "statusesByName[" + i + "].";
                JsonNode named = object(namedNodes.get(i), at);
                statusesByName.add(new CollectorSnapshot.NamedStatuses(text(named, "name", at),
                        statuses(named.get("statuses"), at + "statuses.")));
            }
            return new CollectorSnapshot.Metric(name, type, contents, bool(node.get("contentsKnown"),
                    path + "contentsKnown"), overall, byName, bool(node.get("nameCapReached"), path + "nameCapReached"),
                    tracked, watched, statuses(node.get("statuses"), path + "statuses."), statusesByName);
        }

        private CollectorSnapshot.Statuses statuses(JsonNode node, String path) {
            object(node, path);
            Map<String, Long> byStatus = new LinkedHashMap<>();
            JsonNode counted = array(node.get("byStatus"), path + "byStatus");
            for (int i = 0; i < counted.size(); i++) {
                String at = path + "byStatus[" + i + "].";
                JsonNode entry = object(counted.get(i), at);
                long count = count(entry.get("count"), at + "count");
                if (byStatus.put(text(entry, "status", at), count) != null) {
                    throw problem(at + "status", "is counted twice");
                }
            }
            try {
                return new CollectorSnapshot.Statuses(byStatus, count(node.get("others"), path + "others"));
            } catch (IllegalArgumentException e) {
                throw problem(path, e.getMessage());
            }
        }

        private CollectorSnapshot.Accumulated state(JsonNode node, MetricType type, String path) {
            object(node, path);
            return switch (type) {
                case TREND -> {
                    long count = count(node.get("count"), path + "count");
                    yield new CollectorSnapshot.Trend(count, count(node.get("zeros"), path + "zeros"),
                            exactSum(node.get("sum"), path + "sum"),
                            extreme(node.get("min"), count, Double.POSITIVE_INFINITY, path + "min"),
                            extreme(node.get("max"), count, Double.NEGATIVE_INFINITY, path + "max"),
                            doubles(text(node, "staged", path), path + "staged"),
                            histogram(node.get("positive"), path + "positive"),
                            histogram(node.get("negative"), path + "negative"));
                }
                case COUNTER -> new CollectorSnapshot.Counter(count(node.get("samples"), path + "samples"),
                        exactSum(node.get("sum"), path + "sum"));
                case RATE -> new CollectorSnapshot.Rate(count(node.get("samples"), path + "samples"),
                        count(node.get("nonZero"), path + "nonZero"));
                case GAUGE -> {
                    long samples = count(node.get("samples"), path + "samples");
                    yield new CollectorSnapshot.Gauge(samples, extreme(node.get("last"), samples, 0, path + "last"),
                            integer(node.get("lastTime"), path + "lastTime"),
                            extreme(node.get("min"), samples, Double.POSITIVE_INFINITY, path + "min"),
                            extreme(node.get("max"), samples, Double.NEGATIVE_INFINITY, path + "max"));
                }
            };
        }

        private SeriesKey key(JsonNode node, String path) {
            object(node, path);
            JsonNode tags = object(node.get("tags"), path + "tags");
            Map<String, String> filter = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> tag : tags.properties()) {
                filter.put(tag.getKey(), string(tag.getValue(), path + "tags." + tag.getKey()));
            }
            return new SeriesKey(text(node, "metric", path), new TreeMap<>(filter));
        }

        private Optional<CompressedHistogram> histogram(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            try {
                // Decoded once, when restored: the checksum vouches for the bytes.
                return Optional.of(CompressedHistogram.wrap(Base64.getDecoder().decode(string(node, path))));
            } catch (IllegalArgumentException e) {
                throw problem(path, "is not Base64");
            }
        }

        private double[] doubles(String base64, String path) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw problem(path, "is not Base64");
            }
            if (bytes.length % Double.BYTES != 0) {
                throw problem(path, "does not hold whole doubles");
            }
            double[] values = new double[bytes.length / Double.BYTES];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
            return values;
        }

        private static RunDuration.Origin origin(String name) {
            return switch (name) {
                case "stated" -> RunDuration.Origin.STATED;
                case "sample-span" -> RunDuration.Origin.SAMPLE_SPAN;
                default -> throw problem("duration.origin", "is neither stated nor sample-span");
            };
        }

        private static double extreme(JsonNode node, long count, double none, String path) {
            if (count == 0) {
                if (node != null && !node.isNull()) {
                    throw problem(path, "must be null without samples");
                }
                return none;
            }
            return number(node, path);
        }

        private static JsonNode object(JsonNode node, String path) {
            if (node == null || !node.isObject()) {
                throw problem(path, "is not an object");
            }
            return node;
        }

        private static JsonNode array(JsonNode node, String path) {
            if (node == null || !node.isArray()) {
                throw problem(path, "is not an array");
            }
            return node;
        }

        private static String text(JsonNode parent, String field, String path) {
            return string(parent.get(field), path + field);
        }

        private static String string(JsonNode node, String path) {
            if (node == null || !node.isTextual()) {
                throw problem(path, "is not a string");
            }
            return node.textValue();
        }

        private static Optional<String> optionalText(JsonNode node, String path) {
            return node == null || node.isNull() ? Optional.empty() : Optional.of(string(node, path));
        }

        private static boolean bool(JsonNode node, String path) {
            if (node == null || !node.isBoolean()) {
                throw problem(path, "is not true or false");
            }
            return node.booleanValue();
        }

        private static double number(JsonNode node, String path) {
            if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue())) {
                throw problem(path, "is not a finite number");
            }
            return node.doubleValue();
        }

        /** An exact sum: a whole number of units of the smallest double, in hexadecimal. */
        private static BigInteger exactSum(JsonNode node, String path) {
            if (node == null || !node.isTextual() || !node.textValue().matches("-?[0-9a-f]{1,600}")) {
                throw problem(path, "is not an exact sum (a hexadecimal whole number)");
            }
            return new BigInteger(node.textValue(), 16);
        }

        private static long integer(JsonNode node, String path) {
            if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
                throw problem(path, "is not a whole number");
            }
            return node.longValue();
        }

        private static long count(JsonNode node, String path) {
            long value = integer(node, path);
            if (value < 0) {
                throw problem(path, "is negative");
            }
            return value;
        }

        private static UnusableSummaryException problem(String path, String message) {
            return new UnusableSummaryException("is not a run summary: field '" + path.replaceAll("\\.$", "") + "' "
                    + message);
        }
    }

    /** The first {@code limit} bytes of a stream. */
    private static final class Bounded extends InputStream {

        private final InputStream in;
        private long left;

        Bounded(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read();
            if (read >= 0) {
                left--;
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int read = in.read(buffer, offset, (int) Math.min(length, left));
            if (read > 0) {
                left -= read;
            }
            return read;
        }
    }
}
