package io.perfgate.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SampleSink;
import io.perfgate.stats.Tags;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads k6's {@code --out json} stream: one JSON object per line, in constant memory.
 *
 * <ul>
 *   <li>{@code {"type":"Metric","data":{"name","type","contains",...}}} declares a metric; k6 writes it
 *       just before the metric's first point. Thresholds and submetrics in it are not needed: series
 *       are selected by tags.</li>
 *   <li>{@code {"type":"Point","metric":...,"data":{"time","value","tags"}}} is one sample; the time is
 *       RFC 3339 with nanoseconds, tags are strings.</li>
 *   <li>A Point of a metric whose Metric line has not come yet is an error: k6 always declares first,
 *       so the file does not start where k6 started writing it (a cut or reordered file), and the
 *       metric's type cannot be known.</li>
 *   <li>Lines of another {@code type} are skipped, with one warning per type at the end; blank lines
 *       are skipped.</li>
 *   <li>A last line that is cut off (no newline, JSON ends early: k6 was killed while writing), or a
 *       gzip stream that ends early, is a warning naming the file and line; everything before it is
 *       used. Any other malformed line is a {@link BadInputException} naming file, line and column.</li>
 * </ul>
 * The run's duration is the span from the earliest to the latest point time.
 */
final class K6NdjsonReader {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_LINE_BYTES = 64 << 20;

    private final String fileName;
    private final SampleSink sink;
    private final Diagnostics diagnostics;
    private final Set<String> declared = new HashSet<>();
    private final Map<String, Long> skippedTypes = new TreeMap<>();

    private long lineNumber;
    private long points;
    private long earliestNanos = Long.MAX_VALUE;
    private long latestNanos = Long.MIN_VALUE;

    // Fields of the line being read; reset per line so a line allocates little beyond its tags.
    private String lineType;
    private String lineMetric;
    private String dataName;
    private String dataType;
    private String dataContains;
    private String dataTime;
    private double dataValue;
    private boolean hasValue;
    private Map<String, String> dataTags;

    private K6NdjsonReader(String fileName, SampleSink sink, Diagnostics diagnostics) {
        this.fileName = fileName;
        this.sink = sink;
        this.diagnostics = diagnostics;
    }

    /**
     * Reads one decompressed NDJSON stream into the sink.
     *
     * @param fileName names the file in messages
     * @throws BadInputException naming file and line for a malformed line other than a cut-off last one
     * @throws IOException       when the stream cannot be read
     */
    static SourceReading read(InputStream in, String fileName, SampleSink sink, Diagnostics diagnostics)
            throws IOException {
        K6NdjsonReader reader = new K6NdjsonReader(fileName, sink, diagnostics);
        reader.readLines(in);
        reader.skippedTypes.forEach((type, count) -> diagnostics.warning(fileName + ": skipped " + count
                + " line(s) of type '" + type + "'; perfgate reads the Metric and Point lines of k6 --out json"));
        double duration = reader.points == 0 ? 0 : (reader.latestNanos - reader.earliestNanos) / 1e9;
        return new SourceReading(reader.points, duration);
    }

