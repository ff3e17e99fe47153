/**
 * Budget files: k6-compatible thresholds keyed by metric and tag filter, with units, severities and
 * descriptions, read with their file, line and column. Judging them is the gate's: one evaluator per
 * kind of line, all fed what the gate's read phase found.
 */
package io.perfgate.budget;
