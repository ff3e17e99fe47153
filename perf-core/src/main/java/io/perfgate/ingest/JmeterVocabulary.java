package io.perfgate.ingest;

import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunDuration;
import io.perfgate.stats.SampleSink;
import io.perfgate.stats.Tags;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
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

    private final SampleSink sink;
    private final Set<String> declared = new HashSet<>();
    private long samples;
    private long earliestStartMillis = Long.MAX_VALUE;
    private long latestEndMillis = Long.MIN_VALUE;

    JmeterVocabulary(SampleSink sink) {
        this.sink = sink;
    }

    /** @throws IllegalArgumentException when the sink refuses a value (the caller names the line) */
    void accept(JmeterSample sample) {
        long nanos = sample.timeStampMillis() * NANOS_PER_MILLI;
        if (sample.transaction()) {
            Tags tags = Tags.of(Map.of("name", sample.label(), "group", sample.label()));
            emit(GROUP_DURATION, MetricType.TREND, MetricContents.TIME, tags, sample.elapsedMillis(), nanos);
        } else {
            Map<String, String> tagValues = new TreeMap<>();
            tagValues.put("name", sample.label());
            if (sample.responseCode() != null) {
                tagValues.put("status", sample.responseCode());
            }
            if (sample.success() != null) {
                tagValues.put("expected_response", sample.success().toString());
            }
            Tags tags = Tags.of(tagValues);
            emit(HTTP_REQS, MetricType.COUNTER, MetricContents.DEFAULT, tags, 1, nanos);
            emit(HTTP_REQ_DURATION, MetricType.TREND, MetricContents.TIME, tags, sample.elapsedMillis(), nanos);
            if (sample.success() != null) {
                emit(HTTP_REQ_FAILED, MetricType.RATE, MetricContents.DEFAULT, tags, sample.success() ? 0 : 1, nanos);
            }
            emitIfPresent(HTTP_REQ_WAITING, MetricType.TREND, MetricContents.TIME, tags, sample.latency(), nanos);
            emitIfPresent(HTTP_REQ_CONNECTING, MetricType.TREND, MetricContents.TIME, tags, sample.connect(), nanos);
            emitIfPresent(DATA_RECEIVED, MetricType.COUNTER, MetricContents.DATA, tags, sample.bytes(), nanos);
            emitIfPresent(DATA_SENT, MetricType.COUNTER, MetricContents.DATA, tags, sample.sentBytes(), nanos);
        }
        emitIfPresent(VUS, MetricType.GAUGE, MetricContents.DEFAULT, Tags.empty(), sample.allThreads(), nanos);
        samples++;
        earliestStartMillis = Math.min(earliestStartMillis, sample.timeStampMillis());
        latestEndMillis = Math.max(latestEndMillis, sample.timeStampMillis() + sample.elapsedMillis());
    }

    private void emitIfPresent(String metric, MetricType type, MetricContents contents, Tags tags, OptionalLong value,
            long nanos) {
        if (value.isPresent()) {
            emit(metric, type, contents, tags, value.getAsLong(), nanos);
        }
    }

    private void emit(String metric, MetricType type, MetricContents contents, Tags tags, double value, long nanos) {
        if (declared.add(metric)) {
            sink.declareMetric(metric, type, contents);
        }
        sink.sample(metric, tags, value, nanos);
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
