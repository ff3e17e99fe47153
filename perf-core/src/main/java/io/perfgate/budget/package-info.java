/**
 * Budget files: k6-compatible thresholds keyed by metric and tag filter, with units, severities and
 * descriptions, read with their file, line and column. Judging them against results is the report
 * package's {@code BudgetEvaluator}, because its outcome is a report line.
 */
package io.perfgate.budget;
