package io.perfgate.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.ParserText;
import io.perfgate.diag.SourceLocation;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.ReportedSeries;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the two pre-aggregated k6 formats: {@code --summary-export} and the {@code handleSummary}
 * data object written as JSON. Each metric and submetric (key {@code http_req_duration{name:fast}})
 * becomes a {@link ReportedSeries} with only the statistics present.
 *
 * <p>The summary export does not state metric types: they are told from the keys present
 * ({@code passes}/{@code fails} = rate, {@code value} = gauge, {@code count} with {@code rate} =
 * counter, otherwise trend), and contents are known only for k6's built-in metrics. The handleSummary
 * data states both. Threshold verdicts have opposite polarities: in the summary export
 * {@code {"p(95)<20": true}} means the threshold FAILED, in handleSummary data
 * {@code {"p(95)<20": {"ok": false}}} means it failed.
 *
 * <p>The run duration is {@code state.testRunDurationMs} in handleSummary data; the summary export
 * does not state it, so it is worked out from a counter as {@code count / rate} (the counter with the
 * largest count, for precision).
 */
final class K6SummaryReader {

    private static final JsonFactory JSON = new ObjectMapper().getFactory();

    /** k6's built-in metrics whose values are durations in ms or bytes; the summary export does not say. */
    private static final Set<String> TIME_METRICS = Set.of("http_req_duration", "http_req_blocked",
            "http_req_connecting", "http_req_tls_handshaking", "http_req_sending", "http_req_waiting",
            "http_req_receiving", "iteration_duration", "group_duration", "grpc_req_duration",
            "ws_connecting", "ws_session_duration", "ws_ping");
    private static final Set<String> DATA_METRICS = Set.of("data_sent", "data_received");

    /**
     * What a summary holds.
     *
     * @param series          one per metric and submetric
     * @param thresholds      k6's verdicts, in file order
     * @param durationSeconds the run's duration, when the file tells it
     */
    record Content(List<ReportedSeries> series, List<K6ThresholdOutcome> thresholds, OptionalDouble durationSeconds) {
    }

    private final String fileName;
    private final ResultFormat format;
    private final String sourceName;

    private K6SummaryReader(String fileName, ResultFormat format) {
        this.fileName = fileName;
        this.format = format;
        this.sourceName = (format == ResultFormat.K6_SUMMARY_EXPORT ? "the k6 summary export "
                : "the k6 handleSummary data ") + fileName;
    }

    /**
     * @param format {@link ResultFormat#K6_SUMMARY_EXPORT} or {@link ResultFormat#K6_HANDLE_SUMMARY}
     * @throws BadInputException naming file and line when the content is not such a summary
     */
    static Content read(InputStream in, String fileName, ResultFormat format) throws IOException {
        if (!format.isSummary()) {
            throw new IllegalArgumentException(format + " is not a k6 summary format");
        }
        return new K6SummaryReader(fileName, format).read(in);
    }

    private Content read(InputStream in) throws IOException {
        List<ReportedSeries> series = new ArrayList<>();
        List<K6ThresholdOutcome> thresholds = new ArrayList<>();
        OptionalDouble stateDuration = OptionalDouble.empty();
        boolean sawMetrics = false;
        RecordBound bound = new RecordBound(in);
        try (JsonParser parser = JSON.createParser(bound)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw bad(parser.currentTokenLocation(), "is not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("metrics") && value == JsonToken.START_OBJECT) {
                    sawMetrics = true;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String selector = parser.currentName();
                        JsonLocation location = parser.currentTokenLocation();
                        parser.nextToken();
                        JsonNode metric = readRecord(parser, bound, location, "metric " + selector);
                        readMetric(selector, metric, location, series, thresholds);
                    }
                } else if (field.equals("state") && value == JsonToken.START_OBJECT) {
                    JsonLocation location = parser.currentTokenLocation();
                    JsonNode state = readRecord(parser, bound, location, "\"state\"");
                    JsonNode duration = state.get("testRunDurationMs");
                    if (duration != null && !duration.isNull()) {
                        if (!duration.isNumber() || !(duration.asDouble() >= 0) || Double.isInfinite(duration.asDouble())) {
                            throw bad(location, "state.testRunDurationMs is " + duration + ", but k6 states the"
                                    + " test's duration there as a number of milliseconds, 0 or more");
                        }
                        stateDuration = OptionalDouble.of(duration.asDouble() / 1000);
                    }
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw bad(e.getLocation(), "is not valid JSON: " + ParserText.problem(e.getOriginalMessage()));
        } catch (CharConversionException e) {
            // The parser tells the encoding from the first bytes; k6 writes UTF-8.
            throw new BadInputException(SourceLocation.ofFile(fileName), "is not UTF-8 text, as k6 writes it: "
                    + e.getMessage(), e);
        }
        if (!sawMetrics) {
            throw new BadInputException(SourceLocation.ofFile(fileName), "has no \"metrics\" object");
        }
        OptionalDouble duration = stateDuration.isPresent() ? stateDuration : durationFromCounters(series);
        return new Content(List.copyOf(series), List.copyOf(thresholds), duration);
    }

