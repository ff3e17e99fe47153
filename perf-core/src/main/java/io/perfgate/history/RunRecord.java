package io.perfgate.history;

import io.perfgate.model.SeriesSummary;
import io.perfgate.model.Verdict;
import io.perfgate.stats.SeriesKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * One gated run as the history keeps it. A run is identified by {@code (project, runId)}: recording
 * the same pair again (a retried build) never adds a second run.
 *
 * @param project   what was measured, e.g. the Maven {@code groupId:artifactId}
 * @param branch    the branch the run measured, e.g. {@code main}
 * @param commit    the commit measured, when known
 * @param runId     the build's identity within the project, e.g. the CI's build number; stable across
 *                  retries of the same build
 * @param buildUrl  where the build can be looked at, when known
 * @param startedAt when the run started; kept to the microsecond, which is what PostgreSQL keeps
 * @param labels    the environment, e.g. {@code agent=linux-4, jdk=17}; sorted by name
 * @param verdict   the gate's verdict of the run
 * @param series    a summary per series, each series once, in the report's order: for a build that ran its
 *                  load k times, all k runs pooled
 * @param rounds    for a build that ran its load k times (k6's {@code repeat}), each round's statistics of
 *                  the same series, in the order of {@code series}, without histograms (the pooled series
 *                  keeps the distribution); a series a round did not measure is left out of it. Empty for a
 *                  single-run build and for runs recorded before rounds were kept
 * @param lines     the verdict of each budget line, in the budget's order
 * @param statements what the application's database ran during the load; empty for a run without database
 *                  snapshots and for every run recorded before statements were kept
 */
public record RunRecord(String project, String branch, Optional<String> commit, String runId,
        Optional<String> buildUrl, Instant startedAt, Map<String, String> labels, Verdict verdict,
        List<SeriesSummary> series, List<List<SeriesSummary>> rounds, List<LineVerdict> lines,
        Optional<RecordedStatements> statements) {

    /** The earliest and latest start every store can keep and order by name. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public RunRecord {
        project = StoredText.required(project, "project");
        branch = StoredText.required(branch, "branch");
        runId = StoredText.required(runId, "runId");
        commit = Objects.requireNonNull(commit, "commit").map(value -> StoredText.required(value, "commit"));
        buildUrl = Objects.requireNonNull(buildUrl, "buildUrl").map(value -> StoredText.required(value, "buildUrl"));
        Objects.requireNonNull(startedAt, "startedAt");
        if (startedAt.isBefore(EARLIEST) || startedAt.isAfter(LATEST)) {
            throw new IllegalArgumentException("startedAt " + startedAt + " is outside the years 1 to 9999");
        }
        startedAt = startedAt.truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(verdict, "verdict");
        TreeMap<String, String> sortedLabels = new TreeMap<>();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (sortedLabels.put(StoredText.required(label.getKey(), "label name"),
                    StoredText.storable(label.getValue(), "label " + label.getKey())) != null) {
                throw new IllegalArgumentException("labels differ only in characters no store can keep: "
                        + labels.keySet());
            }
        }
        labels = Collections.unmodifiableMap(sortedLabels);
        series = series.stream().map(RunRecord::storable).toList();
        Set<SeriesKey> seen = new HashSet<>();
        for (SeriesSummary summary : series) {
            if (!seen.add(summary.key())) {
                throw new IllegalArgumentException("series " + summary.key() + " appears twice in run " + runId);
            }
        }
        rounds = inSeriesOrder(series, rounds.stream().map(round -> round.stream().map(RunRecord::storable)
                .toList()).toList(), runId);
        lines = List.copyOf(lines);
        Objects.requireNonNull(statements, "statements");
    }

    /** A run without database statements. */
    public RunRecord(String project, String branch, Optional<String> commit, String runId,
            Optional<String> buildUrl, Instant startedAt, Map<String, String> labels, Verdict verdict,
            List<SeriesSummary> series, List<List<SeriesSummary>> rounds, List<LineVerdict> lines) {
        this(project, branch, commit, runId, buildUrl, startedAt, labels, verdict, series, rounds, lines,
                Optional.empty());
    }

    /**
     * Each round's series in the pooled order. The stores keep a round's statistics beside the pooled
     * series they belong to, so a round holds only series the run pooled, of the same type and contents,
     * and no histogram.
     */
    private static List<List<SeriesSummary>> inSeriesOrder(List<SeriesSummary> series,
            List<List<SeriesSummary>> rounds, String runId) {
        if (!rounds.isEmpty() && series.isEmpty()) {
            throw new IllegalArgumentException("run " + runId + " has rounds but no series to keep them with");
        }
        Map<SeriesKey, Integer> positions = new HashMap<>();
        for (int i = 0; i < series.size(); i++) {
            positions.put(series.get(i).key(), i);
        }
        List<List<SeriesSummary>> ordered = new ArrayList<>();
        for (int round = 1; round <= rounds.size(); round++) {
            SeriesSummary[] byPosition = new SeriesSummary[series.size()];
            for (SeriesSummary summary : rounds.get(round - 1)) {
                Integer position = positions.get(summary.key());
                String where = "series " + summary.key() + " of round " + round + " of run " + runId;
                if (position == null) {
                    throw new IllegalArgumentException(where + " is not among the run's series");
                }
                SeriesSummary pooled = series.get(position);
                if (summary.type() != pooled.type() || summary.contents() != pooled.contents()) {
                    throw new IllegalArgumentException(where + " is a " + summary.type().k6Name() + " of "
                            + summary.contents().k6Name() + " values, the run's a " + pooled.type().k6Name() + " of "
                            + pooled.contents().k6Name() + " values");
                }
                if (summary.histogram().isPresent()) {
                    throw new IllegalArgumentException(where + " has a histogram; only the pooled series keeps one");
                }
                if (byPosition[position] != null) {
                    throw new IllegalArgumentException(where + " appears twice");
                }
                byPosition[position] = summary;
            }
            ordered.add(Arrays.stream(byPosition).filter(Objects::nonNull).toList());
        }
        return List.copyOf(ordered);
    }

    /** A summary whose key every store keeps as it is (see {@link StoredText}). */
    private static SeriesSummary storable(SeriesSummary summary) {
        SeriesKey key = StoredText.seriesKey(summary.key());
        return key.equals(summary.key()) ? summary : new SeriesSummary(key, summary.type(), summary.contents(),
                summary.count(), summary.rate(), summary.min(), summary.avg(), summary.med(), summary.p90(),
                summary.p95(), summary.p99(), summary.max(), summary.errorRate(), summary.histogram());
    }

    /** The summary of one series, if the run measured it; the key is compared as the stores keep it. */
    public Optional<SeriesSummary> series(SeriesKey key) {
        SeriesKey stored = StoredText.seriesKey(key);
        return series.stream().filter(summary -> summary.key().equals(stored)).findFirst();
    }

    /**
     * Each round's summary of one series, empty where the round did not measure it; no element at all when
     * the run kept no rounds.
     */
    public List<Optional<SeriesSummary>> rounds(SeriesKey key) {
        SeriesKey stored = StoredText.seriesKey(key);
        return rounds.stream()
                .map(round -> round.stream().filter(summary -> summary.key().equals(stored)).findFirst())
                .toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects a run's parts; {@link #build()} checks them. Not thread-safe. */
    public static final class Builder {

        private String project;
        private String branch;
        private String commit;
        private String runId;
        private String buildUrl;
        private Instant startedAt;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private Verdict verdict;
        private final List<SeriesSummary> series = new ArrayList<>();
        private final List<List<SeriesSummary>> rounds = new ArrayList<>();
        private final List<LineVerdict> lines = new ArrayList<>();
        private RecordedStatements statements;

        private Builder() {
        }

        public Builder project(String value) {
            project = value;
            return this;
        }

        public Builder branch(String value) {
            branch = value;
            return this;
        }

        /** The commit measured; {@code null} when unknown. */
        public Builder commit(String value) {
            commit = value;
            return this;
        }

        public Builder runId(String value) {
            runId = value;
            return this;
        }

        /** Where the build can be looked at; {@code null} when unknown. */
        public Builder buildUrl(String value) {
            buildUrl = value;
            return this;
        }

        public Builder startedAt(Instant value) {
            startedAt = value;
            return this;
        }

        public Builder label(String name, String value) {
            labels.put(Objects.requireNonNull(name, "label name"), Objects.requireNonNull(value, "label " + name));
            return this;
        }

        public Builder labels(Map<String, String> values) {
            values.forEach(this::label);
            return this;
        }

        public Builder verdict(Verdict value) {
            verdict = value;
            return this;
        }

        public Builder series(SeriesSummary summary) {
            series.add(Objects.requireNonNull(summary, "summary"));
            return this;
        }

        /** The next round's statistics, of series also given to {@link #series}. */
        public Builder round(List<SeriesSummary> roundSeries) {
            rounds.add(List.copyOf(roundSeries));
            return this;
        }

        public Builder line(LineVerdict line) {
            lines.add(Objects.requireNonNull(line, "line"));
            return this;
        }

        /** What the application's database ran during the load; {@code null} when unknown. */
        public Builder statements(RecordedStatements value) {
            statements = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first missing or unusable part */
        public RunRecord build() {
            require(project, "project");
            require(branch, "branch");
            require(runId, "runId");
            require(startedAt, "startedAt");
            require(verdict, "verdict");
            return new RunRecord(project, branch, Optional.ofNullable(commit), runId, Optional.ofNullable(buildUrl),
                    startedAt, labels, verdict, series, rounds, lines, Optional.ofNullable(statements));
        }

        private static void require(Object value, String name) {
            if (value == null) {
                throw new IllegalArgumentException("a run needs its " + name);
            }
        }
    }
}
