package io.perfgate.run;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Reads a run's results file while k6 writes it, so that nothing has to read the file again afterwards.
 * {@link K6Runner} starts one following per run right after k6 started, and finishes it once k6 and every
 * process it started are gone, whatever their end (a timeout, a crash, a kill).
 */
public interface ResultsFollower {

    /** Follows nothing. */
    ResultsFollower NONE = (resultsFile, run, k6Exited) -> new Following() {
        @Override
        public void finish() {
        }

        @Override
        public void cancel() {
        }
    };

    /**
     * Starts following and returns at once; the reading runs on a thread of its own.
     *
     * @param resultsFile the file k6 was told to write ({@code --out json}); it may not exist yet
     * @param run         the run, for messages, e.g. {@code checkout.js (run 2 of 5)}
     * @param k6Exited    whether k6 and everything it started are gone, so that nothing is written any more
     */
    Following start(Path resultsFile, String run, BooleanSupplier k6Exited);

    /** One run's results being followed. */
    interface Following {

        /**
         * Called once {@code k6Exited} holds: reads what is left of the file, leaves what the following makes
         * beside it, and returns when that is done. Never throws for the file's content: a file that cannot be
         * followed is read again by whoever needs it.
         */
        void finish();

        /** Stops reading at once and leaves nothing behind: the run is being abandoned. */
        void cancel();
    }
}
