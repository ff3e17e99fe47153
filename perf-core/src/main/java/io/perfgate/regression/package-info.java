/**
 * Regression gating against a baseline, on plain per-run inputs: "is this build's p(95) worse than the
 * main branch's, beyond noise and by more than the rule allows?"
 *
 * <p>A {@link io.perfgate.regression.RegressionRule} ({@code p(95) < baseline + 10%}) is checked by
 * {@link io.perfgate.regression.RegressionCheck} in one of three ways: against one value per earlier
 * run (one candidate run or the median of k), against baseline runs interleaved with the candidate's in
 * the same build, or, for k6 Rate metrics, on event counts. Each returns a
 * {@link io.perfgate.regression.RegressionVerdict}: REGRESSION, NO_REGRESSION or INCONCLUSIVE with the
 * reason, which {@link io.perfgate.regression.RegressionSentence} turns into the report's sentence.
 * {@link io.perfgate.regression.ChangePoints} marks where a series of builds shifted, so slow creep
 * shows.
 *
 * <p>Everything here is a pure function of its arguments: no history store, no files, no clock; random
 * permutations use a fixed seed. Uses only {@code stats} and {@code diag}.
 */
package io.perfgate.regression;
