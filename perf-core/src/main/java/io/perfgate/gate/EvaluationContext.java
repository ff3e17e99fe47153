package io.perfgate.gate;

import io.perfgate.budget.Budget;
import io.perfgate.database.DatabaseReading;
import io.perfgate.database.LoadCounts;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.stats.RunResults;
import java.util.List;
import java.util.Objects;

/**
 * Everything the read phase found, and all that the evaluators judge: no evaluator reads a file.
 *
 * @param budget          the budget read
 * @param candidates      the candidate runs pooled: what fixed limits and database counts are judged on
 * @param candidateRounds each round's candidate results, one observation each for the regression rules
 * @param comparison      what the regression rules compare with: this build's A/B baseline runs or the
 *                        history's baseline
 * @param database        the statements' changes over the load, or why there are none
 * @param k6Crossings     the thresholds k6 itself reported for runs that crossed some
 * @param request         the request read for, with its settings
 */
record EvaluationContext(Budget budget, IngestedResults candidates, List<RunResults> candidateRounds,
        RegressionEvaluation.Comparison comparison, DatabaseReading database,
        List<K6ThresholdCheck.Crossings> k6Crossings, CheckRequest request) {

    EvaluationContext {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(candidates, "candidates");
        candidateRounds = List.copyOf(candidateRounds);
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(database, "database");
        k6Crossings = List.copyOf(k6Crossings);
        Objects.requireNonNull(request, "request");
    }

    RunResults results() {
        return candidates.results();
    }

    /** The load's request and iteration counts, which database lines divide by. */
    LoadCounts loadCounts() {
        return LoadCounts.of(candidates.results());
    }
}
