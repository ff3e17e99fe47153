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
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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
 */
final class JtlCsvReader {

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final String DURATION = "a duration";
    private static final String SIZE = "a size";
    private static final String THREAD_COUNT = "a thread count";
    private static final CsvFactory CSV = new CsvFactory();

    /** The text that starts every Transaction Controller message; other messages skip the full check. */
    private static final String TRANSACTION_MESSAGE_START = "Number of samples in transaction";

    private final String fileName;
    private final Diagnostics diagnostics;
    private final JmeterVocabulary vocabulary;
    private TrackedInput input;
    private Map<String, Integer> columns;
    private String[] headerNames;
    private int columnCount;
    // Positions of the columns read, found once from the header; -1 when not saved.
    private int timeStampColumn;
    private int elapsedColumn;
    private int labelColumn;
    private int successColumn;
    private int responseCodeColumn;
    private int responseMessageColumn;
    private int latencyColumn;
    private int connectColumn;
    private int bytesColumn;
    private int sentBytesColumn;
    private int allThreadsColumn;

    private JtlCsvReader(String fileName, SampleSink sink, Diagnostics diagnostics) {
        this.fileName = fileName;
        this.diagnostics = diagnostics;
        this.vocabulary = new JmeterVocabulary(sink);
    }

    static SourceReading read(InputStream in, String fileName, SampleSink sink, Diagnostics diagnostics)
            throws IOException {
        JtlCsvReader reader = new JtlCsvReader(fileName, sink, diagnostics);
        TrackedInput input = new TrackedInput(in);
        RecordBound bound = new RecordBound(input);
        reader.input = input;
        reader.readAll(bound, new BufferedReader(new InputStreamReader(bound, StandardCharsets.UTF_8), 1 << 16));
        if (input.compressedCut()) {
            diagnostics.warning(fileName + ": its compressed data ends early (JMeter stopped while writing?); the "
                    + reader.vocabulary.samples() + " complete row(s) before the cut were read");
        }
        return reader.vocabulary.reading();
    }

    /** Not read in parts yet: the caller reads the file on one thread. */
    static Optional<SourceReading> readInParts(FileChannel channel, FileInParts.Plan plan, String fileName,
            ResultsCollector collector, Diagnostics diagnostics) {
        return Optional.empty();
    }

    private void readAll(RecordBound bound, BufferedReader in) throws IOException {
        String header;
        bound.startRecord();
        try {
            header = in.readLine();
        } catch (RecordBound.TooLong e) {
            throw new BadInputException(SourceLocation.ofLine(fileName, 1), "the header line is longer than "
                    + RecordBound.LIMIT_TEXT + "; a JTL header names some twenty columns");
        }
        if (header == null) {
            throw new BadInputException(SourceLocation.ofFile(fileName), "the file is empty");
        }
        if (header.startsWith("\uFEFF")) {
            header = header.substring(1);
        }
        char delimiter = readHeader(header);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(delimiter).withQuoteChar('"');
        try (CsvParser parser = CSV.createParser(in)) {
            parser.setSchema(schema);
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            readRows(parser, bound);
        }
    }

