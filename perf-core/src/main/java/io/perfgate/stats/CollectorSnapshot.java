package io.perfgate.stats;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.DoubleHistogram;

/**
 * Everything a {@link ResultsCollector} kept from reading one results file, as plain values: what a run
 * summary stores so that a later gate takes the file's results without reading it again.
 * {@link #restoreInto} gives a collector (with the same tracked series) exactly the state reading the
 * file gave it, down to the order of its maps and the exact value of its sums, so everything computed
 * from it, alone or pooled with other runs, is the same to the last bit as after reading the file.
 *
 * <p>Only collectors of samples have a snapshot: series that pre-aggregated sources reported (k6
 * summaries) are not kept here; those files are small and read again.
 *
 * @param metrics           every metric declared, by name
 * @param samples           the samples recorded
 * @param duration          the run's duration as the file told it
 * @param firstCappedMetric the metric whose name breakdown filled first, which the warning about the
 *                          cap names; empty when none did
 */
public record CollectorSnapshot(List<Metric> metrics, long samples, RunDuration duration,
        Optional<String> firstCappedMetric) {

    public CollectorSnapshot {
        metrics = List.copyOf(metrics);
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(firstCappedMetric, "firstCappedMetric");
        if (samples < 0) {
            throw new IllegalArgumentException("samples must be 0 or more, was " + samples);
        }
    }

    /**
     * What was kept of one metric.
     *
     * @param overall        the whole metric, empty before its first sample
     * @param byName         the breakdown by the {@code name} tag, in the order the collector held it
     * @param nameCapReached whether name values were left out of the breakdown
     * @param tracked        the series of the budget filtered by more than the name, in the order kept
     * @param watched        the values seen of each tag the budget's filters use, in the order kept
     * @param statuses       for a rate metric, its non-zero samples by status; {@link Statuses#NONE} for others
     * @param statusesByName the same for each name of the breakdown that had any
     */
    public record Metric(String name, MetricType type, MetricContents contents, boolean contentsKnown,
            Optional<Accumulated> overall, List<Named> byName, boolean nameCapReached, List<Tracked> tracked,
            List<Watched> watched, Statuses statuses, List<NamedStatuses> statusesByName) {

        public Metric {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(contents, "contents");
            Objects.requireNonNull(overall, "overall");
            byName = List.copyOf(byName);
            tracked = List.copyOf(tracked);
            watched = List.copyOf(watched);
            Objects.requireNonNull(statuses, "statuses");
            statusesByName = List.copyOf(statusesByName);
        }
    }

    /**
     * The non-zero samples of a rate metric by their {@code status} tag, as {@link StatusCounts} keeps them.
     *
     * @param byStatus each status value told apart, with its count (1 or more)
     * @param others   samples of status values beyond those told apart
     */
    public record Statuses(Map<String, Long> byStatus, long others) {

        /** No status counted. */
        public static final Statuses NONE = new Statuses(Map.of(), 0);

        public Statuses {
            byStatus = Collections.unmodifiableMap(new LinkedHashMap<>(byStatus));
            if (byStatus.size() > StatusCounts.STATUSES_KEPT) {
                throw new IllegalArgumentException(byStatus.size() + " status values are told apart, "
                        + StatusCounts.STATUSES_KEPT + " at most");
            }
            byStatus.forEach((status, count) -> {
                if (count == null || count < 1) {
                    throw new IllegalArgumentException("status " + status + " is counted " + count + " times");
                }
            });
            if (others < 0) {
                throw new IllegalArgumentException("other statuses are counted " + others + " times");
            }
        }

        /** Whether nothing is counted. */
        public boolean isEmpty() {
            return byStatus.isEmpty() && others == 0;
        }
    }

    /** The statuses of one value of the {@code name} tag. */
    public record NamedStatuses(String name, Statuses statuses) {

        public NamedStatuses {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(statuses, "statuses");
        }
    }

    /** One value of the {@code name} tag and its samples. */
    public record Named(String name, Accumulated state) {

        public Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
        }
    }

    /** One series the budget named and its samples. */
    public record Tracked(SeriesKey key, Accumulated state) {

        public Tracked {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(state, "state");
        }
    }

    /** The values seen of a tag a filter of the budget uses, and whether more were dropped. */
    public record Watched(String tag, List<String> values, boolean truncated) {

        public Watched {
            Objects.requireNonNull(tag, "tag");
            values = List.copyOf(values);
        }
    }

    /** The state of one accumulator. */
    public sealed interface Accumulated permits Trend, Counter, Rate, Gauge {

        MetricType type();
    }

    /**
     * A trend: its exact count, sum, min and max, and its values either staged as they came or in histograms
     * of their magnitudes (HdrHistogram's compressed encoding).
     *
     * @param sum      the exact sum, in units of 2<sup>-1074</sup> (the smallest double)
     * @param staged   the staged values in the order they came; empty when the values are in histograms
     * @param positive the histogram of the positive values; present only when nothing is staged
     * @param negative the histogram of the negative values' magnitudes; present only when nothing is staged
     * @param min      the smallest value; not used when {@code count} is 0
     * @param max      the largest value; not used when {@code count} is 0
     */
    public record Trend(long count, long zeros, BigInteger sum, double min, double max,
            double[] staged, Optional<CompressedHistogram> positive, Optional<CompressedHistogram> negative)
            implements Accumulated {

        public Trend {
            Objects.requireNonNull(sum, "sum");
            staged = staged.clone();
            Objects.requireNonNull(positive, "positive");
            Objects.requireNonNull(negative, "negative");
        }

        /** Whether the values are in histograms, not staged. */
        public boolean inHistograms() {
            return positive.isPresent() || negative.isPresent();
        }

        @Override
        public double[] staged() {
            return staged.clone();
        }

        @Override
        public MetricType type() {
            return MetricType.TREND;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Trend trend && count == trend.count && zeros == trend.zeros
                    && sum.equals(trend.sum)
                    && Double.compare(min, trend.min) == 0 && Double.compare(max, trend.max) == 0
                    && Arrays.equals(staged, trend.staged) && positive.equals(trend.positive)
                    && negative.equals(trend.negative);
        }

        @Override
        public int hashCode() {
            return Objects.hash(count, zeros, sum, min, max, Arrays.hashCode(staged), positive, negative);
        }

        @Override
        public String toString() {
            return "Trend[count=" + count + ", zeros=" + zeros + ", staged=" + staged.length + ", positive="
                    + positive + ", negative=" + negative + "]";
        }
    }

    /**
     * A counter: its samples and their exact sum.
     *
     * @param sum the exact sum, in units of 2<sup>-1074</sup> (the smallest double)
     */
    public record Counter(long samples, BigInteger sum) implements Accumulated {

        public Counter {
            Objects.requireNonNull(sum, "sum");
        }

        @Override
        public MetricType type() {
            return MetricType.COUNTER;
        }
    }

    /** A rate: its samples and how many were not zero. */
    public record Rate(long samples, long nonZero) implements Accumulated {

        @Override
        public MetricType type() {
            return MetricType.RATE;
        }
    }

    /** A gauge: its samples, the last value and its time, min and max (not used when there is no sample). */
    public record Gauge(long samples, double last, long lastEpochNanos, double min, double max) implements Accumulated {

        @Override
        public MetricType type() {
            return MetricType.GAUGE;
        }
    }

    /**
     * What the collector kept so far. Reading it changes nothing.
     *
     * @throws IllegalArgumentException when the collector holds series that pre-aggregated sources reported
     */
    public static CollectorSnapshot of(ResultsCollector collector) {
        List<Metric> metrics = new ArrayList<>();
        for (MetricSeries series : new TreeMap<>(collector.keptMetrics()).values()) {
            if (!series.reported.isEmpty() || !series.reportingSources.isEmpty()) {
                throw new IllegalArgumentException("metric " + series.metric + " holds series a summary reported;"
                        + " only samples are kept in a snapshot");
            }
            List<Named> byName = new ArrayList<>();
            series.byName.forEach((name, accumulator) -> byName.add(new Named(name, state(accumulator))));
            List<Tracked> tracked = new ArrayList<>();
            series.trackedOther.forEach((key, accumulator) -> tracked.add(new Tracked(key, state(accumulator))));
            List<Watched> watched = new ArrayList<>();
            series.watchedTags.forEach((tag, seen) -> watched.add(new Watched(tag, List.copyOf(seen.values()),
                    seen.truncated())));
            List<NamedStatuses> statusesByName = new ArrayList<>();
            new TreeMap<>(series.statusesByName).forEach((name, counts) ->
                    statusesByName.add(new NamedStatuses(name, statuses(counts))));
            metrics.add(new Metric(series.metric, series.type, series.contents, series.contentsKnown,
                    Optional.ofNullable(series.overall).map(CollectorSnapshot::state), byName, series.nameCapReached,
                    tracked, watched, statuses(series.statuses), statusesByName));
        }
        return new CollectorSnapshot(metrics, collector.sampleCount(), collector.keptDuration(),
                Optional.ofNullable(collector.firstCappedMetric()));
    }

    private static Statuses statuses(StatusCounts counts) {
        return new Statuses(counts.byStatus(), counts.others());
    }

    private static Accumulated state(SampleAccumulator accumulator) {
        if (accumulator instanceof TrendAccumulator trend) {
            double[] staged = trend.stagedValues();
            return new Trend(trend.sampleCount(), trend.zeros(), trend.sumUnits(), trend.min(), trend.max(),
                    staged == null ? new double[0] : staged, encoded(trend.positiveMagnitudes()),
                    encoded(trend.negativeMagnitudes()));
        }
        if (accumulator instanceof CounterAccumulator counter) {
            return new Counter(counter.sampleCount(), counter.sumUnits());
        }
        if (accumulator instanceof RateAccumulator rate) {
            return new Rate(rate.sampleCount(), rate.nonZeroCount());
        }
        GaugeAccumulator gauge = (GaugeAccumulator) accumulator;
        return new Gauge(gauge.sampleCount(), gauge.last(), gauge.lastEpochNanos(), gauge.min(), gauge.max());
    }

    private static Optional<CompressedHistogram> encoded(DoubleHistogram histogram) {
        return histogram == null ? Optional.empty() : Optional.of(CompressedHistogram.encode(histogram));
    }

    /**
     * Puts everything of this snapshot but the duration into {@code collector}, which must be empty and track
     * the series the snapshotted collector tracked. The duration is the caller's to add: a test duration the
     * load tool stated replaces the span of the samples. Warns of nothing: see {@link #warnAsReadingDid}.
     *
     * @throws IllegalArgumentException when the collector is not empty, or the snapshot does not fit it: other
     *                                  tracked series or watched tags, states that do not add up; the collector
     *                                  is left as it was then
     */
    public void restoreInto(ResultsCollector collector) {
        if (!collector.isEmpty()) {
            throw new IllegalArgumentException("a snapshot is restored into an empty collector only");
        }
        // Everything is built and checked first, against series shaped as the collector shapes them, so that
        // a snapshot that does not fit changes nothing.
        ResultsCollector shapes = collector.emptyLike();
        List<Restored> restored = new ArrayList<>();
        for (Metric metric : metrics) {
            restored.add(restored(metric, shapes.declareRestored(metric.name(), metric.type(), metric.contents(),
                    metric.contentsKnown())));
        }
        for (Restored metric : restored) {
            MetricSeries series = collector.declareRestored(metric.metric().name(), metric.metric().type(),
                    metric.metric().contents(), metric.metric().contentsKnown());
            series.overall = metric.overall();
            series.byName.putAll(metric.byName());
            series.nameCapReached = metric.metric().nameCapReached();
            series.trackedOther.putAll(metric.tracked());
            series.watchedTags.putAll(metric.watched());
            series.statuses.merge(metric.statuses());
            series.statusesByName.putAll(metric.statusesByName());
        }
        collector.addRestoredSamples(samples);
    }

    /** One metric's accumulators and tag values, built and checked, in the orders to insert them. */
    private record Restored(Metric metric, SampleAccumulator overall, Map<String, SampleAccumulator> byName,
            Map<SeriesKey, SampleAccumulator> tracked, Map<String, SeenValues.Bounded> watched,
            StatusCounts statuses, Map<String, StatusCounts> statusesByName) {
    }

    private static Restored restored(Metric metric, MetricSeries shape) {
        SampleAccumulator overall = metric.overall().map(state -> restored(state, metric)).orElse(null);
        Map<String, SampleAccumulator> byName = new LinkedHashMap<>();
        for (Named named : metric.byName()) {
            if (byName.put(named.name(), restored(named.state(), metric)) != null) {
                throw new IllegalArgumentException("metric " + metric.name() + " has the name " + named.name()
                        + " twice");
            }
        }
        Map<SeriesKey, SampleAccumulator> tracked = new LinkedHashMap<>();
        for (Tracked series : metric.tracked()) {
            if (!series.key().metric().equals(metric.name()) || !shape.tracksOther(series.key())
                    || tracked.put(series.key(), restored(series.state(), metric)) != null) {
                throw new IllegalArgumentException("series " + series.key() + " is not one the collector tracks"
                        + " for metric " + metric.name());
            }
        }
        List<String> watchedTags = metric.watched().stream().map(Watched::tag).sorted().toList();
        if (!watchedTags.equals(List.copyOf(shape.watchedTags.keySet()))) {
            throw new IllegalArgumentException("metric " + metric.name() + " watches the tags " + watchedTags
                    + ", the collector " + shape.watchedTags.keySet());
        }
        Map<String, SeenValues.Bounded> watched = new LinkedHashMap<>();
        for (Watched tag : metric.watched()) {
            watched.put(tag.tag(), SeenValues.Bounded.restored(ResultsCollector.TAG_VALUES_KEPT, tag.values(),
                    tag.truncated()));
        }
        if (overall == null && (!byName.isEmpty() || !tracked.isEmpty())) {
            throw new IllegalArgumentException("metric " + metric.name() + " has series but no samples");
        }
        Map<String, StatusCounts> statusesByName = new LinkedHashMap<>();
        for (NamedStatuses named : metric.statusesByName()) {
            if (!byName.containsKey(named.name()) || statusesByName.put(named.name(),
                    StatusCounts.restored(named.statuses().byStatus(), named.statuses().others())) != null) {
                throw new IllegalArgumentException("metric " + metric.name() + " counts statuses of the name "
                        + named.name() + " that its breakdown does not hold once");
            }
        }
        if (metric.type() != MetricType.RATE && (!metric.statuses().isEmpty() || !statusesByName.isEmpty())) {
            throw new IllegalArgumentException("metric " + metric.name() + " is a " + metric.type().k6Name()
                    + ": only rates count statuses");
        }
        return new Restored(metric, overall, byName, tracked, watched,
                StatusCounts.restored(metric.statuses().byStatus(), metric.statuses().others()), statusesByName);
    }

    /**
     * Warns, through {@code collector}, of a full name breakdown as reading the file did: once for all the
     * collectors pooled together, as the collector always does.
     */
    public void warnAsReadingDid(ResultsCollector collector) {
        firstCappedMetric.ifPresent(collector::warnNameCap);
    }

    private static SampleAccumulator restored(Accumulated state, Metric metric) {
        if (state.type() != metric.type()) {
            throw new IllegalArgumentException("metric " + metric.name() + " is a " + metric.type().k6Name()
                    + " but holds the state of a " + state.type().k6Name());
        }
        if (state instanceof Trend trend) {
            requireCount(trend.count());
            return TrendAccumulator.restored(trend.inHistograms() ? null : trend.staged(),
                    trend.positive().map(CollectorSnapshot::magnitudes).orElse(null),
                    trend.negative().map(CollectorSnapshot::magnitudes).orElse(null), trend.zeros(), trend.count(),
                    trend.sum(), trend.min(), trend.max());
        }
        if (state instanceof Counter counter) {
            requireCount(counter.samples());
            return CounterAccumulator.restored(counter.samples(), counter.sum());
        }
        if (state instanceof Rate rate) {
            requireCount(rate.samples());
            if (rate.nonZero() < 0 || rate.nonZero() > rate.samples()) {
                throw new IllegalArgumentException("a rate of " + rate.samples() + " samples cannot have "
                        + rate.nonZero() + " that are not zero");
            }
            return RateAccumulator.restored(rate.samples(), rate.nonZero());
        }
        Gauge gauge = (Gauge) state;
        requireCount(gauge.samples());
        return gauge.samples() == 0 ? new GaugeAccumulator()
                : GaugeAccumulator.restored(gauge.samples(), gauge.last(), gauge.lastEpochNanos(), gauge.min(),
                        gauge.max());
    }

    private static void requireCount(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("a sample count must be 0 or more, was " + count);
        }
    }

    private static DoubleHistogram magnitudes(CompressedHistogram encoded) {
        DoubleHistogram histogram = encoded.decode();
        if (histogram.getNumberOfSignificantValueDigits() != TrendAccumulator.SIGNIFICANT_DIGITS) {
            throw new IllegalArgumentException("a trend's histogram has " + histogram.getNumberOfSignificantValueDigits()
                    + " significant digits, not " + TrendAccumulator.SIGNIFICANT_DIGITS);
        }
        return histogram;
    }

    /** For messages: the metrics by name. */
    @Override
    public String toString() {
        Map<String, MetricType> types = new TreeMap<>();
        metrics.forEach(metric -> types.put(metric.name(), metric.type()));
        return "CollectorSnapshot[" + samples + " samples, " + types + "]";
    }
}
