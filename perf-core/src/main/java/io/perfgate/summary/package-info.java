/**
 * Run summaries: what reading a k6 run's NDJSON gave, written beside it while k6 runs
 * ({@link io.perfgate.summary.ResultsFollowing}, as the results file grows), so that the gate takes a run's
 * results without reading gigabytes again ({@link io.perfgate.summary.RunSummaries#read}). A summary holds
 * the collector's exact state ({@link io.perfgate.stats.CollectorSnapshot}), so results are the same to the
 * last bit whichever way they come; it is used only while it fits: the results file unchanged since (size
 * and modification time), the series the budget filters by tags the same, the same perfgate and format, and
 * its content the one its checksum was made of ({@link io.perfgate.summary.RunSummaryFile}). Otherwise the
 * file is read whole, which stays the source of truth.
 */
package io.perfgate.summary;
