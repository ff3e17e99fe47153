package io.perfgate.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.StringJoiner;
import org.HdrHistogram.DoubleHistogram;

/**
 * One series pooled from samples (at most one merged accumulator) and from pre-aggregated reports.
 * Samples alone give every statistic; one report alone gives what it holds. Pooling a report with
 * anything else gives only what combines exactly: count and min/max, a counter's sum, a rate's
 * non-zero share. Percentiles, avg of trends and a gauge's last value stay empty, with the reason.
 */
final class PooledSeries implements SeriesStatistics {

    private final SeriesKey key;
    private final MetricType type;
    private final MetricContents contents;
    private final SampleAccumulator sampled;
    private final List<ReportedSeries> reported;
    private final List<String> sourcesLacking;
    private final RunDuration duration;

    PooledSeries(SeriesKey key, MetricType type, MetricContents contents, SampleAccumulator sampled,
            List<ReportedSeries> reported, List<String> sourcesLacking, RunDuration duration) {
        this.key = Objects.requireNonNull(key, "key");
        this.type = Objects.requireNonNull(type, "type");
        this.contents = Objects.requireNonNull(contents, "contents");
        this.sampled = sampled;
        this.reported = List.copyOf(reported);
        this.sourcesLacking = List.copyOf(sourcesLacking);
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    /** A value, or the reason there is none. */
    private record Outcome(OptionalDouble value, String reason) {

        static Outcome of(double value) {
            return new Outcome(OptionalDouble.of(value), "");
        }

        static Outcome of(OptionalDouble value, String reasonIfEmpty) {
            return new Outcome(value, value.isPresent() ? "" : reasonIfEmpty);
        }

        static Outcome none(String reason) {
            return new Outcome(OptionalDouble.empty(), reason);
        }
    }

    @Override
    public SeriesKey key() {
        return key;
    }

    @Override
    public MetricType type() {
        return type;
    }

    @Override
    public MetricContents contents() {
        return contents;
    }

    @Override
    public long sampleCount() {
        long count = sampled == null ? 0 : sampled.sampleCount();
        for (ReportedSeries series : reported) {
            if (series.samples().isPresent()) {
                count += series.samples().getAsLong();
            } else if (type == MetricType.COUNTER && series.values().containsKey(Statistic.COUNT)) {
                count += Math.round(series.values().get(Statistic.COUNT));
            }
        }
        return count;
    }

    @Override
    public OptionalDouble value(Statistic statistic) {
        return evaluate(statistic).value();
    }

    @Override
    public Optional<DoubleHistogram> histogram() {
        return reported.isEmpty() && sourcesLacking.isEmpty() && sampled instanceof TrendAccumulator trend
                ? trend.histogram() : Optional.empty();
    }

    /** The reason {@link #value} is empty; an empty string when the value is there. */
    @Override
    public String unavailableReason(Statistic statistic) {
        return evaluate(statistic).reason();
    }

    private Outcome evaluate(Statistic statistic) {
        if (!type.supports(statistic.kind())) {
            return Outcome.none(key.metric() + " is a " + type.k6Name() + ", which has " + statisticsOfType()
                    + ", not " + statistic);
        }
        if (!sourcesLacking.isEmpty()) {
            return Outcome.none(String.join(" and ", sourcesLacking) + " hold(s) " + key.metric()
                    + " but not its submetric " + key + ", so that run's share of " + key + " is unknown");
        }
        if (type == MetricType.COUNTER && statistic.kind() == Statistic.Kind.RATE && !duration.allowsRate()) {
            return Outcome.none(duration.noRateReason(key));
        }
        if (reported.isEmpty()) {
            return Outcome.of(sampled.value(statistic, duration.seconds()), sampledReason(statistic));
        }
        if (sampled == null && reported.size() == 1) {
            return fromReport(reported.get(0), statistic);
        }
        return pooled(statistic);
    }

    private String statisticsOfType() {
        StringJoiner names = new StringJoiner(", ");
        for (Statistic.Kind kind : type.statistics()) {
            names.add(kind == Statistic.Kind.PERCENTILE ? "p(N)" : kind.name().toLowerCase(Locale.ROOT));
        }
        return names.toString();
    }

    private String sampledReason(Statistic statistic) {
        if (sampled.sampleCount() == 0) {
            return "no sample of " + key;
        }
        return statistic + " of " + key + " is unknown";
    }

    private Outcome fromReport(ReportedSeries series, Statistic statistic) {
        if (type == MetricType.COUNTER && statistic.kind() == Statistic.Kind.RATE) {
            Double count = series.values().get(Statistic.COUNT);
            if (count == null) {
                return Outcome.none(series.source() + " holds no count for " + key);
            }
            return Outcome.of(count / duration.seconds());
        }
        if (type == MetricType.RATE) {
            Double rate = series.values().get(Statistic.RATE);
            if (rate != null) {
                return Outcome.of(rate);
            }
        }
        Double value = reportedValue(series, statistic);
        if (value != null) {
            return Outcome.of(value);
        }
        return Outcome.none(series.source() + " holds only " + series.heldStatistics() + " for " + key
                + (type == MetricType.TREND
                        ? "; " + statistic + " needs the k6 NDJSON output (--out json) or a summaryTrendStats"
                                + " option that lists it"
                        : ""));
    }

    /** A report's value, reading p(50) and med as the same statistic. */
    private static Double reportedValue(ReportedSeries series, Statistic statistic) {
        Double value = series.values().get(statistic);
        if (value != null) {
            return value;
        }
        if (statistic.kind() == Statistic.Kind.MED) {
            return series.values().get(Statistic.percentile(50));
        }
        if (statistic.kind() == Statistic.Kind.PERCENTILE && statistic.percentile() == 50) {
            return series.values().get(Statistic.MED);
        }
        return null;
    }

    private Outcome pooled(Statistic statistic) {
        String sources = reportSources();
        return switch (statistic.kind()) {
            case MIN, MAX -> extreme(statistic);
            case COUNT -> counterTotal(sources);
            case RATE -> type == MetricType.COUNTER ? counterRate(sources) : pooledRate(sources);
            case AVG -> Outcome.none("avg of " + key + " cannot be pooled: " + sources
                    + " hold(s) no sample count for a trend");
            case MED, PERCENTILE -> Outcome.none(statistic + " of " + key + " cannot be pooled: " + sources
                    + " hold(s) pre-computed percentiles, which do not combine; read the k6 NDJSON output"
                    + " (--out json) of every run instead");
            case VALUE -> Outcome.none("the last value of " + key + " cannot be told when pooling " + sources
                    + ": a summary holds no sample times");
        };
    }

    private Outcome extreme(Statistic statistic) {
        boolean isMin = statistic.kind() == Statistic.Kind.MIN;
        double result = isMin ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        if (sampled != null && sampled.sampleCount() > 0) {
            result = sampled.value(statistic, duration.seconds()).orElseThrow();
        }
        for (ReportedSeries series : reported) {
            Double value = series.values().get(statistic);
            if (value == null) {
                return Outcome.none(series.source() + " holds no " + statistic + " for " + key);
            }
            result = isMin ? Math.min(result, value) : Math.max(result, value);
        }
        return Outcome.of(result);
    }

    private Outcome counterTotal(String sources) {
        double total = sampled == null ? 0 : ((CounterAccumulator) sampled).total();
        for (ReportedSeries series : reported) {
            Double count = series.values().get(Statistic.COUNT);
            if (count == null) {
                return Outcome.none(series.source() + " holds no count for " + key + ", so it cannot be pooled with "
                        + sources);
            }
            total += count;
        }
        return Outcome.of(total);
    }

    private Outcome counterRate(String sources) {
        Outcome total = counterTotal(sources);
        if (total.value().isEmpty()) {
            return total;
        }
        return Outcome.of(total.value().getAsDouble() / duration.seconds());
    }

    private Outcome pooledRate(String sources) {
        long nonZero = 0;
        long samples = 0;
        if (sampled != null) {
            nonZero = ((RateAccumulator) sampled).nonZeroCount();
            samples = sampled.sampleCount();
        }
        for (ReportedSeries series : reported) {
            if (series.samples().isEmpty() || series.nonZeroSamples().isEmpty()) {
                return Outcome.none(series.source() + " holds no passes/fails for " + key
                        + ", so its rate cannot be pooled with " + sources);
            }
            nonZero += series.nonZeroSamples().getAsLong();
            samples += series.samples().getAsLong();
        }
        return samples > 0 ? Outcome.of((double) nonZero / samples) : Outcome.none("no sample of " + key);
    }

    private String reportSources() {
        List<String> sources = new ArrayList<>();
        reported.forEach(series -> sources.add(series.source()));
        return String.join(" and ", sources);
    }

    @Override
    public String toString() {
        return key + " (" + type.k6Name() + ", " + sampleCount() + " samples)";
    }
}