    /** The value starting at the parser's token as a tree, which holds it whole: so no larger than a record. */
    private JsonNode readRecord(JsonParser parser, RecordBound bound, JsonLocation location, String what)
            throws IOException {
        bound.startRecord();
        try {
            return parser.readValueAsTree();
        } catch (RecordBound.TooLong e) {
            throw bad(location, what + " is longer than " + RecordBound.LIMIT_TEXT
                    + "; a k6 summary holds a few numbers per metric");
        } finally {
            bound.endRecord();
        }
    }

    private void readMetric(String selector, JsonNode metric, JsonLocation location, List<ReportedSeries> series,
            List<K6ThresholdOutcome> thresholds) {
        SeriesKey key;
        try {
            key = SeriesKey.parse(selector);
        } catch (IllegalArgumentException e) {
            throw bad(location, "metric key '" + selector + "': " + e.getMessage());
        }
        if (!metric.isObject()) {
            throw bad(location, "metric " + selector + " is not an object");
        }
        JsonNode values = format == ResultFormat.K6_HANDLE_SUMMARY ? metric.get("values") : metric;
        if (values == null || !values.isObject()) {
            throw bad(location, "metric " + selector + " has no \"values\" object");
        }
        MetricType type = format == ResultFormat.K6_HANDLE_SUMMARY ? statedType(metric, selector, location)
                : inferredType(values, selector, location);
        boolean stated = format == ResultFormat.K6_HANDLE_SUMMARY && metric.hasNonNull("contains");
        MetricContents contents = stated ? statedContents(metric, selector, location) : builtInContents(key.metric());
        boolean contentsKnown = stated || contents != MetricContents.DEFAULT;
        series.add(reported(key, type, contents, contentsKnown, values, location));
        readThresholds(key, metric.get("thresholds"), location, thresholds);
    }

    private MetricType statedType(JsonNode metric, String selector, JsonLocation location) {
        JsonNode type = metric.get("type");
        if (type == null || !type.isTextual()) {
            throw bad(location, "metric " + selector + " has no \"type\"");
        }
        try {
            return MetricType.fromK6Name(type.asText());
        } catch (IllegalArgumentException e) {
            throw bad(location, "metric " + selector + ": " + e.getMessage());
        }
    }

    private MetricContents statedContents(JsonNode metric, String selector, JsonLocation location) {
        try {
            return MetricContents.fromK6Name(metric.get("contains").asText());
        } catch (IllegalArgumentException e) {
            throw bad(location, "metric " + selector + ": " + e.getMessage());
        }
    }

