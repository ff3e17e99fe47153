package io.perfgate.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything kept about one metric while reading: the whole metric, its breakdown by the
 * {@code name} tag, the budget's other series of it, what pre-aggregated sources reported, and the
 * tag values seen (for telling the user why a series is missing).
 */
final class MetricSeries {

    static final String NAME_TAG = "name";
    /** Most tag sets whose route is remembered per metric. */
    static final int ROUTES_KEPT = 4096;

    final String metric;
    MetricType type;
    MetricContents contents;
    boolean contentsKnown;

    SampleAccumulator overall;
    /** In the order the names first came: merging in file order keeps the names reading in that order keeps. */
    final Map<String, SampleAccumulator> byName = new LinkedHashMap<>();
    boolean nameCapReached;
    final Map<SeriesKey, SampleAccumulator> trackedOther = new LinkedHashMap<>();
    final Map<String, SeenValues.Bounded> watchedTags = new TreeMap<>();
    /** For a rate metric: its non-zero samples by status, of the whole metric and of each name in the breakdown. */
    final StatusCounts statuses = new StatusCounts();
    final Map<String, StatusCounts> statusesByName = new HashMap<>();

    final Map<SeriesKey, List<ReportedSeries>> reported = new TreeMap<>();
    final Set<String> reportingSources = new TreeSet<>();

    private final Set<String> trackedNames;
    private final List<SeriesKey> trackedOtherKeys;
    /** Routes of the tag sets seen lately; emptied when another source's series are merged in. */
    private final Map<Tags, Route> routes = new HashMap<>();

    MetricSeries(String metric, MetricType type, MetricContents contents, boolean contentsKnown,
            Set<String> trackedNames, List<SeriesKey> trackedOtherKeys, Set<String> watchedTagNames) {
        this.metric = metric;
        this.type = type;
        this.contents = contents;
        this.contentsKnown = contentsKnown;
        this.trackedNames = trackedNames;
        this.trackedOtherKeys = trackedOtherKeys;
        watchedTagNames.forEach(tag -> watchedTags.put(tag, new SeenValues.Bounded(ResultsCollector.TAG_VALUES_KEPT)));
    }

    /** Checks a repeated declaration against this one; adopts contents a summary could not tell. */
    void redeclare(MetricType otherType, MetricContents otherContents, boolean otherContentsKnown) {
        if (otherType != type) {
            throw new IllegalArgumentException("metric " + metric + " is a " + otherType.k6Name()
                    + " here but a " + type.k6Name() + " in what was read before");
        }
        if (!otherContentsKnown || otherContents == contents) {
            return;
        }
        if (contentsKnown) {
            throw new IllegalArgumentException("metric " + metric + " holds " + otherContents.k6Name()
                    + " values here but " + contents.k6Name() + " values in what was read before");
        }
        contents = otherContents;
        contentsKnown = true;
    }

    /** @return false when a new name value was dropped because the breakdown is full */
    boolean record(Tags tags, double value, long epochNanos) {
        Route route = routes.get(tags);
        if (route == null) {
            if (overall == null) {
                overall = SampleAccumulator.of(type);
            }
            overall.record(value, epochNanos); // first: a value it refuses leaves everything else as it was
            route = route(tags);
            for (int i = 1; i < route.targets.length; i++) {
                route.targets[i].record(value, epochNanos);
            }
        } else {
            for (SampleAccumulator target : route.targets) {
                target.record(value, epochNanos);
            }
        }
        if (type == MetricType.RATE && value != 0) {
            countStatus(tags, route.nameKept);
        }
        return route.nameKept;
    }

    /** A non-zero rate sample (a failed request) counted by its status, where it has one. */
    private void countStatus(Tags tags, boolean nameKept) {
        String status = tags.get(StatusCounts.STATUS_TAG);
        if (status == null) {
            return;
        }
        statuses.add(status, 1);
        String name = tags.get(NAME_TAG);
        if (name != null && nameKept) {
            statusesByName.computeIfAbsent(name, unused -> new StatusCounts()).add(status, 1);
        }
    }

