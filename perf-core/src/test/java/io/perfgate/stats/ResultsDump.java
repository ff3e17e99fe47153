package io.perfgate.stats;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.HdrHistogram.DoubleHistogram;

/**
 * Everything a reader of {@link RunResults} can see, as text with every number's exact bits, for comparing
 * two results bit for bit with a readable difference: each summary series and each tracked one with every
 * statistic (or why it is unavailable) and its histogram's encoding and buckets, why a tracked series is
 * missing, and the duration.
 */
public final class ResultsDump {

    private static final List<Statistic> STATISTICS = List.of(Statistic.COUNT, Statistic.RATE, Statistic.VALUE,
            Statistic.AVG, Statistic.MIN, Statistic.MAX, Statistic.MED, Statistic.percentile(0),
            Statistic.percentile(1), Statistic.percentile(33.3), Statistic.percentile(90), Statistic.percentile(95),
            Statistic.percentile(99), Statistic.percentile(99.9), Statistic.percentile(100));

    private ResultsDump() {
    }

    public static String of(RunResults results, Set<SeriesKey> tracked) {
        StringBuilder text = new StringBuilder();
        text.append("duration ").append(exact(results.duration().seconds())).append(' ')
                .append(results.duration().origin()).append('\n');
        for (SeriesStatistics series : results.summarySeries()) {
            series(text, series);
        }
        for (SeriesKey key : new TreeSet<>(tracked)) {
            Optional<SeriesStatistics> series = results.series(key);
            if (series.isPresent()) {
                text.append("tracked ");
                series(text, series.get());
            } else {
                text.append("tracked ").append(key).append(" missing: ").append(results.missingReason(key)).append('\n');
            }
        }
        return text.toString();
    }

    private static void series(StringBuilder text, SeriesStatistics series) {
        text.append(series.key()).append(' ').append(series.type()).append(' ').append(series.contents())
                .append(" samples ").append(series.sampleCount()).append('\n');
        for (Statistic statistic : STATISTICS) {
            OptionalDouble value = series.value(statistic);
            text.append("  ").append(statistic).append(' ')
                    .append(value.isPresent() ? exact(value.getAsDouble()) : "none: " + series.unavailableReason(statistic))
                    .append('\n');
        }
        Optional<DoubleHistogram> histogram = series.histogram();
        if (histogram.isPresent()) {
            text.append("  histogram ").append(HexFormat.of().formatHex(CompressedHistogram.encode(histogram.get()).bytes()))
                    .append('\n');
            histogram.get().recordedValues().forEach(bucket -> text.append("    ")
                    .append(exact(bucket.getValueIteratedTo())).append(" x").append(bucket.getCountAtValueIteratedTo())
                    .append('\n'));
        }
    }

    private static String exact(double value) {
        return value + " (" + Double.toHexString(value) + ")";
    }
}
