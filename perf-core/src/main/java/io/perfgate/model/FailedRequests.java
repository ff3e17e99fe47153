package io.perfgate.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The failed requests behind a line ({@code http_req_failed} with the line's tag filter): how many, by
 * HTTP status, and the share that failed in the baseline. Errors that come back fast can hide in a
 * latency; timeouts can make it.
 *
 * @param requests     requests of the series in this run
 * @param failed       of them failed
 * @param baselineRate the share that failed in the baseline, the median of its runs; empty without one
 * @param baseline     what this run is compared with, e.g. {@code 5 runs of main}; present exactly when
 *                     {@code baselineRate} is
 * @param statuses     failed requests by status ({@code 0}: no response), most first, at most
 *                     {@value #STATUSES}; status texts come from the results and are untrusted
 * @param sentence     the sentence, see {@link #of}
 */
public record FailedRequests(long requests, long failed, OptionalDouble baselineRate, Optional<String> baseline,
        List<StatusCount> statuses, String sentence) implements Explanation {

    /** Most statuses named; the rest count as other. */
    public static final int STATUSES = 5;
    /** Most code points of a status in the sentence: JMeter's response codes can be whole messages. */
    static final int STATUS_LENGTH = 40;

    /** Failed requests of one status. */
    public record StatusCount(String status, long count) {

        public StatusCount {
            Objects.requireNonNull(status, "status");
            if (count < 1) {
                throw new IllegalArgumentException("a status counts at least one failed request, not " + count);
            }
        }
    }

    public FailedRequests {
        Objects.requireNonNull(baselineRate, "baselineRate");
        Objects.requireNonNull(baseline, "baseline");
        statuses = List.copyOf(statuses);
        Objects.requireNonNull(sentence, "sentence");
        if (requests < 0 || failed < 0 || failed > requests) {
            throw new IllegalArgumentException(failed + " of " + requests + " requests cannot have failed");
        }
        if (baselineRate.isPresent() != baseline.isPresent()) {
            throw new IllegalArgumentException("a baseline rate is given exactly when there is a baseline");
        }
        if (baselineRate.isPresent() && !(baselineRate.getAsDouble() >= 0 && baselineRate.getAsDouble() <= 1)) {
            throw new IllegalArgumentException("the baseline rate is not a share: " + baselineRate.getAsDouble());
        }
        if (statuses.size() > STATUSES) {
            throw new IllegalArgumentException("at most " + STATUSES + " statuses are named, not " + statuses.size());
        }
        if (statuses.stream().mapToLong(StatusCount::count).sum() > failed) {
            throw new IllegalArgumentException("the statuses count more than the " + failed + " failed requests");
        }
    }

    /** The failed requests of no status named: of further statuses, or without one. */
    public long otherFailures() {
        return failed - statuses.stream().mapToLong(StatusCount::count).sum();
    }

    /** The share of requests that failed. */
    public double rate() {
        return requests == 0 ? 0 : (double) failed / requests;
    }

    /**
     * The failures with their sentence: {@code failed requests 0.1% → 5.36% against the baseline of 5 runs of
     * main: 65 of 1212, by status 503 ×60, 0 (no response) ×4, other ×1}; without a baseline
     * {@code failed requests 5.36%: 65 of 1212, ...}.
     */
    public static FailedRequests of(long requests, long failed, OptionalDouble baselineRate, Optional<String> baseline,
            List<StatusCount> statuses) {
        FailedRequests counted = new FailedRequests(requests, failed, baselineRate, baseline, statuses, "");
        return new FailedRequests(requests, failed, baselineRate, baseline, statuses, counted.describe());
    }

    private String describe() {
        StringBuilder text = new StringBuilder("failed requests ");
        if (baseline.isPresent()) {
            text.append(ValueFormat.percent(baselineRate.getAsDouble())).append(" → ")
                    .append(ValueFormat.percent(rate())).append(" against the baseline of ").append(baseline.get());
        } else {
            text.append(ValueFormat.percent(rate()));
        }
        text.append(": ").append(failed).append(" of ").append(requests);
        if (!statuses.isEmpty()) {
            List<String> named = new ArrayList<>();
            for (StatusCount status : statuses) {
                String shown = UntrustedText.shorten(UntrustedText.oneLine(status.status()), STATUS_LENGTH);
                named.add((shown.equals("0") ? "0 (no response)" : shown) + " ×" + status.count());
            }
            if (otherFailures() > 0) {
                named.add("other ×" + otherFailures());
            }
            text.append(", by status ").append(String.join(", ", named));
        }
        return text.toString();
    }
}
