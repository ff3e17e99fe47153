/**
 * Runs k6 as a child process: one results folder per script, and in it one folder per run when a
 * script runs repeatedly or in interleaved A/B rounds ({@link io.perfgate.run.ScheduledRun}); each run
 * leaves {@code run.ndjson}, {@code summary.json} and a {@code k6-run.json} record of the run, its role
 * and round. Output is streamed line by line, a timeout kills the whole process tree. A crossed k6
 * threshold (exit 99) is not an error here: the run only writes results, the gate decides, so that
 * teardown steps between the two still run.
 */
package io.perfgate.run;
