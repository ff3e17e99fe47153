/**
 * The report model of one gate evaluation and its writers: {@code perf-report.json}, JUnit XML,
 * Markdown and a self-contained HTML page.
 */
package io.perfgate.report;
