/**
 * Streaming statistics over load-test samples: metric types, series selectors and the
 * mergeable accumulators (HdrHistogram for trends) that hold them in constant memory.
 *
 * <p>Readers feed a {@link io.perfgate.stats.ResultsCollector} (a {@link io.perfgate.stats.SampleSink});
 * it keeps one {@link io.perfgate.stats.SampleAccumulator} per series ({@link io.perfgate.stats.TrendAccumulator},
 * {@link io.perfgate.stats.CounterAccumulator}, {@link io.perfgate.stats.RateAccumulator},
 * {@link io.perfgate.stats.GaugeAccumulator}, with k6's semantics) and the
 * {@link io.perfgate.stats.ReportedSeries} of pre-aggregated sources, and pools them into
 * {@link io.perfgate.stats.RunResults}. A statistic that cannot be told exactly (a percentile pooled from
 * a summary) is empty with the reason, never estimated.
 */
package io.perfgate.stats;
