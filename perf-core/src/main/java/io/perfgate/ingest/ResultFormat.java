package io.perfgate.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.ParserText;
import io.perfgate.diag.SourceLocation;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/** The results formats perfgate reads, told apart by their content, not their file name. */
public enum ResultFormat {
    /** k6 {@code --out json}: one JSON object per line, Metric and Point lines; plain or gzipped. */
    K6_NDJSON("k6-ndjson"),
    /** k6 {@code --summary-export}: pre-aggregated metrics, thresholds as {@code "p(95)<20": true} = failed. */
    K6_SUMMARY_EXPORT("k6-summary-export"),
    /** The {@code data} argument of k6's {@code handleSummary}, written as JSON: typed metrics with values. */
    K6_HANDLE_SUMMARY("k6-handle-summary"),
    /** JMeter JTL in CSV with a header line. */
    JMETER_CSV("jmeter-csv"),
    /** JMeter JTL in XML ({@code <testResults>}). */
    JMETER_XML("jmeter-xml");

    private static final int SNIFFED_BYTES = 8192;
    private static final JsonFactory JSON = new JsonFactory();

    private final String id;

    ResultFormat(String id) {
        this.id = id;
    }

    /** The name shown to users and written in reports, e.g. {@code k6-ndjson}. */
    public String id() {
        return id;
    }

    /** The format with this {@link #id()}. */
    public static ResultFormat fromId(String id) {
        for (ResultFormat format : values()) {
            if (format.id.equals(id)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown results format '" + id + "'");
    }

    /** Whether this format holds pre-aggregated statistics rather than samples. */
    public boolean isSummary() {
        return this == K6_SUMMARY_EXPORT || this == K6_HANDLE_SUMMARY;
    }

    /**
     * Tells a file's format from its first bytes (after gunzipping): {@code {"type":"Metric"} or
     * {@code {"metric"} for k6 NDJSON; a JSON object with {@code metrics} for a k6 summary (with
     * {@code state}, or metrics holding {@code type} and {@code values}, for handleSummary data);
     * {@code <?xml} or {@code <testResults} for a JTL in XML; a first line naming the columns
     * {@code timeStamp} and {@code elapsed} for a JTL in CSV.
     *
     * @throws BadInputException naming the file when it is none of these, empty or unreadable
     */
    public static ResultFormat detect(Path file) {
        return detect(file, file.toString());
    }

    /** As {@link #detect(Path)}, naming the file {@code name} in messages. */
    public static ResultFormat detect(Path file, String name) {
        String head;
        try (InputStream in = ResultFiles.open(file)) {
            head = new String(ResultFiles.readUpTo(in, SNIFFED_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ResultFiles.unreadable(name, e);
        }
        String text = stripLeadingBlank(head);
        if (text.isEmpty()) {
            throw new BadInputException(SourceLocation.ofFile(name), ResultFiles.isGzip(file)
                    ? "its gzip data holds nothing readable: the file is cut short or corrupt" : "the file is empty");
        }
        char first = text.charAt(0);
        if (first == '{') {
            if (isNdjson(text)) {
                return K6_NDJSON;
            }
            return detectSummary(file, name);
        }
        if (first == '<') {
            if (text.startsWith("<?xml") || text.startsWith("<testResults")) {
                return JMETER_XML;
            }
            throw unknown(name, text);
        }
        String firstLine = firstLine(text);
        String lower = firstLine.toLowerCase(Locale.ROOT);
        if (lower.contains("timestamp") && lower.contains("elapsed")) {
            return JMETER_CSV;
        }
        if (firstLine.matches("\\d{10,}[,;\t|]\\d+[,;\t|].*")) {
            throw new BadInputException(SourceLocation.ofLine(name, 1), "this looks like a JMeter CSV JTL without"
                    + " a header line; perfgate finds columns by name, so save the header"
                    + " (jmeter.save.saveservice.print_field_names=true)");
        }
        throw unknown(name, text);
    }

    private static String stripLeadingBlank(String text) {
        int start = 0;
        while (start < text.length() && (Character.isWhitespace(text.charAt(start)) || text.charAt(start) == '\uFEFF')) {
            start++;
        }
        return text.substring(start);
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).strip();
    }

    /** The first object's first field is {@code "metric"}, or {@code "type"} with Metric or Point. */
    private static boolean isNdjson(String text) {
        try (JsonParser parser = JSON.createParser(firstLine(text))) {
            if (parser.nextToken() != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.FIELD_NAME) {
                return false;
            }
            String field = parser.currentName();
            if (field.equals("metric")) {
                return true;
            }
            return field.equals("type") && parser.nextToken() == JsonToken.VALUE_STRING
                    && (parser.getText().equals("Metric") || parser.getText().equals("Point"));
        } catch (IOException e) {
            return false;
        }
    }

    private static ResultFormat detectSummary(Path file, String name) {
        boolean hasMetrics = false;
        boolean hasState = false;
        boolean metricsTyped = false;
        try (InputStream in = ResultFiles.open(file); JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw unknown(name, "");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("state")) {
                    hasState = true;
                } else if (field.equals("metrics") && value == JsonToken.START_OBJECT) {
                    hasMetrics = true;
                    metricsTyped = firstMetricIsTyped(parser);
                }
                parser.skipChildren();
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            SourceLocation location = at == null || at.getLineNr() <= 0 ? SourceLocation.ofFile(name)
                    : new SourceLocation(name, at.getLineNr(), Math.max(0, at.getColumnNr()));
            throw new BadInputException(location,
                    "starts like JSON but cannot be read as JSON: " + ParserText.problem(e.getOriginalMessage()), e);
        } catch (CharConversionException e) {
            // The parser tells the encoding from the first bytes; k6 writes UTF-8.
            throw new BadInputException(SourceLocation.ofFile(name), "is not UTF-8 text, as k6 writes it: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            // Not the JSON: the gzip data around it is cut short or corrupt, or the file cannot be read.
            throw ResultFiles.unreadable(name, e);
        }
        if (!hasMetrics) {
            throw new BadInputException(SourceLocation.ofFile(name), "is a JSON object without"
                    + " \"metrics\": neither k6 NDJSON (--out json) nor a k6 summary (--summary-export, handleSummary)");
        }
        return hasState || metricsTyped ? K6_HANDLE_SUMMARY : K6_SUMMARY_EXPORT;
    }

    /** Reads the whole {@code metrics} object; whether its first metric has {@code type} and {@code values}. */
    private static boolean firstMetricIsTyped(JsonParser parser) throws IOException {
        boolean first = true;
        boolean typed = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            JsonToken metric = parser.nextToken();
            if (first && metric == JsonToken.START_OBJECT) {
                boolean hasType = false;
                boolean hasValues = false;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    parser.nextToken();
                    hasType |= field.equals("type");
                    hasValues |= field.equals("values");
                    parser.skipChildren();
                }
                typed = hasType && hasValues;
            } else {
                parser.skipChildren();
            }
            first = false;
        }
        return typed;
    }

    private static BadInputException unknown(String name, String text) {
        String start = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return new BadInputException(SourceLocation.ofFile(name), "is not a results file perfgate reads (k6 NDJSON"
                + " from --out json, a k6 --summary-export or handleSummary JSON, a JMeter JTL in CSV with a header"
                + " or in XML); it starts with: " + printable(firstLine(start)));
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == 0xfffd) {
                out.append(String.format(Locale.ROOT, "\\x%02x", c & 0xff));
            } else {
                out.appendCodePoint(c);
            }
        });
        return "'" + out + "'";
    }
}
