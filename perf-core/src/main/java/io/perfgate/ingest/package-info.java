/**
 * Streaming readers for load-test results: k6 NDJSON ({@code --out json}, plain or gzipped),
 * k6 summary exports ({@code --summary-export} and {@code handleSummary} data), JMeter JTL in CSV
 * and XML. Memory stays constant whatever the number of samples, and bounded whatever the size of one
 * record: a line, row, tag or summary metric over 4 MB is an error naming its file and line, found
 * before the record is held whole. {@link io.perfgate.ingest.ResultIngest}
 * reads and pools any mix of files; {@link io.perfgate.ingest.ResultFormat} tells formats apart by
 * content; {@link io.perfgate.ingest.K6Summaries} reads k6's own threshold verdicts.
 *
 * <h2>JMeter results in k6 terms</h2>
 * JMeter samples are mapped onto k6's built-in metrics and tags, so one budget gates either tool.
 *
 * <table>
 *   <caption>JMeter JTL (CSV column / XML attribute) to k6 metric or tag</caption>
 *   <tr><th>JMeter</th><th>k6</th><th>type, contents</th></tr>
 *   <tr><td>{@code label} / {@code lb}</td><td>tag {@code name}</td><td></td></tr>
 *   <tr><td>each sample (request)</td><td>{@code http_reqs} (1 per sample)</td><td>counter</td></tr>
 *   <tr><td>{@code elapsed} / {@code t}</td><td>{@code http_req_duration}</td><td>trend, time (ms)</td></tr>
 *   <tr><td>{@code success} / {@code s} = false</td><td>{@code http_req_failed} = 1 (true: 0)</td><td>rate</td></tr>
 *   <tr><td>{@code Latency} / {@code lt}</td><td>{@code http_req_waiting}</td><td>trend, time (ms)</td></tr>
 *   <tr><td>{@code Connect} / {@code ct}</td><td>{@code http_req_connecting}</td><td>trend, time (ms)</td></tr>
 *   <tr><td>{@code bytes} / {@code by}</td><td>{@code data_received}</td><td>counter, data (bytes)</td></tr>
 *   <tr><td>{@code sentBytes} / {@code sby}</td><td>{@code data_sent}</td><td>counter, data (bytes)</td></tr>
 *   <tr><td>{@code allThreads} / {@code na}</td><td>{@code vus} (no tags)</td><td>gauge</td></tr>
 *   <tr><td>{@code responseCode} / {@code rc}</td><td>tag {@code status}</td><td></td></tr>
 *   <tr><td>{@code success} / {@code s}</td><td>tag {@code expected_response} ({@code true}/{@code false})</td><td></td></tr>
 *   <tr><td>{@code timeStamp} / {@code ts} (epoch ms)</td><td>sample time</td><td></td></tr>
 *   <tr><td>Transaction Controller sample: {@code elapsed} / {@code t}</td>
 *       <td>{@code group_duration} with tags {@code name} and {@code group} = the label; not a request, its
 *       failure is not counted</td><td>trend, time (ms)</td></tr>
 * </table>
 *
 * <p>A Transaction Controller sample is a CSV row or XML element whose {@code responseMessage}/{@code rm} is
 * {@code Number of samples in transaction : N, number of failing samples : M}, or an XML {@code <sample>}
 * that holds child samples ("generate parent sample"). Requests inside such a parent are counted as
 * requests; samples nested inside a request (redirects, embedded resources) are parts of it and are
 * not counted again, as in JMeter's own reports. A column that is not saved produces no metric (no
 * {@code success} column: no {@code http_req_failed}). The run lasts from the earliest
 * {@code timeStamp} to the latest {@code timeStamp + elapsed}. Percentiles use k6's rule (linear
 * interpolation at rank p·(n−1), "R-7") over all samples; JMeter's HTML dashboard uses p·(n+1)
 * ("R-6") over at most the last 20,000 samples per label, so its numbers differ slightly.
 */
package io.perfgate.ingest;
