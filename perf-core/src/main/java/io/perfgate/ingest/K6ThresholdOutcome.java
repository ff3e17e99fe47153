package io.perfgate.ingest;

import io.perfgate.stats.SeriesKey;
import java.util.Objects;

/**
 * k6's own verdict on one of its thresholds, as a k6 summary records it.
 *
 * @param series     the metric or submetric, e.g. {@code http_req_duration{name:slow}}
 * @param expression the threshold as written in the script, e.g. {@code p(99)<50}
 * @param passed     whether k6 found the threshold met
 */
public record K6ThresholdOutcome(SeriesKey series, String expression, boolean passed) {

    public K6ThresholdOutcome {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(expression, "expression");
    }
}
