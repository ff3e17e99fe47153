/**
 * Budget files: k6-compatible thresholds keyed by metric and tag filter, with units, severities
 * and descriptions, and their evaluation against ingested results.
 */
package io.perfgate.budget;
