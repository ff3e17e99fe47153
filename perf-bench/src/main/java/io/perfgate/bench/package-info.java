/**
 * Benchmarks of perf-core and the tools around them. Nothing here runs in the build: the build only
 * compiles, tests the generators and packages {@code benchmarks.jar}. How to run them, and the
 * numbers measured, are in {@code bench/README.md}.
 *
 * <ul>
 *   <li>Input generators of any size and realistic shape: {@link io.perfgate.bench.K6NdjsonGenerator}
 *       (k6 {@code --out json}), {@link io.perfgate.bench.JtlCsvGenerator} (JMeter CSV JTL) and
 *       {@link io.perfgate.bench.JtlXmlGenerator} (JMeter XML JTL), on the command line through
 *       {@link io.perfgate.bench.Generate}.</li>
 *   <li>JMH benchmarks: {@link io.perfgate.bench.NdjsonIngestBenchmark} (k6 ingest on every core and on
 *       one thread, plain and gzipped, against a bare Jackson token loop over the same bytes),
 *       {@link io.perfgate.bench.JtlIngestBenchmark}, {@link io.perfgate.bench.JtlXmlIngestBenchmark},
 *       {@link io.perfgate.bench.BudgetEvaluationBenchmark}, {@link io.perfgate.bench.ReportWritingBenchmark},
 *       {@link io.perfgate.bench.GateCheckBenchmark} and {@link io.perfgate.bench.HistoryBaselineBenchmark}
 *       (the history's baseline query, file store).</li>
 *   <li>Mains the scripts in {@code bench/} run: {@link io.perfgate.bench.IngestTargets} (each ingest
 *       target as a ratio against its reference in one JMH run),
 *       {@link io.perfgate.bench.HeapCheck}, {@link io.perfgate.bench.Ingest}, {@link io.perfgate.bench.P95}
 *       and {@link io.perfgate.bench.Gate}.</li>
 * </ul>
 */
package io.perfgate.bench;
