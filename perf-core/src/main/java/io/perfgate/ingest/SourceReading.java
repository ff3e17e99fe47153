package io.perfgate.ingest;

import io.perfgate.stats.RunDuration;

/**
 * What reading one file gave, besides what went into the sink.
 *
 * @param samples  samples read (0 for pre-aggregated summaries)
 * @param duration the run's duration as this file tells it
 */
record SourceReading(long samples, RunDuration duration) {
}
