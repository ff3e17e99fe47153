/**
 * The writers of a gate report ({@link io.perfgate.model.GateReport}): {@code perf-report.json}, JUnit XML,
 * Markdown and a self-contained HTML page.
 */
package io.perfgate.report;
