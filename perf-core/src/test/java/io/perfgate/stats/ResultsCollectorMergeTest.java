package io.perfgate.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Collectors of the parts of a file, merged in the order of the parts, hold what one collector reading the
 * whole file holds, bit for bit, wherever the file is split.
 */
class ResultsCollectorMergeTest {

    private static final Set<SeriesKey> TRACKED = Set.of(SeriesKey.of("http_req_duration"),
            SeriesKey.of("http_req_duration", "name", "n3"), SeriesKey.of("http_req_duration", "name", "nobody"),
            new SeriesKey("http_req_duration", Map.of("status", "500", "method", "GET")),
            new SeriesKey("http_req_duration", Map.of("status", "404")), SeriesKey.of("vus"),
            new SeriesKey("custom", Map.of("url", "u7")), SeriesKey.of("http_req_failed", "name", "n1"));

    /** One sample or declaration, as a reader hands it to the collector. */
    private record Event(String metric, MetricType type, MetricContents contents, Tags tags, double value, long nanos) {

        void into(ResultsCollector collector) {
            if (tags == null) {
                collector.declareMetric(metric, type, contents);
            } else {
                collector.sample(metric, tags, value, nanos);
            }
        }
    }

    private static final Map<String, MetricType> METRICS = new TreeMap<>(Map.of("http_req_duration", MetricType.TREND,
            "http_reqs", MetricType.COUNTER, "http_req_failed", MetricType.RATE, "vus", MetricType.GAUGE,
            "custom", MetricType.TREND, "data_sent", MetricType.COUNTER));

    private static List<Event> events(SplittableRandom random, int count, int names) {
        return events(random, count, names, METRICS);
    }

    private static List<Event> events(SplittableRandom random, int count, int names, Map<String, MetricType> metrics) {
        List<String> declared = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String metric = List.copyOf(metrics.keySet()).get(random.nextInt(metrics.size()));
            MetricType type = metrics.get(metric);
            if (!declared.contains(metric) || random.nextInt(50) == 0) {
                declared.add(metric);
                events.add(new Event(metric, type, MetricContents.DEFAULT, null, 0, 0));
            }
            Map<String, String> tags = new TreeMap<>();
            if (random.nextInt(10) > 0) {
                tags.put("name", "n" + random.nextInt(names));
            }
            tags.put("status", random.nextInt(8) == 0 ? "500" : random.nextInt(8) == 0 ? "404" : "200");
            tags.put("method", random.nextBoolean() ? "GET" : "POST");
            if (metric.equals("custom")) {
                tags.put("url", "u" + random.nextInt(300)); // more values than a watched tag keeps
            }
            events.add(new Event(metric, type, MetricContents.DEFAULT, Tags.of(tags), value(random, type),
                    random.nextInt(20) * 1_000_000L)); // many equal times: the gauge's tie rule counts
        }
        return events;
    }

    private static double value(SplittableRandom random, MetricType type) {
        return switch (type) {
            case TREND -> random.nextInt(15) == 0 ? 0 : random.nextInt(30) == 0 ? -random.nextDouble() * 5
                    : Math.exp(random.nextGaussian() * 2 + 3);
            case COUNTER -> random.nextBoolean() ? 1 : random.nextDouble() * 1e4;
            case RATE -> random.nextInt(4) == 0 ? 1 : 0;
            case GAUGE -> random.nextInt(100);
        };
    }

    private static String whole(List<Event> events) {
        ResultsCollector collector = new ResultsCollector(TRACKED, new Diagnostics());
        events.forEach(event -> event.into(collector));
        return ResultsDump.of(collector.results(), TRACKED);
    }

    private static ResultsCollector merged(List<Event> events, List<Integer> splits) {
        ResultsCollector target = new ResultsCollector(TRACKED, new Diagnostics());
        ResultsCollector merged = target.emptyPart();
        int from = 0;
        for (int to : splits) {
            ResultsCollector part = target.emptyPart();
            Set<String> declared = new java.util.HashSet<>();
            for (Event event : events.subList(from, to)) {
                // As a reader of a part does: a metric declared in an earlier part is declared here at its first sample.
                if (declared.add(event.metric()) && event.tags() != null) {
                    part.declareMetric(event.metric(), event.type(), event.contents());
                }
                event.into(part);
            }
            merged.merge(part);
            from = to;
        }
        target.merge(merged);
        return target;
    }

    @Test
    void shouldHoldExactlyWhatOneCollectorHoldsWhereverTheSamplesAreSplit() {
        SplittableRandom random = new SplittableRandom(2024);
        for (int round = 0; round < 25; round++) {
            // Up to 6,000 samples: trends past their 2,048 staged samples, in some parts and not in others.
            List<Event> events = events(random, random.nextInt(1, 6000), 1 + random.nextInt(12));
            String expected = whole(events);
            for (int split = 0; split < 4; split++) {
                List<Integer> splits = new ArrayList<>();
                int parts = 1 + random.nextInt(6);
                for (int i = 1; i < parts; i++) {
                    splits.add(random.nextInt(events.size() + 1));
                }
                splits.add(events.size());
                splits.sort(null);
                ResultsCollector merged = merged(events, splits);
                assertThat(merged.nameCapReached()).isFalse();
                assertThat(ResultsDump.of(merged.results(), TRACKED)).as("split at %s", splits).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldKeepTheNamesOneCollectorKeepsWhenOnlyThePartsTogetherHaveTooMany() {
        SplittableRandom random = new SplittableRandom(5);
        int cap = ResultsCollector.NAME_VALUES_PER_METRIC;
        Map<String, MetricType> metrics = Map.of("http_reqs", MetricType.COUNTER, "http_req_failed", MetricType.RATE);
        List<Event> events = new ArrayList<>();
        // Each part has fewer names than the breakdown keeps, both together more: which it keeps depends on order.
        for (Event event : events(random, 6_000, cap * 7 / 10, metrics)) {
            events.add(event);
        }
        for (Event event : events(random, 6_000, cap * 7 / 10, metrics)) {
            String name = event.tags() == null ? null : event.tags().get("name");
            Map<String, String> tags = event.tags() == null ? null : new TreeMap<>(event.tags().asMap());
            if (name != null) {
                tags.put("name", "n" + (Integer.parseInt(name.substring(1)) + cap / 2));
            }
            events.add(new Event(event.metric(), event.type(), event.contents(), tags == null ? null : Tags.of(tags),
                    event.value(), event.nanos()));
        }
        Diagnostics whole = new Diagnostics();
        ResultsCollector collector = new ResultsCollector(TRACKED, whole);
        events.forEach(event -> event.into(collector));
        String expected = ResultsDump.of(collector.results(), TRACKED);
        ResultsCollector merged = merged(events, List.of(events.size() / 2, events.size()));
        assertThat(merged.nameCapReached()).isTrue();
        assertThat(ResultsDump.of(merged.results(), TRACKED)).isEqualTo(expected);
        assertThat(whole.all()).hasSize(1);
    }

    @Test
    void shouldTellThatAPartCutItsBreakdownOff() {
        ResultsCollector part = new ResultsCollector(TRACKED, new Diagnostics()).emptyPart();
        part.declareMetric("http_reqs", MetricType.COUNTER, MetricContents.DEFAULT);
        for (int i = 0; i <= ResultsCollector.NAME_VALUES_PER_METRIC; i++) {
            part.sample("http_reqs", Tags.of(Map.of("name", "n" + i)), 1, i);
        }
        assertThat(part.nameCapReached()).isTrue();
        ResultsCollector merged = part.emptyPart();
        merged.merge(part);
        assertThat(merged.nameCapReached()).isTrue();
    }
}
