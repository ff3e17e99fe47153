package io.perfgate.ingest;

import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunDuration;
import io.perfgate.stats.SampleSink;
import io.perfgate.stats.Tags;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Turns JMeter samples into k6 metrics and tags (the table in {@link io.perfgate.ingest}), so one
 * budget gates either tool. Also tracks the run's span: earliest start to latest
 * {@code timeStamp + elapsed}.
 */
final class JmeterVocabulary {

    static final String HTTP_REQS = "http_reqs";
    static final String HTTP_REQ_DURATION = "http_req_duration";
    static final String HTTP_REQ_FAILED = "http_req_failed";
    static final String HTTP_REQ_WAITING = "http_req_waiting";
    static final String HTTP_REQ_CONNECTING = "http_req_connecting";
    static final String DATA_RECEIVED = "data_received";
    static final String DATA_SENT = "data_sent";
    static final String VUS = "vus";
    static final String GROUP_DURATION = "group_duration";

    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** An amount that was not saved; amounts saved are never negative. */
    static final long ABSENT = -1;
    /** Most labels whose tags are remembered: a file with a label per row must not grow memory. */
    private static final int LABELS_REMEMBERED = 4096;
    /** Most response code and success combinations remembered per label. */
    private static final int TAG_SETS_PER_LABEL = 64;

    private final SampleSink sink;
    private final boolean[] declared = new boolean[Emitted.values().length];
    private final Map<String, LabelTags> tagsByLabel = new HashMap<>();
    private long samples;
    private long earliestStartMillis = Long.MAX_VALUE;
    private long latestEndMillis = Long.MIN_VALUE;

    /** The k6 metrics JMeter samples become. */
    private enum Emitted {
        REQS(HTTP_REQS, MetricType.COUNTER, MetricContents.DEFAULT),
        DURATION(HTTP_REQ_DURATION, MetricType.TREND, MetricContents.TIME),
        FAILED(HTTP_REQ_FAILED, MetricType.RATE, MetricContents.DEFAULT),
        WAITING(HTTP_REQ_WAITING, MetricType.TREND, MetricContents.TIME),
        CONNECTING(HTTP_REQ_CONNECTING, MetricType.TREND, MetricContents.TIME),
        RECEIVED(DATA_RECEIVED, MetricType.COUNTER, MetricContents.DATA),
        SENT(DATA_SENT, MetricType.COUNTER, MetricContents.DATA),
        THREADS(VUS, MetricType.GAUGE, MetricContents.DEFAULT),
        GROUP(GROUP_DURATION, MetricType.TREND, MetricContents.TIME);

        final String metric;
        final MetricType type;
        final MetricContents contents;

        Emitted(String metric, MetricType type, MetricContents contents) {
            this.metric = metric;
            this.type = type;
            this.contents = contents;
        }
    }

    /**
     * The tags of one label's samples, made once: a results file has millions of rows but few labels,
     * response codes and outcomes, so a row costs lookups, not a tag map.
     */
    private static final class LabelTags {
        Tags transaction;
        final String[] codes = new String[TAG_SETS_PER_LABEL];
        final Boolean[] successes = new Boolean[TAG_SETS_PER_LABEL];
        final Tags[] requests = new Tags[TAG_SETS_PER_LABEL];
        int size;
    }

    JmeterVocabulary(SampleSink sink) {
        this.sink = sink;
    }

    /** @throws IllegalArgumentException when the sink refuses a value (the caller names the line) */
    void accept(JmeterSample sample) {
        accept(sample.label(), sample.timeStampMillis(), sample.elapsedMillis(), sample.success(),
                sample.responseCode(), sample.transaction(), orAbsent(sample.latency()), orAbsent(sample.connect()),
                orAbsent(sample.bytes()), orAbsent(sample.sentBytes()), orAbsent(sample.allThreads()));
    }

    private static long orAbsent(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : ABSENT;
    }