    private MetricType inferredType(JsonNode values, String selector, JsonLocation location) {
        if (values.has("passes") || values.has("fails")) {
            return MetricType.RATE;
        }
        if (values.has("value")) {
            return MetricType.GAUGE;
        }
        if (values.has("count") && values.has("rate")) {
            return MetricType.COUNTER;
        }
        Iterator<String> names = values.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("thresholds") && statistic(name) != null) {
                return MetricType.TREND;
            }
        }
        throw bad(location, "metric " + selector + " holds none of the statistics k6 exports (avg, med, p(N),"
                + " count, rate, value, passes, fails), so its type cannot be told");
    }

    private static MetricContents builtInContents(String metric) {
        if (TIME_METRICS.contains(metric)) {
            return MetricContents.TIME;
        }
        return DATA_METRICS.contains(metric) ? MetricContents.DATA : MetricContents.DEFAULT;
    }

    private ReportedSeries reported(SeriesKey key, MetricType type, MetricContents contents, boolean contentsKnown,
            JsonNode values, JsonLocation location) {
        Map<Statistic, Double> statistics = new LinkedHashMap<>();
        OptionalLong passes = OptionalLong.empty();
        OptionalLong fails = OptionalLong.empty();
        for (Map.Entry<String, JsonNode> field : values.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("thresholds") || value.isNull()) {
                continue;
            }
            if (!value.isNumber()) {
                throw bad(location, key + " " + name + " is not a number: " + value);
            }
            if (!Double.isFinite(value.asDouble())) {
                throw bad(location, key + " " + name + " is too large for a number");
            }
            if (type == MetricType.RATE && name.equals("passes")) {
                passes = OptionalLong.of(sampleCount(key, name, value, location));
            } else if (type == MetricType.RATE && name.equals("fails")) {
                fails = OptionalLong.of(sampleCount(key, name, value, location));
            } else if (type == MetricType.RATE && name.equals("value")) {
                statistics.put(Statistic.RATE, share(key, name, value, location));
            } else {
                Statistic statistic = statistic(name);
                if (statistic != null) {
                    double number = type == MetricType.RATE && statistic.kind() == Statistic.Kind.RATE
                            ? share(key, name, value, location) : value.asDouble();
                    if (number < 0 && (contents == MetricContents.TIME || contents == MetricContents.DATA)) {
                        throw bad(location, key + " " + name + " is " + value + ", but " + key.metric() + " holds "
                                + (contents == MetricContents.TIME ? "durations" : "data sizes")
                                + ", which cannot be negative");
                    }
                    statistics.put(statistic, number);
                }
            }
        }
        OptionalLong samples = passes.isPresent() && fails.isPresent()
                ? OptionalLong.of(passes.getAsLong() + fails.getAsLong()) : OptionalLong.empty();
        if (type == MetricType.TREND && statistics.containsKey(Statistic.COUNT)) {
            samples = OptionalLong.of(Math.round(statistics.remove(Statistic.COUNT)));
        }
        return new ReportedSeries(key, type, contents, contentsKnown, statistics, samples,
                samples.isPresent() && type == MetricType.RATE ? passes : OptionalLong.empty(), sourceName);
    }

    /** A rate's value: the share of non-zero samples, which k6 counts as passes, from 0 to 1. */
    private double share(SeriesKey key, String name, JsonNode value, JsonLocation location) {
        double share = value.asDouble();
        if (!(share >= 0 && share <= 1)) {
            throw bad(location, key + " " + name + " is " + value + ", but the value of a rate metric is the share"
                    + " of its samples that were non-zero, from 0 to 1");
        }
        return share;
    }

    /** A rate's passes or fails: a whole number of samples, 0 or more. */
    private long sampleCount(SeriesKey key, String name, JsonNode value, JsonLocation location) {
        double count = value.asDouble();
        if (!(count >= 0) || count != Math.rint(count) || count > Long.MAX_VALUE) {
            throw bad(location, key + " " + name + " is " + value + ", but it counts samples: a whole number,"
                    + " 0 or more");
        }
        return value.asLong();
    }

    /** k6's statistic names; null for names that are not statistics. */
    static Statistic statistic(String name) {
        switch (name) {
            case "avg": return Statistic.AVG;
            case "min": return Statistic.MIN;
            case "max": return Statistic.MAX;
            case "med": return Statistic.MED;
            case "count": return Statistic.COUNT;
            case "rate": return Statistic.RATE;
            case "value": return Statistic.VALUE;
            default:
                if (name.startsWith("p(") && name.endsWith(")")) {
                    try {
                        return Statistic.percentile(Double.parseDouble(name.substring(2, name.length() - 1)));
                    } catch (IllegalArgumentException e) {
                        return null;
                    }
                }
                return null;
        }
    }

    private void readThresholds(SeriesKey key, JsonNode thresholds, JsonLocation location,
            List<K6ThresholdOutcome> outcomes) {
        if (thresholds == null || thresholds.isNull()) {
            return;
        }
        if (!thresholds.isObject()) {
            throw bad(location, key + " thresholds is not an object");
        }
        for (Map.Entry<String, JsonNode> threshold : thresholds.properties()) {
            JsonNode verdict = threshold.getValue();
            boolean passed;
            if (format == ResultFormat.K6_SUMMARY_EXPORT) {
                if (!verdict.isBoolean()) {
                    throw bad(location, key + " threshold '" + threshold.getKey() + "' is not true or false");
                }
                // The summary export records whether the threshold was crossed: true means it FAILED.
                passed = !verdict.asBoolean();
            } else {
                JsonNode ok = verdict.get("ok");
                if (ok == null || !ok.isBoolean()) {
                    throw bad(location, key + " threshold '" + threshold.getKey() + "' has no \"ok\": true/false");
                }
                passed = ok.asBoolean();
            }
            outcomes.add(new K6ThresholdOutcome(key, threshold.getKey(), passed));
        }
    }

    /** count / rate of the counter with the largest count: k6 computes each rate over the run duration. */
    private static OptionalDouble durationFromCounters(List<ReportedSeries> series) {
        double bestCount = 0;
        OptionalDouble duration = OptionalDouble.empty();
        for (ReportedSeries one : series) {
            if (one.type() != MetricType.COUNTER || one.key().isFiltered()) {
                continue;
            }
            Double count = one.values().get(Statistic.COUNT);
            Double rate = one.values().get(Statistic.RATE);
            if (count != null && rate != null && rate > 0 && count > bestCount) {
                bestCount = count;
                duration = OptionalDouble.of(count / rate);
            }
        }
        return duration;
    }

    private BadInputException bad(JsonLocation location, String problem) {
        long line = location == null ? 0 : Math.max(0, location.getLineNr());
        int column = location == null ? 0 : Math.max(0, location.getColumnNr());
        return new BadInputException(new SourceLocation(fileName, line, column), problem);
    }
}
