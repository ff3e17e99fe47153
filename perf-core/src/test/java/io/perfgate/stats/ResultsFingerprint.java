package io.perfgate.stats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.HdrHistogram.DoubleHistogram;

/**
 * Everything a gate can ask of results, as text, with every number in its exact bits: two results are
 * the same for every budget line, summary table and history record when their fingerprints are equal.
 */
public final class ResultsFingerprint {

    private static final List<Statistic> STATISTICS = statistics();

    private ResultsFingerprint() {
    }

    /** @param asked series to ask about besides the summary's, e.g. a budget's tracked and missing ones */
    public static String of(RunResults results, Collection<SeriesKey> asked) {
        StringBuilder text = new StringBuilder();
        text.append("duration ").append(bits(results.durationSeconds())).append(' ')
                .append(results.duration().origin()).append('\n');
        for (SeriesStatistics series : results.summarySeries()) {
            append(text, series);
        }
        for (SeriesKey key : asked) {
            Optional<SeriesStatistics> series = results.series(key);
            if (series.isPresent()) {
                append(text, series.get());
            } else {
                text.append(key).append(" missing: ").append(results.missingReason(key)).append('\n');
            }
        }
        return text.toString();
    }

    private static void append(StringBuilder text, SeriesStatistics series) {
        text.append(series.key()).append(' ').append(series.type()).append(' ').append(series.contents())
                .append(" n=").append(series.sampleCount()).append('\n');
        for (Statistic statistic : STATISTICS) {
            OptionalDouble value = series.value(statistic);
            text.append("  ").append(statistic).append(' ')
                    .append(value.isPresent() ? bits(value.getAsDouble()) : "- " + series.unavailableReason(statistic))
                    .append('\n');
        }
        series.histogram().ifPresent(histogram -> text.append("  histogram ").append(buckets(histogram)).append('\n'));
    }

    private static String buckets(DoubleHistogram histogram) {
        StringBuilder text = new StringBuilder();
        histogram.recordedValues().forEach(bucket -> text.append(bits(bucket.getValueIteratedTo())).append('x')
                .append(bucket.getCountAtValueIteratedTo()).append(' '));
        return text.toString();
    }

    private static String bits(double value) {
        return String.format(Locale.ROOT, "%s(%x)", value, Double.doubleToRawLongBits(value));
    }

    private static List<Statistic> statistics() {
        List<Statistic> all = new ArrayList<>(List.of(Statistic.AVG, Statistic.MIN, Statistic.MAX, Statistic.MED,
                Statistic.COUNT, Statistic.RATE, Statistic.VALUE));
        for (double percentile : new double[] {0, 10, 90, 95, 99.9, 100}) {
            all.add(Statistic.percentile(percentile));
        }
        return List.copyOf(all);
    }
}
