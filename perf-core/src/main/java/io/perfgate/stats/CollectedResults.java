package io.perfgate.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/** {@link RunResults} over what a {@link ResultsCollector} kept. */
final class CollectedResults implements RunResults {

    private final Map<String, MetricSeries> metrics;
    private final RunDuration duration;

    CollectedResults(Map<String, MetricSeries> metrics, RunDuration duration) {
        this.metrics = metrics;
        this.duration = duration;
    }

    @Override
    public Optional<SeriesStatistics> series(SeriesKey key) {
        MetricSeries metric = metrics.get(key.metric());
        if (metric == null || !metric.keepsSamplesOf(key)) {
            return Optional.empty();
        }
        SampleAccumulator sampled = metric.sampled(key);
        List<ReportedSeries> reported = metric.reported.getOrDefault(key, List.of());
        if (sampled == null && reported.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PooledSeries(key, metric.type, metric.contents, sampled, reported,
                sourcesLacking(metric, key), duration));
    }

    /** Pre-aggregated sources that hold the metric but not this submetric of it: their share is unknown. */
    private static List<String> sourcesLacking(MetricSeries metric, SeriesKey key) {
        Set<String> lacking = new TreeSet<>(metric.reportingSources);
        metric.reported.getOrDefault(key, List.of()).forEach(series -> lacking.remove(series.source()));
        return List.copyOf(lacking);
    }

    @Override
    public String missingReason(SeriesKey key) {
        MetricSeries metric = metrics.get(key.metric());
        if (metric == null) {
            if (metrics.isEmpty()) {
                return "the results hold no metrics at all";
            }
            return "no metric " + key.metric() + " in the results (metrics seen: "
                    + SeenValues.list(metrics.keySet(), key.metric(), false) + ")";
        }
        if (!metric.keepsSamplesOf(key)) {
            return untrackedReason(metric, key);
        }
        List<String> reasons = new ArrayList<>();
        if (metric.hasSamples()) {
            reasons.add(tagReason(metric, key));
        } else if (metric.reportingSources.isEmpty()) {
            reasons.add("metric " + key.metric() + " is declared but has no samples");
        }
        for (String source : sourcesLacking(metric, key)) {
            reasons.add(source + " holds no submetric " + key + " (k6 writes only the submetrics that thresholds"
                    + " use; it has: " + submetricsOf(metric, source) + ")");
        }
        StringJoiner text = new StringJoiner("; ");
        reasons.forEach(text::add);
        return text.toString();
    }

    private static String untrackedReason(MetricSeries metric, SeriesKey key) {
        String name = MetricSeries.nameOnly(key);
        if (name != null && metric.nameCapReached && !metric.byName.containsKey(name)) {
            return key.metric() + " has more than " + ResultsCollector.NAME_VALUES_PER_METRIC
                    + " values of the tag name and " + key + " was not among those kept; only series named"
                    + " before reading are kept beyond that";
        }
        return "series " + key + " was not named before reading, so its samples were not kept";
    }

    private static String tagReason(MetricSeries metric, SeriesKey key) {
        for (Map.Entry<String, String> wanted : key.filter().entrySet()) {
            String tag = wanted.getKey();
            Set<String> seen;
            boolean truncated;
            if (tag.equals(MetricSeries.NAME_TAG)) {
                seen = metric.byName.keySet();
                truncated = metric.nameCapReached;
            } else {
                SeenValues.Bounded watched = metric.watchedTags.get(tag);
                if (watched == null) {
                    continue;
                }
                seen = watched.values();
                truncated = watched.truncated();
            }
            if (seen.isEmpty()) {
                return "no sample of " + key.metric() + " has a tag " + tag;
            }
            if (!seen.contains(wanted.getValue())) {
                String values = SeenValues.list(seen, wanted.getValue(), truncated);
                if (truncated) {
                    // Not every value was kept, so the sample may exist without matching the whole filter.
                    return "no sample of " + key.metric() + " matches " + key + "; " + wanted.getValue()
                            + " is not among the first " + seen.size() + " " + tag + " values kept (" + values + ")";
                }
                return "no sample of " + key.metric() + " has " + tag + "=" + wanted.getValue() + " (" + tag
                        + " values seen: " + values + ")";
            }
        }
        StringJoiner all = new StringJoiner(" and ");
        key.filter().forEach((tag, value) -> all.add(tag + "=" + value));
        return "no sample of " + key.metric() + " has " + all + " together";
    }

    private static String submetricsOf(MetricSeries metric, String source) {
        StringJoiner held = new StringJoiner(", ");
        metric.reported.forEach((key, list) -> {
            if (key.isFiltered() && list.stream().anyMatch(series -> series.source().equals(source))) {
                held.add(key.toString());
            }
        });
        return held.length() == 0 ? "none" : held.toString();
    }

    @Override
    public List<SeriesStatistics> summarySeries() {
        List<SeriesStatistics> summary = new ArrayList<>();
        for (MetricSeries metric : metrics.values()) {
            series(SeriesKey.of(metric.metric)).ifPresent(summary::add);
            Set<String> names = new TreeSet<>(metric.byName.keySet());
            metric.reported.keySet().stream().map(MetricSeries::nameOnly).filter(Objects::nonNull)
                    .forEach(names::add);
            for (String name : names) {
                series(SeriesKey.of(metric.metric, MetricSeries.NAME_TAG, name)).ifPresent(summary::add);
            }
        }
        return List.copyOf(summary);
    }

    @Override
    public Optional<StatusCounts> statuses(SeriesKey key) {
        MetricSeries metric = metrics.get(key.metric());
        if (metric == null || metric.type != MetricType.RATE || !metric.hasSamples()) {
            return Optional.empty();
        }
        if (!key.isFiltered()) {
            return Optional.of(metric.statuses.copy());
        }
        String name = MetricSeries.nameOnly(key);
        if (name == null || !metric.byName.containsKey(name)) {
            return Optional.empty();
        }
        return Optional.of(metric.statusesByName.getOrDefault(name, new StatusCounts()).copy());
    }

    @Override
    public RunDuration duration() {
        return duration;
    }
}
