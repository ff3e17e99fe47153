package io.perfgate.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.SampleSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads a JMeter JTL in CSV. The first line is the header; its delimiter (one of {@code , ; tab |})
 * is the one that makes both {@code timeStamp} and {@code elapsed} column names. Columns are found by
 * name (case-insensitive), so any {@code jmeter.save.saveservice.*} choice of columns works as long
 * as {@code timeStamp}, {@code elapsed} and {@code label} are saved. Quoted fields may span lines, with
 * {@code ""} for a quote (Jackson's CSV parser); messages name the line where a row starts.
 * {@code timeStamp} must be epoch milliseconds (JMeter's default); a date-formatted one is an error.
 * A last row cut short (JMeter stopped while writing) is a warning; any other malformed row an error.
 */
final class JtlCsvReader {

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final CsvFactory CSV = new CsvFactory();

    private final String fileName;
    private final Diagnostics diagnostics;
    private final JmeterVocabulary vocabulary;
    private Map<String, Integer> columns;
    private String[] headerNames;
    private int columnCount;

    private JtlCsvReader(String fileName, SampleSink sink, Diagnostics diagnostics) {
        this.fileName = fileName;
        this.diagnostics = diagnostics;
        this.vocabulary = new JmeterVocabulary(sink);
    }

    static SourceReading read(InputStream in, String fileName, SampleSink sink, Diagnostics diagnostics)
            throws IOException {
        JtlCsvReader reader = new JtlCsvReader(fileName, sink, diagnostics);
        reader.readAll(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16));
        return reader.vocabulary.reading();
    }

    private void readAll(BufferedReader in) throws IOException {
        String header = in.readLine();
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
            readRows(parser);
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

    private void readRows(CsvParser parser) throws IOException {
        List<String> fields = new ArrayList<>(columnCount);
        long rowLine = 0;
        JsonToken token;
        try {
            token = parser.nextToken(); // the START_ARRAY around all rows
            while ((token = parser.nextToken()) == JsonToken.START_ARRAY) {
                fields.clear();
                rowLine = 0;
                while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                    if (rowLine == 0) {
                        rowLine = parser.currentTokenLocation().getLineNr() + 1L;
                    }
                    fields.add(parser.getText());
                }
                if (fields.size() == 1 && fields.get(0).isBlank()) {
                    continue; // a blank line
                }
                if (fields.size() != columnCount) {
                    if (fields.size() < columnCount && parser.nextToken() != JsonToken.START_ARRAY) {
                        diagnostics.warning(fileName + " line " + rowLine + ": the last row has " + fields.size()
                                + " of " + columnCount + " fields (JMeter stopped while writing?); it was skipped,"
                                + " the rows before it were read");
                        return;
                    }
                    throw new BadInputException(SourceLocation.ofLine(fileName, rowLine), "the row has "
                            + fields.size() + " fields but the header names " + columnCount + " columns");
                }
                accept(fields, rowLine);
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? rowLine : e.getLocation().getLineNr() + 1L;
            throw new BadInputException(SourceLocation.ofLine(fileName, line), "is not valid CSV: "
                    + e.getOriginalMessage(), e);
        }
    }

    private void accept(List<String> fields, long line) {
        String responseMessage = optionalText(fields, "responsemessage");
        JmeterSample sample = new JmeterSample(
                fields.get(columns.get("label")),
                timeStamp(fields, line),
                wholeNumber(fields, "elapsed", line).orElseThrow(() -> missing(headerName("elapsed"), line)),
                success(fields, line),
                optionalText(fields, "responsecode"),
                JmeterSample.isTransactionMessage(responseMessage),
                wholeNumber(fields, "latency", line),
                wholeNumber(fields, "connect", line),
                wholeNumber(fields, "bytes", line),
                wholeNumber(fields, "sentbytes", line),
                wholeNumber(fields, "allthreads", line));
        try {
            vocabulary.accept(sample);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line), e.getMessage(), e);
        }
    }

    private long timeStamp(List<String> fields, long line) {
        String text = fields.get(columns.get("timestamp")).strip();
        if (text.isEmpty()) {
            throw missing(headerName("timestamp"), line);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BadInputException(SourceLocation.ofLine(fileName, line), "timeStamp '" + text + "' is not epoch"
                    + " milliseconds; perfgate reads JMeter's default format (jmeter.save.saveservice.timestamp_format=ms)");
        }
    }

    private Boolean success(List<String> fields, long line) {
        String text = optionalText(fields, "success");
        if (text == null || text.isBlank()) {
            return null;
        }
        if (text.strip().equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.strip().equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new BadInputException(SourceLocation.ofLine(fileName, line), "column " + headerName("success") + ": '"
                + text + "' is neither true nor false");
    }

    private String optionalText(List<String> fields, String column) {
        Integer index = columns.get(column);
        return index == null ? null : fields.get(index);
    }

    private OptionalLong wholeNumber(List<String> fields, String column, long line) {
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
    private String headerName(String column) {
        return headerNames[columns.get(column)].strip();
    }
}
