/**
 * Streaming readers for load-test results: k6 NDJSON ({@code --out json}, plain or gzipped),
 * k6 summary exports ({@code --summary-export} and {@code handleSummary} data), JMeter JTL in CSV
 * and XML. Memory stays constant whatever the number of samples.
 */
package io.perfgate.ingest;
