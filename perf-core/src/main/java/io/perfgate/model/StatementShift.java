package io.perfgate.model;

import io.perfgate.stats.MetricContents;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A database statement that moved against the baseline during the load: how often it ran per HTTP
 * request and how long it took per call, from {@code pg_stat_statements}, now and in the baseline runs.
 * The N+1 pattern shows as calls per request going from 0.4 to 100.7; a statement that appeared with a
 * code change is new since the baseline; a lost index shows in the mean time and in the plan. Statements
 * with the same normalized text count as one.
 *
 * @param queryId                 {@code pg_stat_statements.queryid} of the statement in this run (of its
 *                                busiest entry), to find it in the database
 * @param query                   the normalized text; untrusted, printed shortened and escaped
 * @param callsPerRequest         calls per HTTP request in this run
 * @param meanTimeMs              mean execution time per call in this run, milliseconds
 * @param baselineCallsPerRequest calls per request in the baseline, the median of its runs; 0 for a
 *                                statement the baseline did not run
 * @param baselineMeanTimeMs      the baseline's mean time per call; empty when it did not run the statement
 * @param planChange              how the statement's plan differs from the baseline's, e.g. {@code Index Scan
 *                                → Seq Scan on bookings}; empty when it does not, or either has no plan
 * @param baseline                what this run is compared with, e.g. {@code 5 runs of main}
 * @param sentence                the sentence, see {@link #of}
 */
public record StatementShift(long queryId, String query, double callsPerRequest, double meanTimeMs,
        double baselineCallsPerRequest, OptionalDouble baselineMeanTimeMs, Optional<String> planChange,
        String baseline, String sentence) implements Explanation {

    public StatementShift {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(baselineMeanTimeMs, "baselineMeanTimeMs");
        Objects.requireNonNull(planChange, "planChange");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(sentence, "sentence");
        nonNegative(callsPerRequest, "callsPerRequest");
        nonNegative(meanTimeMs, "meanTimeMs");
        nonNegative(baselineCallsPerRequest, "baselineCallsPerRequest");
        baselineMeanTimeMs.ifPresent(value -> nonNegative(value, "baselineMeanTimeMs"));
        if ((baselineCallsPerRequest == 0) != baselineMeanTimeMs.isEmpty()) {
            throw new IllegalArgumentException("the baseline has a mean time exactly when it ran the statement");
        }
    }

    private static void nonNegative(double value, String name) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a number of at least 0, not " + value);
        }
    }

    /** Whether the baseline did not run the statement at all. */
    public boolean newSinceBaseline() {
        return baselineMeanTimeMs.isEmpty();
    }

    /**
     * The shift with its sentence: {@code "SELECT name, email FROM guests WHERE id = $1": 0.4 → 100.7 calls per
     * request, mean 21 → 19 µs, against the baseline of 5 runs of main}, or for a statement the baseline did not
     * run {@code "SELECT ...": new since the baseline of 5 runs of main, 100.7 calls per request, mean 19 µs}; a
     * changed plan adds {@code ; the plan changed since the baseline (Index Scan → Seq Scan on bookings)}. The
     * text is put on one line and cut at {@value DatabaseSentence#QUERY_LENGTH} code points.
     */
    public static StatementShift of(long queryId, String query, double callsPerRequest, double meanTimeMs,
            double baselineCallsPerRequest, OptionalDouble baselineMeanTimeMs, Optional<String> planChange,
            String baseline) {
        StatementShift checked = new StatementShift(queryId, query, callsPerRequest, meanTimeMs,
                baselineCallsPerRequest, baselineMeanTimeMs, planChange, baseline, "");
        String text = DatabaseSentence.shortQuery(query);
        StringBuilder sentence = new StringBuilder("\"").append(text.isEmpty() ? "(text unknown, queryid " + queryId
                + ")" : text).append("\": ");
        if (checked.newSinceBaseline()) {
            String calls = ValueFormat.number(callsPerRequest);
            sentence.append("new since the baseline of ").append(baseline).append(", ").append(calls)
                    .append(calls.equals("1") ? " call" : " calls").append(" per request, mean ")
                    .append(ValueFormat.value(meanTimeMs, MetricContents.TIME, ""));
        } else {
            sentence.append(ValueFormat.number(baselineCallsPerRequest)).append(" → ")
                    .append(ValueFormat.number(callsPerRequest)).append(" calls per request, mean ")
                    .append(ChangeText.timePair(baselineMeanTimeMs.getAsDouble(), meanTimeMs))
                    .append(", against the baseline of ").append(baseline);
        }
        planChange.ifPresent(change -> sentence.append("; the plan changed since the baseline (")
                .append(UntrustedText.oneLine(change)).append(')'));
        return new StatementShift(queryId, query, callsPerRequest, meanTimeMs, baselineCallsPerRequest,
                baselineMeanTimeMs, planChange, baseline, sentence.toString());
    }
}
