package io.perfgate.stats;

import io.perfgate.diag.Diagnostics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sink that readers feed: keeps, in memory independent of the number of samples,
 * <ul>
 *   <li>every series the budget asks about ({@code tracked}), exactly;</li>
 *   <li>for the per-series summary, every metric as a whole and broken down by its {@code name} tag,
 *       at most {@value #NAME_VALUES_PER_METRIC} name values per metric (past that one warning, and
 *       new name values are left out of the breakdown; tracked series are still kept);</li>
 *   <li>the values seen of each tag that a tracked filter uses (at most {@value #TAG_VALUES_KEPT}
 *       per tag and metric), so a missing series can be explained;</li>
 *   <li>series that pre-aggregated sources (k6 summaries) report, and the run durations.</li>
 * </ul>
 * Collectors of several files {@link #merge merge} into one; {@link #results()} then gives the
 * pooled results. Not thread-safe: one collector per reading thread.
 */
public final class ResultsCollector implements SampleSink {

    /** Most {@code name} values broken down per metric in the summary. */
    public static final int NAME_VALUES_PER_METRIC = 1000;
    /** Most values remembered per watched tag and metric, for explaining missing series. */
    static final int TAG_VALUES_KEPT = 200;

    private final Set<SeriesKey> tracked;
    private final Diagnostics diagnostics;
    private final AtomicBoolean nameCapWarned;
    private final Map<String, MetricSeries> metrics = new HashMap<>();
    private RunDuration duration = RunDuration.NONE;
    private long samples;
    private boolean nameCapReached;
    private boolean finished;
    /** The metric whose name breakdown filled first here, warned about or not; for {@link CollectorSnapshot}. */
    private String firstCappedMetric;

    /**
     * @param tracked     the series the budget asks about; kept whatever the caps
     * @param diagnostics receives the warning when a name breakdown is cut off
     */
    public ResultsCollector(Set<SeriesKey> tracked, Diagnostics diagnostics) {
        this(Set.copyOf(tracked), diagnostics, new AtomicBoolean());
    }

    private ResultsCollector(Set<SeriesKey> tracked, Diagnostics diagnostics, AtomicBoolean nameCapWarned) {
        this.tracked = tracked;
        this.diagnostics = Objects.requireNonNull(diagnostics, "diagnostics");
        this.nameCapWarned = nameCapWarned;
    }

    /**
     * A new empty collector for another file, with the same tracked series; it shares this one's
     * once-only warning, so pooling many files warns about the name cap once.
     */
    public ResultsCollector emptyLike() {
        return new ResultsCollector(tracked, diagnostics, nameCapWarned);
    }

    /**
     * A new empty collector for one part of a file that is read in parts on several threads, with the same
     * tracked series. It warns of nothing: whether a name breakdown was cut off is asked with
     * {@link #nameCapReached()}, because which name values are kept depends on the order of the samples,
     * and only one reader of the whole file in order can tell that.
     */
    public ResultsCollector emptyPart() {
        return new ResultsCollector(tracked, new Diagnostics(), new AtomicBoolean(true));
    }

    /**
     * Whether a metric had more {@code name} values than its breakdown keeps, so that some were left out
     * of it, in what this collector read or merged.
     */
    public boolean nameCapReached() {
        return nameCapReached;
    }

    public Set<SeriesKey> tracked() {
        return tracked;
    }

    @Override
    public void declareMetric(String metric, MetricType type, MetricContents contents) {
        declare(metric, type, contents, true);
    }

    private MetricSeries declare(String metric, MetricType type, MetricContents contents, boolean contentsKnown) {
        requireOpen();
        MetricSeries existing = metrics.get(metric);
        if (existing != null) {
            existing.redeclare(type, contents, contentsKnown);
            return existing;
        }
        MetricSeries created = newMetricSeries(metric, type, contents, contentsKnown);
        metrics.put(metric, created);
        return created;
    }

    private MetricSeries newMetricSeries(String metric, MetricType type, MetricContents contents,
            boolean contentsKnown) {
        Set<String> trackedNames = new TreeSet<>();
        List<SeriesKey> trackedOther = new ArrayList<>();
        Set<String> watchedTags = new TreeSet<>();
        for (SeriesKey key : tracked) {
            if (!key.metric().equals(metric) || !key.isFiltered()) {
                continue;
            }
            String name = MetricSeries.nameOnly(key);
            if (name != null) {
                trackedNames.add(name);
            } else {
                trackedOther.add(key);
                key.filter().keySet().stream().filter(tag -> !tag.equals(MetricSeries.NAME_TAG))
                        .forEach(watchedTags::add);
            }
        }
        return new MetricSeries(metric, type, contents, contentsKnown, trackedNames, List.copyOf(trackedOther),
                watchedTags);
    }

    @Override
    public void sample(String metric, Tags tags, double value, long epochNanos) {
        requireOpen();
        MetricSeries series = metrics.get(metric);
        if (series == null) {
            throw new IllegalArgumentException("metric " + metric + " has a sample before it was declared");
        }
        if (!series.record(tags, value, epochNanos)) {
            nameCapReached = true;
            warnNameCap(metric);
        }
        samples++;
    }

    /** Adds a series that a pre-aggregated source reports, declaring its metric if needed. */
    public void report(ReportedSeries series) {
        declare(series.key().metric(), series.type(), series.contents(), series.contentsKnown()).report(series);
    }

    /** Adds the duration of one run read into this collector; pooled runs' durations add up. */
    public void addRunDuration(RunDuration runDuration) {
        requireOpen();
        duration = duration.plus(runDuration);
    }

    /**
     * Whether nothing was declared, sampled, reported or merged into this collector, nor a duration added,
     * and it still takes input: the only state a file is read in parts into, or a snapshot restored into.
     */
    public boolean isEmpty() {
        return metrics.isEmpty() && samples == 0 && duration.equals(RunDuration.NONE) && !finished;
    }

    /** Samples recorded so far. */
    public long sampleCount() {
        return samples;
    }

    /**
     * Pools everything {@code other} collected into this collector. Merging the collectors of a file's
     * parts, in the order of the parts, gives what reading the whole file into one collector gives, bit for
     * bit, unless {@link #nameCapReached()}: counts, exact sums, extremes, histograms, a gauge's last value
     * (of equal times the later part's), name values in the order they first came, the tag values seen.
     *
     * @throws IllegalArgumentException when a metric has another type or contents in {@code other},
     *                                  or a trend's values cannot be pooled
     */
    public void merge(ResultsCollector other) {
        requireOpen();
        if (!other.tracked.equals(tracked)) {
            throw new IllegalArgumentException("collectors track different series; create them with emptyLike()");
        }
        for (MetricSeries theirs : new TreeMap<>(other.metrics).values()) {
            MetricSeries ours = declare(theirs.metric, theirs.type, theirs.contents, theirs.contentsKnown);
            if (!ours.merge(theirs)) {
                nameCapReached = true;
                warnNameCap(theirs.metric);
            }
        }
        duration = duration.plus(other.duration);
        samples += other.samples;
        nameCapReached |= other.nameCapReached;
    }

    /**
     * The pooled results. Ends collecting: samples, reports and merges afterwards are refused, so the
     * results cannot change under their reader.
     */
    public RunResults results() {
        finished = true;
        return new CollectedResults(new TreeMap<>(metrics), duration);
    }

    void warnNameCap(String metric) {
        if (firstCappedMetric == null) {
            firstCappedMetric = metric;
        }
        if (nameCapWarned.compareAndSet(false, true)) {
            diagnostics.warning("metric " + metric + " has more than " + NAME_VALUES_PER_METRIC
                    + " distinct values of the tag name; the per-name summary keeps the first "
                    + NAME_VALUES_PER_METRIC + " (series the budget names are still measured). k6 names an"
                    + " untagged request by its URL: give requests to dynamic URLs a name tag.");
        }
    }

    // What CollectorSnapshot takes and restores; nothing else uses these.

    Map<String, MetricSeries> keptMetrics() {
        return metrics;
    }

    RunDuration keptDuration() {
        return duration;
    }

    String firstCappedMetric() {
        return firstCappedMetric;
    }

    MetricSeries declareRestored(String metric, MetricType type, MetricContents contents, boolean contentsKnown) {
        return declare(metric, type, contents, contentsKnown);
    }

    void addRestoredSamples(long count) {
        requireOpen();
        samples += count;
    }

    private void requireOpen() {
        if (finished) {
            throw new IllegalStateException("results() was called; this collector takes no more input");
        }
    }
}