    /** Finds the delimiter and the column positions. */
    private char readHeader(String header) {
        for (char delimiter : DELIMITERS) {
            String[] names = header.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1);
            Map<String, Integer> byName = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                byName.putIfAbsent(names[i].strip().toLowerCase(Locale.ROOT), i);
            }
            if (byName.containsKey("timestamp") && byName.containsKey("elapsed")) {
                if (!byName.containsKey("label")) {
                    throw new BadInputException(SourceLocation.ofLine(fileName, 1), "the header has no label"
                            + " column; perfgate needs timeStamp, elapsed and label (jmeter.save.saveservice.label=true)");
                }
                columns = byName;
                headerNames = names;
                columnCount = names.length;
                timeStampColumn = column("timestamp");
                elapsedColumn = column("elapsed");
                labelColumn = column("label");
                successColumn = column("success");
                responseCodeColumn = column("responsecode");
                responseMessageColumn = column("responsemessage");
                latencyColumn = column("latency");
                connectColumn = column("connect");
                bytesColumn = column("bytes");
                sentBytesColumn = column("sentbytes");
                allThreadsColumn = column("allthreads");
                if (!byName.containsKey("responsemessage")) {
                    diagnostics.info(fileName + ": no responseMessage column, so Transaction Controller rows cannot"
                            + " be told apart and count as requests");
                }
                return delimiter;
            }
        }
        throw new BadInputException(SourceLocation.ofLine(fileName, 1), "the first line is not a JTL header with"
                + " timeStamp and elapsed columns separated by ',', ';', tab or '|'");
    }

    private int column(String name) {
        Integer index = columns.get(name);
        return index == null ? -1 : index;
    }

    private void readRows(CsvParser parser, RecordBound bound) throws IOException {
        String[] fields = new String[columnCount];
        long rowLine = 0;
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
                        rowLine = parser.currentTokenLocation().getLineNr() + 1L;
                    }
                    String text = parser.getText();
                    if (count < columnCount) {
                        fields[count] = text;
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
                if (count != columnCount) {
                    if (count < columnCount && last) {
                        diagnostics.warning(fileName + " line " + rowLine + ": the last row has " + count
                                + " of " + columnCount + " fields (JMeter stopped while writing?); it was skipped,"
                                + " the " + vocabulary.samples() + " row(s) before it were read");
                        return;
                    }
                    throw new BadInputException(SourceLocation.ofLine(fileName, rowLine), "the row has "
                            + count + " fields but the header names " + columnCount + " columns");
                }
                if (last && !input.endsWithLineBreak()) {
                    // JMeter ends every row with a line break; without it, the last field may be cut short.
                    diagnostics.warning(fileName + " line " + rowLine + ": the last row has no line break after it"
                            + " (JMeter stopped while writing?); it was skipped, as its last field may be cut short,"
                            + " the " + vocabulary.samples() + " row(s) before it were read");
                    return;
                }
                accept(fields, rowLine);
            }
        } catch (JsonProcessingException e) {
            if (isUnclosedQuote(e)) {
                unclosedQuote(parser.currentTokenLocation(), e);
                return;
            }
            long line = e.getLocation() == null ? rowLine : e.getLocation().getLineNr() + 1L;
            int column = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getColumnNr());
            throw new BadInputException(new SourceLocation(fileName, line, column), "is not valid CSV: "
                    + ParserText.problem(e.getOriginalMessage(), 1), e);
        } catch (RecordBound.TooLong e) {
            long line = rowLine > 0 ? rowLine : parser.currentLocation().getLineNr() + 1L;
            throw new BadInputException(SourceLocation.ofLine(fileName, line), "the row is longer than "
                    + RecordBound.LIMIT_TEXT + " (a field without its closing quote takes the rest of the file into "
                    + "one row); JMeter's rows are short");
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
     * @param opened where the parser started the field: the quote (its lines count from the row after the header)
     */
    private void unclosedQuote(JsonLocation opened, JsonProcessingException e) {
        long line = opened == null || opened.getLineNr() <= 0 ? 0 : opened.getLineNr() + 1L;
        int column = opened == null ? 0 : Math.max(0, opened.getColumnNr());
        if (input.ended() && !input.endsWithLineBreak()) {
            diagnostics.warning(fileName + " line " + input.lastLineNumber() + ": the file ends inside the quoted"
                    + " field that opens at line " + line + (column > 0 ? ", column " + column : "")
                    + " (JMeter stopped while writing?); that last row was skipped, the "
                    + vocabulary.samples() + " row(s) before it were read");
            return;
        }
        throw new BadInputException(new SourceLocation(fileName, line, column), "the quote that opens this field"
                + " is never closed (an unbalanced quote), so the rest of the file would read as one field; a quote"
                + " inside a quoted field is written twice (\"\")", e);
    }

    private void accept(String[] fields, long line) {
        long timeStamp = timeStamp(fields, line);
        long elapsed = amount(fields, elapsedColumn, DURATION, line)
                .orElseThrow(() -> missing(headerName(elapsedColumn), line));
        String timeProblem = JmeterSample.timeProblem("column " + headerName(timeStampColumn), timeStamp, elapsed);
        if (timeProblem != null) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line), timeProblem);
        }
        JmeterSample sample = new JmeterSample(
                fields[labelColumn],
                timeStamp,
                elapsed,
                success(fields, line),
                optionalText(fields, responseCodeColumn),
                isTransaction(optionalText(fields, responseMessageColumn)),
                amount(fields, latencyColumn, DURATION, line),
                amount(fields, connectColumn, DURATION, line),
                amount(fields, bytesColumn, SIZE, line),
                amount(fields, sentBytesColumn, SIZE, line),
                amount(fields, allThreadsColumn, THREAD_COUNT, line));
        try {
            vocabulary.accept(sample);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line), e.getMessage(), e);
        }
    }

    private static boolean isTransaction(String responseMessage) {
        return responseMessage != null && responseMessage.contains(TRANSACTION_MESSAGE_START)
                && JmeterSample.isTransactionMessage(responseMessage);
    }

    private long timeStamp(String[] fields, long line) {
        String text = fields[timeStampColumn].strip();
        if (text.isEmpty()) {
            throw missing(headerName(timeStampColumn), line);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line), "timeStamp '" + text + "' is not epoch"
                    + " milliseconds; perfgate reads JMeter's default format (jmeter.save.saveservice.timestamp_format=ms)");
        }
    }

    private Boolean success(String[] fields, long line) {
        String text = optionalText(fields, successColumn);
        if (text == null) {
            return null;
        }
        // JMeter writes exactly these; anything else takes the careful way below.
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
        throw new BadInputException(SourceLocation.ofLine(fileName, line), "column " + headerName(successColumn)
                + ": '" + text + "' is neither true nor false");
    }

    private static String optionalText(String[] fields, int column) {
        return column < 0 ? null : fields[column];
    }

    /** A whole number of 0 or more; {@code what} it is names it in the message when it is negative. */
    private OptionalLong amount(String[] fields, int column, String what, long line) {
        OptionalLong value = wholeNumber(fields, column, line);
        String problem = value.isPresent()
                ? JmeterSample.negativeProblem("column " + headerName(column), value.getAsLong(), what) : null;
        if (problem != null) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line), problem);
        }
        return value;
    }

    private OptionalLong wholeNumber(String[] fields, int column, long line) {
        String text = optionalText(fields, column);
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line), "column " + headerName(column) + ": '"
                    + text + "' is not a whole number");
        }
    }

    private BadInputException missing(String column, long line) {
        return new BadInputException(SourceLocation.ofLine(fileName, line), "column " + column + " is empty");
    }

    /** The column's name as the header spells it. */
    private String headerName(int column) {
        return headerNames[column].strip();
    }
}
