/**
 * Runs k6 as a child process: one results folder per script ({@code run.ndjson}, {@code summary.json}
 * and a {@code k6-run.json} record of the run), output streamed line by line, a timeout that kills
 * the whole process tree. A crossed k6 threshold (exit 99) is not an error here: the run only writes
 * results, the gate decides, so that teardown steps between the two still run.
 */
package io.perfgate.run;
