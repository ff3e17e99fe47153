package io.perfgate.regression;

/**
 * What one run of a k6 Rate metric counted: {@code events} of {@code total} samples were true, e.g.
 * 8 failed of 1,360 requests for {@code http_req_failed}, or 1,352 passed of 1,360 for {@code checks}.
 *
 * @param events how many samples were true (non-zero)
 * @param total  how many samples there were, at least one
 */
public record EventCount(long events, long total) {

    public EventCount {
        if (total < 1) {
            throw new IllegalArgumentException("a run needs at least one sample to count events, had " + total);
        }
        if (events < 0 || events > total) {
            throw new IllegalArgumentException("events must be within 0.." + total + ", was " + events);
        }
    }

    public double rate() {
        return (double) events / total;
    }
}