    private void readLines(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        int start = 0;
        int end = 0;
        int scanned = 0;
        boolean streamCut = false;
        while (true) {
            int newline = -1;
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == '\n') {
                    newline = i;
                    break;
                }
            }
            if (newline >= 0) {
                lineNumber++;
                int lineEnd = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
                readLine(buffer, start, lineEnd - start, false);
                start = newline + 1;
                scanned = start;
                continue;
            }
            scanned = end;
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                scanned -= start;
                start = 0;
            }
            if (end == buffer.length) {
                if (buffer.length >= MAX_LINE_BYTES) {
                    throw new BadInputException(SourceLocation.ofLine(fileName, lineNumber + 1),
                            "line is longer than " + (MAX_LINE_BYTES >> 20) + " MB; k6 NDJSON lines are short");
                }
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int read;
            try {
                read = in.read(buffer, end, buffer.length - end);
            } catch (EOFException e) {
                streamCut = true;
                read = -1;
            }
            if (read < 0) {
                break;
            }
            end += read;
        }
        if (start < end) {
            lineNumber++;
            readLine(buffer, start, end - start, true);
        }
        if (streamCut) {
            diagnostics.warning(fileName + ": the compressed data ends early (k6 stopped while writing?); the "
                    + lineNumber + " line(s) before the cut were read");
        }
    }

    private void readLine(byte[] buffer, int offset, int length, boolean lastWithoutNewline) {
        if (isBlank(buffer, offset, length)) {
            return;
        }
        resetLine();
        try (JsonParser parser = JSON.createParser(buffer, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw bad(1, "is not a JSON object");
            }
            readObject(parser);
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw bad(column(parser), "has more after its JSON object");
            }
        } catch (JsonEOFException e) {
            if (lastWithoutNewline) {
                diagnostics.warning(fileName + " line " + lineNumber + ": the last line is cut off (k6 stopped while"
                        + " writing?); it was skipped, the lines before it were read");
                return;
            }
            throw badJson(e);
        } catch (JsonProcessingException e) {
            throw badJson(e);
        } catch (IOException e) {
            throw bad(0, "cannot be read: " + e.getMessage());
        }
        dispatch();
    }

    private static boolean isBlank(byte[] buffer, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = buffer[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private void resetLine() {
        lineType = null;
        lineMetric = null;
        dataName = null;
        dataType = null;
        dataContains = null;
        dataTime = null;
        hasValue = false;
        dataTags = null;
    }

    private void readObject(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "type" -> lineType = text(parser, value, "type");
                case "metric" -> lineMetric = text(parser, value, "metric");
                case "data" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw bad(column(parser), "\"data\" is not an object");
                    }
                    readData(parser);
                }
                default -> parser.skipChildren();
            }
        }
    }

    private void readData(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "name" -> dataName = text(parser, value, "data.name");
                case "type" -> dataType = text(parser, value, "data.type");
                case "contains" -> dataContains = text(parser, value, "data.contains");
                case "time" -> dataTime = text(parser, value, "data.time");
                case "value" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                        throw bad(column(parser), "data.value is not a number: " + parser.getText());
                    }
                    dataValue = parser.getDoubleValue();
                    hasValue = true;
                }
                case "tags" -> readTags(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    private void readTags(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return;
        }
        if (value != JsonToken.START_OBJECT) {
            throw bad(column(parser), "data.tags is not an object");
        }
        dataTags = new HashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String tag = parser.currentName();
            JsonToken tagValue = parser.nextToken();
            if (tagValue.isScalarValue() && tagValue != JsonToken.VALUE_NULL) {
                dataTags.put(tag, parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }

    private String text(JsonParser parser, JsonToken value, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw bad(column(parser), "\"" + field + "\" is not a string");
        }
        return parser.getText();
    }

    private void dispatch() {
        if (lineType == null) {
            throw bad(0, "has no \"type\" (k6 NDJSON lines are of type Metric or Point)");
        }
        switch (lineType) {
            case "Metric" -> declare();
            case "Point" -> point();
            default -> skippedTypes.merge(lineType, 1L, Long::sum);
        }
    }

    private void declare() {
        String name = dataName != null ? dataName : lineMetric;
        if (name == null || dataType == null) {
            throw bad(0, "Metric line needs data.name and data.type");
        }
        MetricType type;
        MetricContents contents;
        try {
            type = MetricType.fromK6Name(dataType);
            contents = dataContains == null ? MetricContents.DEFAULT : MetricContents.fromK6Name(dataContains);
        } catch (IllegalArgumentException e) {
            throw bad(0, e.getMessage() + " in the Metric line of " + name);
        }
        try {
            sink.declareMetric(name, type, contents);
        } catch (IllegalArgumentException e) {
            throw bad(0, e.getMessage());
        }
        declared.add(name);
    }

    private void point() {
        if (lineMetric == null) {
            throw bad(0, "Point line has no \"metric\"");
        }
        if (!declared.contains(lineMetric)) {
            throw bad(0, "a point of metric " + lineMetric + " comes before its Metric line; k6 writes that line"
                    + " before the metric's first point, so this file does not start where k6 began writing it");
        }
        if (!hasValue || dataTime == null) {
            throw bad(0, "Point line needs data.time and data.value");
        }
        if (!Double.isFinite(dataValue)) {
            throw bad(0, "data.value of " + lineMetric + " is not a finite number");
        }
        long nanos;
        try {
            nanos = Rfc3339.epochNanos(dataTime);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw bad(0, "data.time '" + dataTime + "' is not an RFC 3339 time");
        }
        try {
            sink.sample(lineMetric, dataTags == null ? Tags.empty() : Tags.of(dataTags), dataValue, nanos);
        } catch (IllegalArgumentException e) {
            throw bad(0, "metric " + lineMetric + ": " + e.getMessage());
        }
        points++;
        earliestNanos = Math.min(earliestNanos, nanos);
        latestNanos = Math.max(latestNanos, nanos);
    }

    private static int column(JsonParser parser) {
        return Math.max(0, parser.currentTokenLocation().getColumnNr());
    }

    private BadInputException bad(int column, String problem) {
        return new BadInputException(new SourceLocation(fileName, lineNumber, column), problem);
    }

    private BadInputException badJson(JsonProcessingException e) {
        int column = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNr());
        return new BadInputException(new SourceLocation(fileName, lineNumber, column),
                "is not valid JSON: " + e.getOriginalMessage(), e);
    }
}
