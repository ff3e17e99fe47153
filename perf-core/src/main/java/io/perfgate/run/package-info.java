/**
 * Runs k6 as a child process: one results folder per script, and in it one folder per run when a
 * script runs repeatedly or in interleaved A/B rounds ({@link io.perfgate.run.ScheduledRun}); each run
 * leaves {@code run.ndjson}, {@code summary.json} and a {@code k6-run.json} record of the run, its role
 * and round. Output is streamed line by line in bounded memory; a timeout stops every process the run
 * started, and so does the end of a run that left some behind. A crossed k6 threshold (exit 99) is not
 * an error here: the run only writes results, the gate decides, so that teardown steps between the two
 * still run.
 */
package io.perfgate.run;