    /**
     * One sample, its amounts {@link #ABSENT} when not saved.
     *
     * @param success null when not saved
     * @throws IllegalArgumentException when the sink refuses a value (the caller names the line)
     */
    void accept(String label, long timeStampMillis, long elapsedMillis, Boolean success, String responseCode,
            boolean transaction, long latency, long connect, long bytes, long sentBytes, long allThreads) {
        long nanos = timeStampMillis * NANOS_PER_MILLI;
        LabelTags labelTags = labelTags(label);
        if (transaction) {
            if (labelTags.transaction == null) {
                labelTags.transaction = Tags.of(Map.of("name", label, "group", label));
            }
            emit(Emitted.GROUP, labelTags.transaction, elapsedMillis, nanos);
        } else {
            Tags tags = requestTags(labelTags, label, responseCode, success);
            emit(Emitted.REQS, tags, 1, nanos);
            emit(Emitted.DURATION, tags, elapsedMillis, nanos);
            if (success != null) {
                emit(Emitted.FAILED, tags, success ? 0 : 1, nanos);
            }
            emitIfPresent(Emitted.WAITING, tags, latency, nanos);
            emitIfPresent(Emitted.CONNECTING, tags, connect, nanos);
            emitIfPresent(Emitted.RECEIVED, tags, bytes, nanos);
            emitIfPresent(Emitted.SENT, tags, sentBytes, nanos);
        }
        emitIfPresent(Emitted.THREADS, Tags.empty(), allThreads, nanos);
        samples++;
        earliestStartMillis = Math.min(earliestStartMillis, timeStampMillis);
        latestEndMillis = Math.max(latestEndMillis, timeStampMillis + elapsedMillis);
    }

    private LabelTags labelTags(String label) {
        LabelTags tags = tagsByLabel.get(label);
        if (tags == null) {
            if (tagsByLabel.size() >= LABELS_REMEMBERED) {
                tagsByLabel.clear();
            }
            tags = new LabelTags();
            tagsByLabel.put(label, tags);
        }
        return tags;
    }

    private static Tags requestTags(LabelTags labelTags, String label, String responseCode, Boolean success) {
        for (int i = 0; i < labelTags.size; i++) {
            if (Objects.equals(labelTags.successes[i], success) && Objects.equals(labelTags.codes[i], responseCode)) {
                return labelTags.requests[i];
            }
        }
        Map<String, String> tagValues = new TreeMap<>();
        tagValues.put("name", label);
        if (responseCode != null) {
            tagValues.put("status", responseCode);
        }
        if (success != null) {
            tagValues.put("expected_response", success.toString());
        }
        Tags tags = Tags.of(tagValues);
        if (labelTags.size < TAG_SETS_PER_LABEL) {
            labelTags.codes[labelTags.size] = responseCode;
            labelTags.successes[labelTags.size] = success;
            labelTags.requests[labelTags.size] = tags;
            labelTags.size++;
        }
        return tags;
    }

    private void emitIfPresent(Emitted metric, Tags tags, long value, long nanos) {
        if (value != ABSENT) {
            emit(metric, tags, value, nanos);
        }
    }

    private void emit(Emitted metric, Tags tags, double value, long nanos) {
        if (!declared[metric.ordinal()]) {
            declared[metric.ordinal()] = true;
            sink.declareMetric(metric.metric, metric.type, metric.contents);
        }
        sink.sample(metric.metric, tags, value, nanos);
    }

    /** Takes over the samples and span of the reader of a later part of the same file. */
    void absorb(JmeterVocabulary later) {
        samples += later.samples;
        earliestStartMillis = Math.min(earliestStartMillis, later.earliestStartMillis);
        latestEndMillis = Math.max(latestEndMillis, later.latestEndMillis);
    }

    /** JMeter samples read (requests and transactions). */
    long samples() {
        return samples;
    }

    double durationSeconds() {
        return samples == 0 ? 0 : (latestEndMillis - earliestStartMillis) / 1000.0;
    }

    SourceReading reading() {
        return new SourceReading(samples(), RunDuration.sampleSpan(durationSeconds()));
    }
}
