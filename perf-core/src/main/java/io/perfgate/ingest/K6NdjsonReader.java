package io.perfgate.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.ParserText;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.NumberText;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.RunDuration;
import io.perfgate.stats.SampleSink;
import io.perfgate.stats.Tags;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

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
 *
 * <h2>Speed</h2>
 * Results files reach gigabytes, so the common line is read at least as fast as a bare Jackson token
 * loop reads it. Every line's meaning still comes from Jackson: the bytes after a Point line's value
 * (<code>,"tags":{...}}}</code>) are remembered with the tags Jackson read from them, and a later
 * line whose fixed parts are byte for byte as k6 writes them (<code>{"metric":"</code>,
 * <code>","type":"Point","data":{"time":"</code>, <code>","value":</code>) and whose rest is a
 * remembered one has only its three variable parts read here: a declared metric name and a time of
 * the usual shape, both without escapes, and a JSON number without exponent. Such a line means
 * exactly what Jackson would read from it. Any other line goes to Jackson, and so does every error.
 */
final class K6NdjsonReader implements FileInParts.Part<K6NdjsonReader> {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int BUFFER_BYTES = 1 << 18;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final byte[] POINT_START = ascii("{\"metric\":\"");
    private static final byte[] AFTER_METRIC = ascii("\",\"type\":\"Point\",\"data\":{\"time\":\"");
    private static final byte[] AFTER_TIME = ascii("\",\"value\":");

    private final String fileName;
    private final SampleSink sink;
    /** Null when the whole file is read by this reader; else where metrics declared in earlier parts are found. */
    private final PartDeclarations earlierParts;
    /** This reader's part of the file, from 0. */
    private final int part;
    private final DeclaredMetrics declared = new DeclaredMetrics();
    private final Map<String, Long> skippedTypes = new TreeMap<>();
    private final TagMemo tagMemo = new TagMemo();

    private long lineNumber;
    /** The line that was cut off at the end (k6 stopped while writing it), or 0. */
    private long cutOffLine;
    /** Whether gzip data ended early. */
    private boolean streamCut;
    private long points;
    private long earliestNanos = Long.MAX_VALUE;
    private long latestNanos = Long.MIN_VALUE;

    // The seconds part of the last time read from bytes, and its value.
    private final byte[] lastSecondsText = new byte[Rfc3339.SECONDS_LENGTH];
    private long lastSeconds = Long.MIN_VALUE;
    // What usualShape found: where the metric name and the time are, and the value.
    private int metricStart;
    private int metricEnd;
    private int timeStart;
    private int timeEnd;
    private double numberValue;

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
    private Tags lineTags;
    /** Fields as k6 writes a Point line: metric, type, data; in data: time, value, tags. Nothing else. */
    private boolean usualFields;

    private K6NdjsonReader(String fileName, SampleSink sink, PartDeclarations earlierParts, int part) {
        this.fileName = fileName;
        this.sink = sink;
        this.earlierParts = earlierParts;
        this.part = part;
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
        K6NdjsonReader reader = new K6NdjsonReader(fileName, sink, null, 0);
        reader.readLines(in);
        return reader.finish(diagnostics);
    }

    /**
     * Reads a plain k6 NDJSON file in the parts the plan cuts it into, a thread each (see {@link FileInParts}).
     *
     * @return what was read; empty when the file is to be read on one thread, {@code collector} unchanged
     */
    static Optional<SourceReading> readInParts(FileChannel channel, FileInParts.Plan plan, String fileName,
            ResultsCollector collector, Diagnostics diagnostics) throws IOException {
        long[] cuts = plan.cuts(channel, 0, channel.size());
        if (cuts.length < 3) {
            return Optional.empty();
        }
        return FileInParts.read(channel, cuts, collector, new FileInParts.PartFactory<K6NdjsonReader>() {
            private PartDeclarations declarations;

            @Override
            public K6NdjsonReader create(int index, ResultsCollector sink, AtomicBoolean cancelled) {
                if (declarations == null) {
                    declarations = new PartDeclarations(cuts.length - 1, cancelled);
                }
                return new K6NdjsonReader(fileName, sink, declarations, index);
            }

            @Override
            public void done(int index) {
                declarations.done(index);
            }
        }, diagnostics);
    }

    @Override
    public void read(InputStream part, boolean last) throws IOException {
        readLines(part);
    }

    @Override
    public void absorb(K6NdjsonReader later) {
        if (later.cutOffLine > 0) {
            cutOffLine = lineNumber + later.cutOffLine;
        }
        lineNumber += later.lineNumber;
        streamCut |= later.streamCut;
        points += later.points;
        earliestNanos = Math.min(earliestNanos, later.earliestNanos);
        latestNanos = Math.max(latestNanos, later.latestNanos);
        later.skippedTypes.forEach((type, count) -> skippedTypes.merge(type, count, Long::sum));
    }

    @Override
    public SourceReading finish(Diagnostics diagnostics) {
        if (cutOffLine > 0) {
            diagnostics.warning(fileName + " line " + cutOffLine + ": the last line is cut off (k6 stopped while"
                    + " writing?); it was skipped, the lines before it were read");
        }
        if (streamCut) {
            diagnostics.warning(fileName + ": the compressed data ends early (k6 stopped while writing?); the "
                    + lineNumber + " line(s) before the cut were read");
        }
        skippedTypes.forEach((type, count) -> diagnostics.warning(fileName + ": skipped " + count
                + " line(s) of type '" + type + "'; perfgate reads the Metric and Point lines of k6 --out json"));
        return new SourceReading(points, RunDuration.sampleSpan(spanSeconds()));
    }

    /** From the earliest to the latest point time; their difference may not fit 64 bits. */
    private double spanSeconds() {
        if (points == 0) {
            return 0;
        }
        long span = latestNanos - earliestNanos;
        return span >= 0 ? span / 1e9 : latestNanos / 1e9 - earliestNanos / 1e9;
    }

    private void readLines(InputStream in) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        int start = 0;
        int end = 0;
        int scanned = 0;
        while (true) {
            if (start < end) {
                int next = fastLine(buffer, start, end);
                if (next >= 0) {
                    start = next;
                    scanned = next;
                    continue;
                }
            }
            int newline = indexOfNewline(buffer, scanned, end);
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
                // Checked before the buffer grows, so a huge line costs no more memory than the limit.
                if (buffer.length >= RecordBound.MAX_RECORD_BYTES) {
                    throw new BadInputException(SourceLocation.ofLine(fileName, lineNumber + 1),
                            "line is longer than " + RecordBound.LIMIT_TEXT + "; k6 NDJSON lines are short, so "
                                    + "this is not k6 output or the file is corrupt");
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
    }

    /** Index of the first '\n' in bytes[from, to), or -1; eight bytes at a time. */
    private static int indexOfNewline(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i) ^ 0x0A0A0A0A0A0A0A0AL; // '\n' bytes become 0
            long zeros = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void readLine(byte[] buffer, int offset, int length, boolean lastWithoutNewline) {
        int rest = usualShape(buffer, offset, offset + length);
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
                cutOffLine = lineNumber;
                return;
            }
            throw badJson(e);
        } catch (JsonProcessingException e) {
            throw badJson(e);
        } catch (IOException e) {
            throw bad(0, "cannot be read: " + e.getMessage());
        }
        dispatch();
        if (rest >= 0 && usualFields && lineTags != null) {
            tagMemo.remember(buffer, rest, offset + length, lineTags);
        }
    }

    /**
     * Reads the line starting at {@code from} when it is a Point line of k6's usual shape whose rest
     * after the value is remembered, its metric declared and its time of the usual shape.
     *
     * @param limit end of the bytes read so far; the line must end with '\n' before it
     * @return the index after the line's '\n' when the line was read; -1 when it was not (nothing
     *         changed: it goes to Jackson once its end is known)
     */
    private int fastLine(byte[] bytes, int from, int limit) {
        int rest = usualShape(bytes, from, limit);
        if (rest < 0) {
            return -1;
        }
        // The points of one request follow each other with the same tags: try the last rest first.
        Tags tags = tagMemo.lastTags;
        byte[] last = tagMemo.lastRest;
        int newline = last == null ? limit : rest + last.length;
        if (newline >= limit || bytes[newline] != '\n'
                || !Arrays.equals(bytes, rest, newline, last, 0, last.length)) {
            newline = indexOfNewline(bytes, rest, limit);
            if (newline < 0) {
                return -1;
            }
            int lineEnd = bytes[newline - 1] == '\r' ? newline - 1 : newline;
            tags = tagMemo.find(bytes, rest, lineEnd);
            if (tags == null) {
                return -1;
            }
        }
        String metric = declared.find(bytes, metricStart, metricEnd);
        long nanos = metric == null ? Long.MIN_VALUE : fastTime(bytes, timeStart, timeEnd);
        if (nanos == Long.MIN_VALUE) {
            return -1;
        }
        lineNumber++;
        record(metric, tags, numberValue, nanos);
        return newline + 1;
    }

    /**
     * Matches k6's usual Point line from {@code from} up to the rest after the value:
     * <code>{"metric":"NAME","type":"Point","data":{"time":"TIME","value":NUMBER,</code> with the name and
     * time plain JSON strings (no escapes) and the number plain JSON without exponent; sets
     * {@link #metricStart}, {@link #metricEnd}, {@link #timeStart}, {@link #timeEnd} and
     * {@link #numberValue}.
     *
     * @return the index of the ',' after the number, where the rest starts; -1 for any other shape
     */
    private int usualShape(byte[] bytes, int from, int limit) {
        if (!startsWith(bytes, from, limit, POINT_START)) {
            return -1;
        }
        metricStart = from + POINT_START.length;
        metricEnd = endOfPlainString(bytes, metricStart, limit);
        if (metricEnd < 0 || !startsWith(bytes, metricEnd, limit, AFTER_METRIC)) {
            return -1;
        }
        timeStart = metricEnd + AFTER_METRIC.length;
        timeEnd = endOfPlainString(bytes, timeStart, limit);
        if (timeEnd < 0 || !startsWith(bytes, timeEnd, limit, AFTER_TIME)) {
            return -1;
        }
        int rest = fastNumber(bytes, timeEnd + AFTER_TIME.length, limit);
        return rest >= 0 && bytes[rest] == ',' ? rest : -1;
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
    }

    /**
     * End of a JSON string's content starting at {@code from}: the index of its closing quote, or -1
     * when an escape or a control character comes first (or nothing does). Eight bytes at a time.
     */
    private static int endOfPlainString(byte[] bytes, int from, int to) {
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long quotes = word ^ 0x2222222222222222L; // '"' bytes become 0
            long backslashes = word ^ 0x5C5C5C5C5C5C5C5CL; // backslash bytes become 0
            long found = ((quotes - 0x0101010101010101L) & ~quotes)
                    | ((backslashes - 0x0101010101010101L) & ~backslashes)
                    | ((word - 0x2020202020202020L) & ~word); // bytes below 0x20
            found &= 0x8080808080808080L;
            if (found != 0) {
                int at = i + (Long.numberOfTrailingZeros(found) >>> 3);
                return bytes[at] == '"' ? at : -1;
            }
        }
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\' || (b >= 0 && b < 0x20)) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * Reads a JSON number without exponent into {@link #numberValue}, giving the value Jackson gives.
     *
     * @return the index after the number, or -1 when there is no such number at from (it may still be
     *         valid JSON: Jackson reads it then)
     */
    private int fastNumber(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = i < to && bytes[i] == '-';
        if (negative) {
            i++;
        }
        int digitsStart = i;
        long mantissa = 0;
        while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
            mantissa = mantissa * 10 + (bytes[i] - '0');
            i++;
        }
        int integerDigits = i - digitsStart;
        if (integerDigits == 0 || (integerDigits > 1 && bytes[digitsStart] == '0')) {
            return -1; // no digits, or a leading zero: Jackson reports it
        }
        int fractionDigits = 0;
        if (i < to && bytes[i] == '.') {
            i++;
            int fractionStart = i;
            while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
                mantissa = mantissa * 10 + (bytes[i] - '0');
                i++;
            }
            fractionDigits = i - fractionStart;
            if (fractionDigits == 0) {
                return -1;
            }
        }
        if (i >= to || bytes[i] == 'e' || bytes[i] == 'E') {
            return -1;
        }
        int digits = integerDigits + fractionDigits;
        if (digits > 18 || mantissa > (1L << 53) || fractionDigits > 22) {
            // Too long for the exact shortcut below (and may have overflowed): Java's own parse.
            numberValue = Double.parseDouble(new String(bytes, from, i - from, StandardCharsets.ISO_8859_1));
            return Double.isFinite(numberValue) ? i : -1;
        }
        if (fractionDigits == 0) {
            numberValue = negative ? -mantissa : mantissa; // as Jackson reads an integer: -0 is 0
        } else {
            // Both operands are exact doubles, so the one rounding of the division is the correct one.
            double magnitude = mantissa / POWERS_OF_TEN[fractionDigits];
            numberValue = negative ? -magnitude : magnitude;
        }
        return i;
    }

    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /**
     * Nanoseconds since 1970 of a time of the usual shape (UTC or with an offset), or Long.MIN_VALUE
     * for any other, which Jackson's path reads with {@link Rfc3339#epochNanos(String)}.
     */
    private long fastTime(byte[] bytes, int from, int to) {
        if (to - from < Rfc3339.SECONDS_LENGTH + 1) {
            return Long.MIN_VALUE;
        }
        if (!Arrays.equals(bytes, from, from + Rfc3339.SECONDS_LENGTH, lastSecondsText, 0, Rfc3339.SECONDS_LENGTH)
                || lastSeconds == Long.MIN_VALUE) {
            long seconds = Rfc3339.utcSecondsAscii(bytes, from);
            if (seconds == Long.MIN_VALUE) {
                return Long.MIN_VALUE;
            }
            System.arraycopy(bytes, from, lastSecondsText, 0, Rfc3339.SECONDS_LENGTH);
            lastSeconds = seconds;
        }
        long nanos = Rfc3339.nanosAfterSecondsAscii(bytes, from + Rfc3339.SECONDS_LENGTH, to);
        return nanos == Long.MIN_VALUE ? Long.MIN_VALUE : Rfc3339.epochNanos(lastSeconds, nanos);
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
        lineTags = null;
        usualFields = false;
    }

    private void readObject(JsonParser parser) throws IOException {
        int index = 0;
        boolean usual = true;
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
                    usual &= readData(parser);
                }
                default -> parser.skipChildren();
            }
            usual &= field.equals(index == 0 ? "metric" : index == 1 ? "type" : index == 2 ? "data" : null);
            index++;
        }
        usualFields = usual && index == 3;
    }

    /** @return whether data's fields were time, value and tags, in this order, and nothing else */
    private boolean readData(JsonParser parser) throws IOException {
        int index = 0;
        boolean usual = true;
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
            usual &= field.equals(index == 0 ? "time" : index == 1 ? "value" : index == 2 ? "tags" : null);
            index++;
        }
        return usual && index == 3;
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
        declared.add(name, contents);
        if (earlierParts != null) {
            earlierParts.declared(part, name, type, contents);
        }
    }

    /**
     * The declared name of a metric this reader's part has not declared, when an earlier part of the file
     * declares it: declared here too, as it was before this part; null when no earlier part does.
     */
    private String declaredInEarlierPart(String metric) {
        PartDeclarations.Declared earlier = earlierParts == null ? null : earlierParts.before(part, metric);
        if (earlier == null) {
            return null;
        }
        sink.declareMetric(metric, earlier.type(), earlier.contents());
        declared.add(metric, earlier.contents());
        return declared.canonical(metric);
    }

    private void point() {
        if (lineMetric == null) {
            throw bad(0, "Point line has no \"metric\"");
        }
        String metric = declared.canonical(lineMetric);
        if (metric == null) {
            metric = declaredInEarlierPart(lineMetric);
        }
        if (metric == null) {
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
        } catch (DateTimeParseException e) {
            throw bad(0, "data.time '" + dataTime + "' is not an RFC 3339 time");
        } catch (DateTimeException e) {
            throw bad(0, "data.time '" + dataTime + "' " + e.getMessage());
        }
        lineTags = dataTags == null ? Tags.empty() : Tags.of(dataTags);
        record(metric, lineTags, dataValue, nanos);
    }

    private void record(String metric, Tags tags, double value, long nanos) {
        if (value < 0 && declared.holdsAmounts(metric)) {
            throw bad(0, "data.value " + NumberText.plain(value) + " of " + metric + " is negative, but " + metric
                    + " holds " + (declared.contentsOf(metric) == MetricContents.TIME ? "durations" : "data sizes")
                    + " (its Metric line says contains " + declared.contentsOf(metric).k6Name()
                    + "), which cannot be negative");
        }
        try {
            sink.sample(metric, tags, value, nanos);
        } catch (IllegalArgumentException e) {
            throw bad(0, "metric " + metric + ": " + e.getMessage());
        }
        points++;
        if (nanos < earliestNanos) {
            earliestNanos = nanos;
        }
        if (nanos > latestNanos) {
            latestNanos = nanos;
        }
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
                "is not valid JSON: " + ParserText.problem(e.getOriginalMessage(), lineNumber - 1), e);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** Hash of bytes[from, to), eight bytes at a time. */
    private static int hash(byte[] bytes, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            h = (h ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
        }
        for (; i < to; i++) {
            h = (h ^ bytes[i]) * 0x9E3779B97F4A7C15L;
        }
        return (int) (h ^ (h >>> 29) ^ (h >>> 47));
    }

    /**
     * The declared metrics, found by the UTF-8 bytes of their name: the same String for every point,
     * so the collector's lookups by name hit at once.
     */
    private static final class DeclaredMetrics {

        private final Map<String, String> byName = new HashMap<>();
        private final Map<String, MetricContents> contents = new HashMap<>();
        private byte[][] keys = new byte[64][];
        private String[] names = new String[64];
        private int size;

        void add(String name, MetricContents metricContents) {
            contents.put(name, metricContents);
            if (byName.putIfAbsent(name, name) != null) {
                return;
            }
            if (++size * 2 > keys.length) {
                byte[][] oldKeys = keys;
                String[] oldNames = names;
                keys = new byte[keys.length * 2][];
                names = new String[names.length * 2];
                for (int i = 0; i < oldKeys.length; i++) {
                    if (oldKeys[i] != null) {
                        put(oldKeys[i], oldNames[i]);
                    }
                }
            }
            put(name.getBytes(StandardCharsets.UTF_8), name);
        }

        private void put(byte[] key, String name) {
            int mask = keys.length - 1;
            int i = hash(key, 0, key.length) & mask;
            while (keys[i] != null) {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            names[i] = name;
        }

        /** The declared name with these UTF-8 bytes, or null. */
        String find(byte[] bytes, int from, int to) {
            int mask = keys.length - 1;
            int length = to - from;
            for (int i = hash(bytes, from, to) & mask; keys[i] != null; i = (i + 1) & mask) {
                byte[] key = keys[i];
                if (key.length == length && Arrays.equals(key, 0, length, bytes, from, to)) {
                    return names[i];
                }
            }
            return null;
        }

        MetricContents contentsOf(String name) {
            return contents.get(name);
        }

        /** Whether the metric holds times or data sizes, amounts that cannot be negative. */
        boolean holdsAmounts(String name) {
            MetricContents of = contents.get(name);
            return of == MetricContents.TIME || of == MetricContents.DATA;
        }

        /** The declared instance of this name, or null when it was not declared. */
        String canonical(String name) {
            return byName.get(name);
        }
    }

    /**
     * The rests of Point lines after their value (<code>,"tags":{...}}}</code>) with the tags Jackson read
     * from them. At most {@value #CAPACITY} / 2 are kept, so tags that never repeat (a URL per
     * request) cannot grow memory: when full, it starts again empty.
     */
    private static final class TagMemo {

        private static final int CAPACITY = 4096;

        private final byte[][] rests = new byte[CAPACITY][];
        private final int[] hashes = new int[CAPACITY];
        private final Tags[] tags = new Tags[CAPACITY];
        private int size;
        private byte[] lastRest;
        private Tags lastTags;

        /** The tags of this rest, or null when it is not remembered. */
        Tags find(byte[] bytes, int from, int to) {
            int length = to - from;
            // The points of one request follow each other with the same tags.
            if (lastRest != null && lastRest.length == length && Arrays.equals(lastRest, 0, length, bytes, from, to)) {
                return lastTags;
            }
            int h = hash(bytes, from, to);
            for (int i = h & (CAPACITY - 1); rests[i] != null; i = (i + 1) & (CAPACITY - 1)) {
                byte[] rest = rests[i];
                if (hashes[i] == h && rest.length == length && Arrays.equals(rest, 0, length, bytes, from, to)) {
                    lastRest = rest;
                    lastTags = tags[i];
                    return lastTags;
                }
            }
            return null;
        }

        void remember(byte[] bytes, int from, int to, Tags lineTags) {
            if (size >= CAPACITY / 2) {
                Arrays.fill(rests, null);
                Arrays.fill(tags, null);
                size = 0;
            }
            byte[] rest = Arrays.copyOfRange(bytes, from, to);
            int h = hash(rest, 0, rest.length);
            int i = h & (CAPACITY - 1);
            while (rests[i] != null) {
                if (hashes[i] == h && Arrays.equals(rests[i], rest)) {
                    return;
                }
                i = (i + 1) & (CAPACITY - 1);
            }
            rests[i] = rest;
            hashes[i] = h;
            tags[i] = lineTags;
            size++;
            lastRest = rest;
            lastTags = lineTags;
        }
    }
}
