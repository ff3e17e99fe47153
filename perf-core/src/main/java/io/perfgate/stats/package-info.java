/**
 * Streaming statistics over load-test samples: metric types, series selectors and the
 * mergeable accumulators (HdrHistogram for trends) that hold them in constant memory.
 */
package io.perfgate.stats;
