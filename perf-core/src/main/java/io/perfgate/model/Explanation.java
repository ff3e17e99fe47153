package io.perfgate.model;

/**
 * Something that changed behind a failed or warned budget line, told in one sentence: where a latency's
 * time went ({@link PhaseSplit}), which requests failed ({@link FailedRequests}) and which database
 * statements moved ({@link StatementShift}), each against the baseline runs the regression rules use
 * where there are some. The gate makes the sentence once, so
 * every report prints the same one.
 */
public sealed interface Explanation permits PhaseSplit, FailedRequests, StatementShift {

    /** The one sentence every report prints, e.g. {@code p(95) +41% against ...: waiting +44% ...}. */
    String sentence();
}
