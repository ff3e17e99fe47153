package io.perfgate.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.ParserText;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.SampleSink;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.SequenceInputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads a JMeter JTL in CSV. The first line is the header; its delimiter (one of {@code , ; tab |})
 * is the one that makes both {@code timeStamp} and {@code elapsed} column names. Columns are found by
 * name (case-insensitive), so any {@code jmeter.save.saveservice.*} choice of columns works as long
 * as {@code timeStamp}, {@code elapsed} and {@code label} are saved. Quoted fields may span lines, with
 * {@code ""} for a quote (Jackson's CSV parser); messages name the line where a row starts.
 * {@code timeStamp} must be epoch milliseconds (JMeter's default); a date-formatted one is an error.
 * A last row cut short (JMeter stopped while writing: too few fields, a quoted field still open, or no line
 * break after it, which JMeter always writes) is skipped with a warning; any other malformed row is an error,
 * an unbalanced quote named at the line and column where it opens.
 *
 * <h2>Speed</h2>
 * A JTL has millions of rows, so rows as JMeter writes them are read straight from the bytes, as fast as
 * a bare CSV token loop reads them and without a string or an object per row: fields plain or quoted
 * (with {@code ""} in them, or line breaks), the row ending in a line break, as many fields as the header
 * names, and a row (a printable character) after it. Numbers of plain digits are read from the bytes,
 * labels and response codes are strings made once per distinct value, and each label's tags are made once.
 * Such a row means exactly what Jackson's CSV parser reads from it. The first row of any other shape
 * (a stray quote, a lone carriage return, a blank line, too few or too many fields, the last row), and
 * every row after it, goes to Jackson's parser, so every error and every cut-off end is told as it tells it.
 */
final class JtlCsvReader implements FileInParts.Part<JtlCsvReader> {

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final String DURATION = "a duration";
    private static final String SIZE = "a size";
    private static final String THREAD_COUNT = "a thread count";
    private static final CsvFactory CSV = new CsvFactory();

    /** The text that starts every Transaction Controller message; other messages skip the full check. */
    private static final String TRANSACTION_MESSAGE_START = "Number of samples in transaction";

    private static final int BUFFER_BYTES = 1 << 18;
    /** What {@link #fastRow} returns when the buffer ends before the row is known whole. */
    private static final int NEED_MORE = -1;
    /** What {@link #fastRow} returns for a row of another shape: Jackson's parser reads from it on. */
    private static final int OTHER_SHAPE = -2;
    /** A field that is not a plain whole number of at most 18 digits. */
    private static final long NOT_PLAIN = Long.MIN_VALUE;

    /** The header line: the delimiter and where the columns are. */
    static final class Header {
        final char delimiter;
        final String[] names;
        final int columnCount;
        // Positions of the columns read, found once from the header; -1 when not saved.
        final int timeStamp;
        final int elapsed;
        final int label;
        final int success;
        final int responseCode;
        final int responseMessage;
        final int latency;
        final int connect;
        final int bytes;
        final int sentBytes;
        final int allThreads;
        /** The info to give about the header, or null. */
        final String note;
        /** The time stamp column as messages name it. */
        final String timeStampField;

        private Header(char delimiter, String[] names, Map<String, Integer> byName, String note) {
            this.delimiter = delimiter;
            this.names = names;
            this.columnCount = names.length;
            this.timeStamp = column(byName, "timestamp");
            this.elapsed = column(byName, "elapsed");
            this.label = column(byName, "label");
            this.success = column(byName, "success");
            this.responseCode = column(byName, "responsecode");
            this.responseMessage = column(byName, "responsemessage");
            this.latency = column(byName, "latency");
            this.connect = column(byName, "connect");
            this.bytes = column(byName, "bytes");
            this.sentBytes = column(byName, "sentbytes");
            this.allThreads = column(byName, "allthreads");
            this.note = note;
            this.timeStampField = "column " + name(timeStamp);
        }

        private static int column(Map<String, Integer> byName, String name) {
            Integer index = byName.get(name);
            return index == null ? -1 : index;
        }

        /** The column's name as the header spells it. */
        String name(int column) {
            return names[column].strip();
        }

        /** Finds the delimiter and the column positions. */
        static Header of(String header, String fileName) {
            for (char delimiter : DELIMITERS) {
                String[] names = header.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
                Map<String, Integer> byName = new HashMap<>();
                for (int i = 0; i < names.length; i++) {
                    byName.putIfAbsent(names[i].strip().toLowerCase(Locale.ROOT), i);
                }
                if (byName.containsKey("timestamp") && byName.containsKey("elapsed")) {
                    if (!byName.containsKey("label")) {
                        throw new BadInputException(SourceLocation.ofLine(fileName, 1), "the header has no label"
                                + " column; perfgate needs timeStamp, elapsed and label"
                                + " (jmeter.save.saveservice.label=true)");
                    }
                    String note = byName.containsKey("responsemessage") ? null : fileName + ": no responseMessage"
                            + " column, so Transaction Controller rows cannot be told apart and count as requests";
                    return new Header(delimiter, names, byName, note);
                }
            }
            throw new BadInputException(SourceLocation.ofLine(fileName, 1), "the first line is not a JTL header with"
                    + " timeStamp and elapsed columns separated by ',', ';', tab or '|'");
        }
    }

    /** A part read in parts met what only one reader of the whole file can tell: that file is read again so. */
    static final class PartNotAligned extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PartNotAligned(String why) {
            super(why, null, false, false);
        }
    }

    /** How the end of the file was cut off, for the warning told when the reading is finished. */
    private enum EndKind { SHORT_ROW, NO_LINE_BREAK, OPEN_QUOTE }

    /**
     * A cut-off end, told when the reading is finished, where the part's place in the file is known.
     *
     * @param line    the row's line, or for an open quote the last line of the file
     * @param samples the rows read before it
     */
    private record CutEnd(EndKind kind, long line, int fields, long openedLine, int openedColumn, long samples) {

        CutEnd after(long lines, long samplesBefore) {
            return new CutEnd(kind, line + lines, fields, openedLine + lines, openedColumn, samples + samplesBefore);
        }
    }

    private final String fileName;
    private final JmeterVocabulary vocabulary;
    /** Whether this reader reads one part of a file read in parts; false when it reads the whole file. */
    private final boolean inParts;
    private Header header;
    private boolean lastPart = true;
    /** Whether rows of JMeter's shape are read from the bytes; else Jackson's parser reads every row. */
    private boolean rowsFromBytes = true;

    // The bytes being read: buffer[start, end) not read yet.
    private InputStream source;
    private byte[] buffer = new byte[BUFFER_BYTES];
    private int start;
    private int end;
    private boolean sourceEnded;
    private boolean compressedCut;
    /** Lines before {@link #start}, the header's included, as Jackson counts them. */
    private long lines;
    /** Line feeds before {@link #start}, the header's included (as {@link TrackedInput} counts lines). */
    private long lineFeeds;
    /** The last byte before {@link #start}; -1 for none. */
    private int lastByteBefore = -1;

    /** The delimiter in every byte of a word. */
    private long delimiterWord;
    // The row read from the bytes: its fields' places, and which were quoted with "" in them.
    private int[] fieldStarts;
    private int[] fieldEnds;
    private boolean[] fieldEscaped;
    private int rowBreaks;
    // Or the row Jackson read.
    private String[] fieldTexts;
    private boolean rowFromBytes;

    private final InternedText labels = new InternedText();
    private final InternedText codes = new InternedText();

    private CutEnd cutEnd;

    private JtlCsvReader(String fileName, SampleSink sink, Header header, boolean inParts) {
        this.fileName = fileName;
        this.vocabulary = new JmeterVocabulary(sink);
        this.inParts = inParts;
        if (header != null) {
            useHeader(header);
        }
    }

    private void useHeader(Header found) {
        this.header = found;
        this.delimiterWord = ONES * (found.delimiter & 0xff);
        this.fieldStarts = new int[found.columnCount];
        this.fieldEnds = new int[found.columnCount];
        this.fieldEscaped = new boolean[found.columnCount];
        this.fieldTexts = new String[found.columnCount];
    }

    static SourceReading read(InputStream in, String fileName, SampleSink sink, Diagnostics diagnostics)
            throws IOException {
        return read(in, fileName, sink, diagnostics, true);
    }

    /**
     * Reads every row with Jackson's CSV parser: what reading rows from the bytes must give, for tests.
     */
    static SourceReading readWithJacksonOnly(InputStream in, String fileName, SampleSink sink,
            Diagnostics diagnostics) throws IOException {
        return read(in, fileName, sink, diagnostics, false);
    }

    private static SourceReading read(InputStream in, String fileName, SampleSink sink, Diagnostics diagnostics,
            boolean rowsFromBytes) throws IOException {
        JtlCsvReader reader = new JtlCsvReader(fileName, sink, null, false);
        reader.rowsFromBytes = rowsFromBytes;
        reader.source = in;
        reader.readHeader();
        if (reader.header.note != null) {
            diagnostics.info(reader.header.note);
        }
        reader.readRows();
        return reader.finish(diagnostics);
    }

    /**
     * Reads a plain CSV JTL file in the parts the plan cuts its rows into, a thread each (see
     * {@link FileInParts}).
     *
     * @return what was read; empty when the file is to be read on one thread, {@code collector} unchanged
     */
    static Optional<SourceReading> readInParts(FileChannel channel, FileInParts.Plan plan, String fileName,
            ResultsCollector collector, Diagnostics diagnostics) throws IOException {
        JtlCsvReader headerReader = new JtlCsvReader(fileName, collector.emptyPart(), null, true);
        headerReader.source = new RangeInput(channel, 0, channel.size(), new AtomicBoolean());
        try {
            headerReader.readHeader();
        } catch (BadInputException e) {
            return Optional.empty(); // one reader tells it
        }
        if (headerReader.lineFeeds != 1 || headerReader.start == headerReader.end) {
            return Optional.empty(); // a header line that ends in a lone CR, or no rows after it
        }
        Header header = headerReader.header;
        long[] cuts = plan.cuts(channel, headerReader.start, channel.size());
        if (cuts.length < 3) {
            return Optional.empty();
        }
        return FileInParts.read(channel, cuts, collector, (index, sink, cancelled) -> {
            JtlCsvReader part = new JtlCsvReader(fileName, sink, header, true);
            if (index == 0) {
                part.lines = 1; // the header line, read before
                part.lineFeeds = 1;
                part.lastByteBefore = '\n';
            }
            return part;
        }, diagnostics);
    }

    @Override
    public void read(InputStream part, boolean last) throws IOException {
        source = part;
        lastPart = last;
        readRows();
    }

    @Override
    public void absorb(JtlCsvReader later) {
        if (later.cutEnd != null) {
            cutEnd = later.cutEnd.after(lineFeeds, vocabulary.samples());
        }
        lineFeeds += later.lineFeeds;
        compressedCut |= later.compressedCut;
        vocabulary.absorb(later.vocabulary);
    }

    @Override
    public SourceReading finish(Diagnostics diagnostics) {
        if (inParts && header.note != null) {
            diagnostics.info(header.note);
        }
        if (cutEnd != null) {
            diagnostics.warning(cutEndText(cutEnd));
        }
        if (compressedCut) {
            diagnostics.warning(fileName + ": its compressed data ends early (JMeter stopped while writing?); the "
                    + vocabulary.samples() + " complete row(s) before the cut were read");
        }
        return vocabulary.reading();
    }

    private String cutEndText(CutEnd end) {
        return switch (end.kind()) {
            case SHORT_ROW -> fileName + " line " + end.line() + ": the last row has " + end.fields() + " of "
                    + header.columnCount + " fields (JMeter stopped while writing?); it was skipped, the "
                    + end.samples() + " row(s) before it were read";
            case NO_LINE_BREAK -> fileName + " line " + end.line() + ": the last row has no line break after it"
                    + " (JMeter stopped while writing?); it was skipped, as its last field may be cut short, the "
                    + end.samples() + " row(s) before it were read";
            case OPEN_QUOTE -> fileName + " line " + end.line() + ": the file ends inside the quoted field that opens"
                    + " at line " + end.openedLine() + (end.openedColumn() > 0 ? ", column " + end.openedColumn() : "")
                    + " (JMeter stopped while writing?); that last row was skipped, the " + end.samples()
                    + " row(s) before it were read";
        };
    }

    // --- the bytes ---

    /**
     * Reads more bytes behind those not read yet, moving these to the buffer's start.
     *
     * @return false at the end of the bytes, or when the buffer is full of one record
     */
    private boolean fill() throws IOException {
        if (sourceEnded) {
            return false;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            return false;
        }
        int read;
        try {
            read = source.read(buffer, end, buffer.length - end);
        } catch (EOFException e) {
            compressedCut = true; // gzip data cut short reads as the end, as in TrackedInput
            read = -1;
        }
        if (read < 0) {
            sourceEnded = true;
            return false;
        }
        end += read;
        return true;
    }

    /** Reads the header line (up to a line feed, a CR LF or a lone CR, as a line reader ends lines). */
    private void readHeader() throws IOException {
        int i = start;
        while (true) {
            while (i < end && buffer[i] != '\n' && buffer[i] != '\r') {
                i++;
            }
            if (i < end && (buffer[i] == '\n' || i + 1 < end || sourceEnded)) {
                break; // a line break, and for a CR whether a line feed follows is known
            }
            if (i - start >= RecordBound.MAX_RECORD_BYTES) {
                throw new BadInputException(SourceLocation.ofLine(fileName, 1), "the header line is longer than "
                        + RecordBound.LIMIT_TEXT + "; a JTL header names some twenty columns");
            }
            if (end == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int before = start;
            if (!fill()) {
                if (i < end) {
                    break; // a CR at the very end
                }
                if (end == 0) {
                    throw new BadInputException(SourceLocation.ofFile(fileName), "the file is empty");
                }
                useHeader(headerText(start, end)); // the header is all there is
                start = end;
                lines = 1;
                return;
            }
            i -= before - start;
        }
        useHeader(headerText(start, i));
        boolean crLf = buffer[i] == '\r' && i + 1 < end && buffer[i + 1] == '\n';
        start = crLf ? i + 2 : i + 1;
        lines = 1;
        lineFeeds = buffer[start - 1] == '\n' ? 1 : 0;
        lastByteBefore = buffer[start - 1];
    }

    private Header headerText(int from, int to) {
        String text = new String(buffer, from, to - from, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return Header.of(text, fileName);
    }

    private void readRows() throws IOException {
        while (rowsFromBytes) {
            int next = start < end ? fastRow(start, end) : NEED_MORE;
            if (next >= 0) {
                acceptRow(lines + 1);
                lines += rowBreaks;
                lineFeeds += rowBreaks;
                lastByteBefore = '\n';
                start = next;
                continue;
            }
            if (next == NEED_MORE && fill()) {
                continue;
            }
            break;
        }
        jacksonRows();
    }

    /**
     * Reads the row starting at {@code from} when it has JMeter's shape (see the class comment) into the
     * field places.
     *
     * @return the index after the row's line break; {@link #NEED_MORE} when the bytes end before that is
     *         known; {@link #OTHER_SHAPE} for a row of another shape
     */
    private int fastRow(int from, int limit) {
        byte[] bytes = buffer;
        byte delimiter = (byte) header.delimiter;
        long delimiters = delimiterWord;
        int columns = header.columnCount;
        int count = 0;
        int breaks = 0;
        int i = from;
        while (true) {
            if (i >= limit) {
                return NEED_MORE;
            }
            int fieldStart;
            int fieldEnd;
            boolean escaped = false;
            if (bytes[i] == '"') {
                int j = i + 1;
                while (true) {
                    j = nextSpecial(bytes, j, limit, QUOTES);
                    if (j < 0) {
                        return NEED_MORE;
                    }
                    byte b = bytes[j];
                    if (b == '"') {
                        if (j + 1 >= limit) {
                            return NEED_MORE;
                        }
                        if (bytes[j + 1] == '"') {
                            escaped = true;
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    if (b == '\r') {
                        return OTHER_SHAPE;
                    }
                    breaks++; // a line feed inside the quotes
                    j++;
                }
                fieldStart = i + 1;
                fieldEnd = j;
                i = j + 1;
            } else {
                int j = nextSpecial(bytes, i, limit, delimiters);
                if (j < 0) {
                    return NEED_MORE;
                }
                if (bytes[j] == '"') {
                    return OTHER_SHAPE;
                }
                fieldStart = i;
                fieldEnd = j;
                i = j;
            }
            if (count < columns) {
                fieldStarts[count] = fieldStart;
                fieldEnds[count] = fieldEnd;
                fieldEscaped[count] = escaped;
            }
            count++;
            if (i >= limit) {
                return NEED_MORE;
            }
            byte after = bytes[i];
            if (after == delimiter) {
                i++;
                continue;
            }
            if (after == '\r') {
                if (i + 1 >= limit) {
                    return NEED_MORE;
                }
                if (bytes[i + 1] != '\n') {
                    return OTHER_SHAPE;
                }
                i++;
                after = '\n';
            }
            if (after == '\n') {
                breaks++;
                i++;
                break;
            }
            return OTHER_SHAPE; // a quoted field followed by more than a delimiter
        }
        if (count != columns) {
            return OTHER_SHAPE;
        }
        if (i >= limit) {
            return NEED_MORE;
        }
        byte next = bytes[i];
        if (next < 0x21 || next > 0x7e) {
            return OTHER_SHAPE; // a blank line, the end, or a row that is not JMeter's: Jackson tells what follows
        }
        rowBreaks = breaks;
        rowFromBytes = true;
        return i;
    }

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LINE_FEEDS = ONES * '\n';
    private static final long CARRIAGE_RETURNS = ONES * '\r';
    private static final long QUOTE_MARKS = ONES * '"';
    /** What ends a quoted field's run: a quote (closing, or doubled), a line feed, a carriage return. */
    private static final long QUOTES = QUOTE_MARKS;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    /**
     * The index of the first byte in {@code [from, limit)} that is a line feed, a carriage return, a quote or
     * (unless {@code delimiters} is {@link #QUOTES}) the delimiter, -1 when there is none; eight bytes at a
     * time. The lowest byte a word flags is always a true one.
     */
    private static int nextSpecial(byte[] bytes, int from, int limit, long delimiters) {
        int i = from;
        for (; i + Long.BYTES <= limit; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long found = zeroBytes(word ^ LINE_FEEDS) | zeroBytes(word ^ CARRIAGE_RETURNS) | zeroBytes(word ^ QUOTE_MARKS)
                    | zeroBytes(word ^ delimiters);
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        byte delimiter = (byte) delimiters;
        for (; i < limit; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r' || b == '"' || b == delimiter) {
                return i;
            }
        }
        return -1;
    }

    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGHS;
    }

    // --- Jackson's CSV parser, from the first row of another shape on ---

    private void jacksonRows() throws IOException {
        InputStream after = sourceEnded ? InputStream.nullInputStream() : source;
        InputStream rest = start < end
                ? new SequenceInputStream(new ByteArrayInputStream(buffer, start, end - start), after) : after;
        TrackedInput input = new TrackedInput(rest, lineFeeds, lastByteBefore, false, compressedCut);
        buffer = null; // Jackson's buffers take over
        RecordBound bound = new RecordBound(input);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(header.delimiter).withQuoteChar('"');
        Reader reader = new InputStreamReader(bound, StandardCharsets.UTF_8);
        try (CsvParser parser = CSV.createParser(reader)) {
            parser.setSchema(schema);
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            readRows(parser, bound, input, lines);
        }
        compressedCut = input.compressedCut();
        lineFeeds = input.lastLineNumber() - 1;
        if (inParts && input.carriageReturnsAlone() > 0) {
            // Jackson counts a lone CR as a line break, the parts' lines do not: one reader tells the lines.
            throw new PartNotAligned("a carriage return without a line feed");
        }
    }

    /**
     * @param lineOffset lines of the file before the parser's first line
     */
    private void readRows(CsvParser parser, RecordBound bound, TrackedInput input, long lineOffset)
            throws IOException {
        long rowLine = 0;
        rowFromBytes = false;
        try {
            JsonToken token;
            parser.nextToken(); // the START_ARRAY around all rows
            bound.startRecord();
            token = parser.nextToken();
            while (token == JsonToken.START_ARRAY) {
                bound.startRecord();
                int count = 0;
                String first = null;
                rowLine = 0;
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (rowLine == 0) {
                        rowLine = parser.currentTokenLocation().getLineNr() + lineOffset;
                    }
                    String text = parser.getText();
                    if (count < header.columnCount) {
                        fieldTexts[count] = text;
                    }
                    if (count == 0) {
                        first = text;
                    }
                    count++;
                }
                // One row ahead: the last row is read only when JMeter finished writing it.
                token = parser.nextToken();
                boolean last = token != JsonToken.START_ARRAY;
                if (count == 1 && first.isBlank()) {
                    continue; // a blank line
                }
                if (count != header.columnCount) {
                    if (count < header.columnCount && last) {
                        endOfPart("the part ends in a short row");
                        cutEnd = new CutEnd(EndKind.SHORT_ROW, rowLine, count, 0, 0, vocabulary.samples());
                        return;
                    }
                    throw new BadInputException(SourceLocation.ofLine(fileName, rowLine), "the row has "
                            + count + " fields but the header names " + header.columnCount + " columns");
                }
                if (last && !input.endsWithLineBreak()) {
                    // JMeter ends every row with a line break; without it, the last field may be cut short.
                    endOfPart("the part ends without a line break");
                    cutEnd = new CutEnd(EndKind.NO_LINE_BREAK, rowLine, count, 0, 0, vocabulary.samples());
                    return;
                }
                acceptRow(rowLine);
            }
        } catch (JsonProcessingException e) {
            if (isUnclosedQuote(e)) {
                unclosedQuote(parser.currentTokenLocation(), e, input, lineOffset);
                return;
            }
            long line = e.getLocation() == null ? rowLine : e.getLocation().getLineNr() + lineOffset;
            int column = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNr());
            throw new BadInputException(new SourceLocation(fileName, line, column), "is not valid CSV: "
                    + ParserText.problem(e.getOriginalMessage(), lineOffset), e);
        } catch (RecordBound.TooLong e) {
            long line = rowLine > 0 ? rowLine : parser.currentLocation().getLineNr() + lineOffset;
            throw new BadInputException(SourceLocation.ofLine(fileName, line), "the row is longer than "
                    + RecordBound.LIMIT_TEXT + " (a field without its closing quote takes the rest of the file into "
                    + "one row); JMeter's rows are short");
        }
    }

    /** The end of a part before the file's end looks cut off: the part does not end at a row's end. */
    private void endOfPart(String why) {
        if (!lastPart) {
            throw new PartNotAligned(why);
        }
    }

    private static boolean isUnclosedQuote(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        return message != null && message.startsWith("Missing closing quote");
    }

    /**
     * A quoted field that is still open at the end of the file. Where the file does not end with a line
     * break, JMeter stopped in the middle of writing a quoted message: the row is cut off, like a row with
     * too few fields. Otherwise the quote is unbalanced, and the rest of the file would read as one field.
     *
     * @param opened where the parser started the field: the quote
     */
    private void unclosedQuote(JsonLocation opened, JsonProcessingException e, TrackedInput input, long lineOffset) {
        endOfPart("the part ends inside a quoted field");
        long line = opened == null || opened.getLineNr() <= 0 ? 0 : opened.getLineNr() + lineOffset;
        int column = opened == null ? 0 : Math.max(0, opened.getColumnNr());
        if (input.ended() && !input.endsWithLineBreak()) {
            cutEnd = new CutEnd(EndKind.OPEN_QUOTE, input.lastLineNumber(), 0, line, column, vocabulary.samples());
            return;
        }
        throw new BadInputException(new SourceLocation(fileName, line, column), "the quote that opens this field"
                + " is never closed (an unbalanced quote), so the rest of the file would read as one field; a quote"
                + " inside a quoted field is written twice (\"\")", e);
    }

    // --- one row, from the bytes or from Jackson's texts ---

    private void acceptRow(long line) {
        long timeStamp = timeStamp(line);
        long elapsed = amount(header.elapsed, DURATION, line);
        if (elapsed == JmeterVocabulary.ABSENT) {
            throw missing(header.name(header.elapsed), line);
        }
        String timeProblem = JmeterSample.timeProblem(header.timeStampField, timeStamp, elapsed);
        if (timeProblem != null) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line), timeProblem);
        }
        String label = rowFromBytes ? interned(labels, header.label) : fieldTexts[header.label];
        Boolean success = success(line);
        String responseCode = header.responseCode < 0 ? null
                : rowFromBytes ? interned(codes, header.responseCode) : fieldTexts[header.responseCode];
        boolean transaction = isTransaction(header.responseMessage);
        long latency = amount(header.latency, DURATION, line);
        long connect = amount(header.connect, DURATION, line);
        long bytes = amount(header.bytes, SIZE, line);
        long sentBytes = amount(header.sentBytes, SIZE, line);
        long allThreads = amount(header.allThreads, THREAD_COUNT, line);
        try {
            vocabulary.accept(label, timeStamp, elapsed, success, responseCode, transaction, latency, connect, bytes,
                    sentBytes, allThreads);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line), e.getMessage(), e);
        }
    }

    /** The field's text, as Jackson reads it; null for a column that is not saved. */
    private String text(int column) {
        if (column < 0) {
            return null;
        }
        if (!rowFromBytes) {
            return fieldTexts[column];
        }
        String text = new String(buffer, fieldStarts[column], fieldEnds[column] - fieldStarts[column],
                StandardCharsets.UTF_8);
        return fieldEscaped[column] ? text.replace("\"\"", "\"") : text;
    }

    private String interned(InternedText table, int column) {
        if (fieldEscaped[column]) {
            return text(column);
        }
        return table.of(buffer, fieldStarts[column], fieldEnds[column]);
    }

    /** The field as a whole number when it is plain digits read from the bytes (at most 18); else {@link #NOT_PLAIN}. */
    private long plainNumber(int column) {
        if (!rowFromBytes || fieldEscaped[column]) {
            return NOT_PLAIN;
        }
        int from = fieldStarts[column];
        int to = fieldEnds[column];
        if (to == from || to - from > 18) {
            return NOT_PLAIN;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = buffer[i] - '0';
            if (digit < 0 || digit > 9) {
                return NOT_PLAIN;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private boolean fieldEmpty(int column) {
        return rowFromBytes ? fieldEnds[column] == fieldStarts[column] : fieldTexts[column].isEmpty();
    }

    private boolean isTransaction(int column) {
        if (column < 0) {
            return false;
        }
        if (rowFromBytes && !fieldEscaped[column]) {
            return JmeterSample.isTransactionMessage(buffer, fieldStarts[column], fieldEnds[column]);
        }
        String responseMessage = text(column);
        return responseMessage.contains(TRANSACTION_MESSAGE_START) && JmeterSample.isTransactionMessage(responseMessage);
    }

    private long timeStamp(long line) {
        long plain = plainNumber(header.timeStamp);
        if (plain != NOT_PLAIN) {
            return plain;
        }
        String text = text(header.timeStamp).strip();
        if (text.isEmpty()) {
            throw missing(header.name(header.timeStamp), line);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line), "timeStamp '" + text + "' is not epoch"
                    + " milliseconds; perfgate reads JMeter's default format (jmeter.save.saveservice.timestamp_format=ms)");
        }
    }

    private Boolean success(long line) {
        int column = header.success;
        if (column < 0) {
            return null;
        }
        if (rowFromBytes && !fieldEscaped[column]) {
            int from = fieldStarts[column];
            int length = fieldEnds[column] - from;
            // JMeter writes exactly these; anything else takes the careful way below.
            if (length == 4 && buffer[from] == 't' && buffer[from + 1] == 'r' && buffer[from + 2] == 'u'
                    && buffer[from + 3] == 'e') {
                return Boolean.TRUE;
            }
            if (length == 5 && buffer[from] == 'f' && buffer[from + 1] == 'a' && buffer[from + 2] == 'l'
                    && buffer[from + 3] == 's' && buffer[from + 4] == 'e') {
                return Boolean.FALSE;
            }
        }
        String text = text(column);
        if (text.equals("true")) {
            return Boolean.TRUE;
        }
        if (text.equals("false")) {
            return Boolean.FALSE;
        }
        if (text.isBlank()) {
            return null;
        }
        if (text.strip().equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.strip().equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new BadInputException(SourceLocation.ofLine(fileName, line), "column " + header.name(column)
                + ": '" + text + "' is neither true nor false");
    }

    /**
     * A whole number of 0 or more, {@link JmeterVocabulary#ABSENT} for a column not saved or blank; {@code what}
     * it is names it in the message when it is negative.
     */
    private long amount(int column, String what, long line) {
        if (column < 0) {
            return JmeterVocabulary.ABSENT;
        }
        long plain = plainNumber(column);
        if (plain != NOT_PLAIN) {
            return plain;
        }
        if (fieldEmpty(column)) {
            return JmeterVocabulary.ABSENT;
        }
        String text = text(column);
        if (text.isBlank()) {
            return JmeterVocabulary.ABSENT;
        }
        long value;
        try {
            value = Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line), "column " + header.name(column) + ": '"
                    + text + "' is not a whole number");
        }
        if (value < 0) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line),
                    JmeterSample.negativeProblem("column " + header.name(column), value, what));
        }
        return value;
    }

    private BadInputException missing(String column, long line) {
        return new BadInputException(SourceLocation.ofLine(fileName, line), "column " + column + " is empty");
    }

    /**
     * Strings made once per distinct UTF-8 value (labels, response codes), found by their bytes; a value of
     * up to eight bytes by one word. At most {@value #CAPACITY} / 2 are kept, so values that never repeat
     * cannot grow memory: when full, it starts again empty.
     */
    private static final class InternedText {

        private static final int CAPACITY = 4096;

        private final byte[][] keys = new byte[CAPACITY][];
        private final long[] words = new long[CAPACITY];
        private final String[] texts = new String[CAPACITY];
        private int size;

        String of(byte[] bytes, int from, int to) {
            int length = to - from;
            long word = length <= Long.BYTES ? firstBytes(bytes, from, length) : 0;
            long mixed = length <= Long.BYTES ? word : longHash(bytes, from, to);
            mixed = (mixed ^ length) * 0x9E3779B97F4A7C15L;
            int start = (int) (mixed >>> 52) & (CAPACITY - 1);
            int slot = start;
            for (byte[] key = keys[slot]; key != null; key = keys[slot]) {
                if (key.length == length && (length <= Long.BYTES ? words[slot] == word
                        : Arrays.equals(key, 0, length, bytes, from, to))) {
                    return texts[slot];
                }
                slot = (slot + 1) & (CAPACITY - 1);
            }
            String text = new String(bytes, from, length, StandardCharsets.UTF_8);
            if (size >= CAPACITY / 2) {
                Arrays.fill(keys, null);
                Arrays.fill(texts, null);
                size = 0;
                slot = start;
            }
            keys[slot] = Arrays.copyOfRange(bytes, from, to);
            words[slot] = word;
            texts[slot] = text;
            size++;
            return text;
        }

        /** Up to eight bytes as one word, the bytes beyond them zero. */
        private static long firstBytes(byte[] bytes, int from, int length) {
            if (length == 0) {
                return 0;
            }
            if (from + Long.BYTES <= bytes.length) {
                long word = (long) LONGS.get(bytes, from);
                return length == Long.BYTES ? word : word & ((1L << (length << 3)) - 1);
            }
            long word = 0;
            for (int i = length - 1; i >= 0; i--) {
                word = word << 8 | (bytes[from + i] & 0xff);
            }
            return word;
        }

        private static long longHash(byte[] bytes, int from, int to) {
            long hash = 0;
            int i = from;
            for (; i + Long.BYTES <= to; i += Long.BYTES) {
                hash = (hash ^ (long) LONGS.get(bytes, i)) * 0x9E3779B97F4A7C15L;
            }
            for (; i < to; i++) {
                hash = (hash ^ bytes[i]) * 0x9E3779B97F4A7C15L;
            }
            return hash;
        }
    }
}