    /**
     * Where samples with these tags go, found once per distinct tag set: the whole metric (first),
     * the name's breakdown, the budget's other series they match. Remembers the tag values the budget's
     * filters watch on the way (recording the same values again would change nothing).
     */
    private Route route(Tags tags) {
        List<SampleAccumulator> targets = new ArrayList<>(2);
        targets.add(overall);
        boolean nameKept = true;
        String name = tags.get(NAME_TAG);
        if (name != null) {
            SampleAccumulator forName = nameAccumulator(name);
            if (forName != null) {
                targets.add(forName);
            } else {
                nameKept = false;
            }
        }
        for (SeriesKey key : trackedOtherKeys) {
            if (key.matches(metric, tags)) {
                targets.add(trackedOther.computeIfAbsent(key, unused -> SampleAccumulator.of(type)));
            }
        }
        if (!watchedTags.isEmpty()) {
            watchedTags.forEach((tag, seen) -> {
                String tagValue = tags.get(tag);
                if (tagValue != null) {
                    seen.add(tagValue);
                }
            });
        }
        Route route = new Route(targets.toArray(SampleAccumulator[]::new), nameKept);
        if (routes.size() >= ROUTES_KEPT) {
            routes.clear(); // tags that are all different (e.g. a URL per request) must not grow memory
        }
        routes.put(tags, route);
        return route;
    }

    /** The accumulators one tag set's samples go into, and whether its name value has a place in the breakdown. */
    private record Route(SampleAccumulator[] targets, boolean nameKept) {
    }

    /** The accumulator for a name value, or null when the breakdown is full and the budget does not ask. */
    private SampleAccumulator nameAccumulator(String name) {
        SampleAccumulator existing = byName.get(name);
        if (existing != null) {
            return existing;
        }
        if (byName.size() >= ResultsCollector.NAME_VALUES_PER_METRIC && !trackedNames.contains(name)) {
            nameCapReached = true;
            return null;
        }
        SampleAccumulator created = SampleAccumulator.of(type);
        byName.put(name, created);
        return created;
    }

    void report(ReportedSeries series) {
        routes.clear();
        reported.computeIfAbsent(series.key(), unused -> new ArrayList<>()).add(series);
        reportingSources.add(series.source());
    }

    /** @return false when a name value of {@code other} was dropped because the breakdown is full */
    boolean merge(MetricSeries other) {
        routes.clear();
        redeclare(other.type, other.contents, other.contentsKnown);
        if (other.overall != null) {
            if (overall == null) {
                overall = SampleAccumulator.of(type);
            }
            overall.merge(other.overall);
        }
        boolean kept = true;
        for (Map.Entry<String, SampleAccumulator> entry : other.byName.entrySet()) {
            SampleAccumulator forName = nameAccumulator(entry.getKey());
            if (forName != null) {
                forName.merge(entry.getValue());
            } else {
                kept = false;
            }
        }
        nameCapReached |= other.nameCapReached;
        statuses.merge(other.statuses);
        other.statusesByName.forEach((name, counts) -> {
            if (byName.containsKey(name)) {
                statusesByName.computeIfAbsent(name, unused -> new StatusCounts()).merge(counts);
            }
        });
        other.trackedOther.forEach((key, accumulator) ->
                trackedOther.computeIfAbsent(key, unused -> SampleAccumulator.of(type)).merge(accumulator));
        other.watchedTags.forEach((tag, seen) -> watchedTags
                .computeIfAbsent(tag, unused -> new SeenValues.Bounded(ResultsCollector.TAG_VALUES_KEPT))
                .addAll(seen));
        other.reported.forEach((key, list) -> reported.computeIfAbsent(key, unused -> new ArrayList<>()).addAll(list));
        reportingSources.addAll(other.reportingSources);
        return kept;
    }

    boolean hasSamples() {
        return overall != null;
    }

    /** Whether samples of this series were kept while reading (always, for series the budget named). */
    boolean keepsSamplesOf(SeriesKey key) {
        if (!hasSamples() || !key.isFiltered()) {
            return true;
        }
        String name = nameOnly(key);
        if (name != null) {
            return trackedNames.contains(name) || byName.containsKey(name) || !nameCapReached;
        }
        return trackedOtherKeys.contains(key);
    }

    /** The samples of the series, or null when none matched. Only meaningful when {@link #keepsSamplesOf}. */
    SampleAccumulator sampled(SeriesKey key) {
        if (!key.isFiltered()) {
            return overall;
        }
        String name = nameOnly(key);
        return name != null ? byName.get(name) : trackedOther.get(key);
    }

    /** Whether the budget named this series, filtered by more than the name alone, before reading. */
    boolean tracksOther(SeriesKey key) {
        return trackedOtherKeys.contains(key);
    }

    /** The value of a filter that is exactly {@code name:value}, else null. */
    static String nameOnly(SeriesKey key) {
        Map<String, String> filter = key.filter();
        return filter.size() == 1 ? filter.get(NAME_TAG) : null;
    }
}
