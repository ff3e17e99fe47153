/**
 * What CI servers show of a gate report ({@link io.perfgate.model.GateReport}): the build's summary for
 * pipeline scripts ({@link io.perfgate.publish.BuildSummary}), a pull-request check with its annotations
 * ({@link io.perfgate.publish.ChecksReport}) and the trend across builds for a job page
 * ({@link io.perfgate.publish.BuildTrend}). Everything a CI adapter renders is built and tested here, so
 * the Jenkins plugin only moves these values into its own API; nothing in perf-core uses this package.
 */
package io.perfgate.publish;
