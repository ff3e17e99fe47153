/**
 * The writers of a gate report ({@link io.perfgate.model.GateReport}): {@code perf-report.json}, JUnit XML,
 * Markdown and a self-contained HTML page; and the reader of {@code perf-report.json}, so a report
 * can be rendered again elsewhere.
 */
package io.perfgate.report;
