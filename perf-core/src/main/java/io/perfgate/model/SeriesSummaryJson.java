package io.perfgate.model;

import com.fasterxml.jackson.core.JsonGenerator;
import io.perfgate.stats.CompressedHistogram;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The JSON fields of a {@link SeriesSummary}, the one place that names and orders them for both
 * {@code perf-report.json} and the history's run files, so the two cannot drift apart. Each format
 * writes the series key its own way (the report adds the {@code series} text) and then these fields:
 *
 * <pre>
 * "type": "trend", "contents": "time", "count": 1200, "rate": 40.0, "min": 1.2, "avg": 20.5, "med": 18.0,
 * "p90": 35.1, "p95": 41.0, "p99": 80.2, "max": 120.9, "errorRate": 0.001 | null,
 * "histogram": "&lt;base64 of HdrHistogram's compressed encoding&gt;" | null     (history only)
 * </pre>
 *
 * A value the source could not tell, or one that is not a finite number, is {@code null}. Reading goes
 * through {@link Fields}, which each format implements over its own JSON tree with its own messages.
 */
public final class SeriesSummaryJson {

    /** What a format keeps of a summary. */
    public enum Form {
        /** {@code perf-report.json}: the statistics, never the histogram. */
        REPORT,
        /** The history's run files: the statistics and the histogram. */
        HISTORY
    }

    public static final Map<String, MetricType> TYPES = words(MetricType.values(), MetricType::k6Name);
    public static final Map<String, MetricContents> CONTENTS = words(MetricContents.values(), MetricContents::k6Name);

    private SeriesSummaryJson() {
    }

    /** Writes the fields after the key into the object the generator is in. */
    public static void write(JsonGenerator json, SeriesSummary summary, Form form) throws IOException {
        json.writeStringField("type", summary.type().k6Name());
        json.writeStringField("contents", summary.contents().k6Name());
        writeStatistics(json, summary);
        if (form == Form.HISTORY) {
            if (summary.histogram().isPresent()) {
                json.writeFieldName("histogram");
                json.writeBinary(summary.histogram().get().bytes());
            } else {
                json.writeNullField("histogram");
            }
        }
    }

    /** Writes the statistics alone, {@code count} to {@code errorRate}: what a summary holds beyond its series. */
    public static void writeStatistics(JsonGenerator json, SeriesSummary summary) throws IOException {
        json.writeNumberField("count", summary.count());
        writeOptional(json, "rate", summary.rate());
        writeOptional(json, "min", summary.min());
        writeOptional(json, "avg", summary.avg());
        writeOptional(json, "med", summary.med());
        writeOptional(json, "p90", summary.p90());
        writeOptional(json, "p95", summary.p95());
        writeOptional(json, "p99", summary.p99());
        writeOptional(json, "max", summary.max());
        writeOptional(json, "errorRate", summary.errorRate());
    }

    /** Absent and non-finite values are {@code null}: JSON has no NaN, and 0 would be a lie. */
    private static void writeOptional(JsonGenerator json, String field, OptionalDouble value) throws IOException {
        if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
            json.writeNumberField(field, value.getAsDouble());
        } else {
            json.writeNullField(field);
        }
    }

    /**
     * Reads the fields {@link #write} wrote.
     *
     * @param key         the series, read by the format
     * @param typeIfAbsent the type of a summary written before {@code type} was (the report's rows are
     *                     trends); empty when the field is required
     */
    public static SeriesSummary read(SeriesKey key, Fields fields, Form form, Optional<MetricType> typeIfAbsent) {
        MetricType type = typeIfAbsent.isPresent() && !fields.has("type") ? typeIfAbsent.get()
                : fields.choice("type", TYPES);
        MetricContents contents = fields.choice("contents", CONTENTS);
        Optional<CompressedHistogram> histogram = Optional.empty();
        if (form == Form.HISTORY) {
            Optional<byte[]> bytes = fields.optionalBytes("histogram");
            if (bytes.isPresent()) {
                try {
                    histogram = Optional.of(CompressedHistogram.of(bytes.get()));
                } catch (IllegalArgumentException e) {
                    throw fields.problem("histogram", "must be the base64 of a compressed HdrHistogram: "
                            + e.getMessage());
                }
            }
        }
        return readStatistics(key, type, contents, fields, histogram);
    }

    /** Reads the statistics {@link #writeStatistics} wrote, of a series whose key, type and contents are known. */
    public static SeriesSummary readStatistics(SeriesKey key, MetricType type, MetricContents contents,
            Fields fields, Optional<CompressedHistogram> histogram) {
        long count = fields.count("count");
        OptionalDouble rate = fields.optionalNumber("rate");
        OptionalDouble min = fields.optionalNumber("min");
        OptionalDouble avg = fields.optionalNumber("avg");
        OptionalDouble med = fields.optionalNumber("med");
        OptionalDouble p90 = fields.optionalNumber("p90");
        OptionalDouble p95 = fields.optionalNumber("p95");
        OptionalDouble p99 = fields.optionalNumber("p99");
        OptionalDouble max = fields.optionalNumber("max");
        OptionalDouble errorRate = fields.optionalNumber("errorRate");
        return fields.build(() -> new SeriesSummary(key, type, contents, count, rate, min, avg, med, p90, p95, p99,
                max, errorRate, histogram));
    }

    /**
     * One JSON object's fields as a format reads them; each method throws that format's own problem,
     * naming the field, when the value does not fit.
     */
    public interface Fields {

        boolean has(String field);

        /** A string naming one of {@code words}. */
        <E> E choice(String field, Map<String, E> words);

        /** A whole number of at least 0. */
        long count(String field);

        /** A number, or empty for {@code null}. */
        OptionalDouble optionalNumber(String field);

        /** Base64 bytes, or empty for {@code null} or a missing field. */
        Optional<byte[]> optionalBytes(String field);

        /** A model object made of these fields, whose constructor checks how they fit together. */
        <T> T build(Supplier<T> constructor);

        RuntimeException problem(String field, String text);
    }

    private static <E> Map<String, E> words(E[] values, Function<E, String> word) {
        Map<String, E> words = new LinkedHashMap<>();
        for (E value : values) {
            words.put(word.apply(value), value);
        }
        return Collections.unmodifiableMap(words);
    }
}
