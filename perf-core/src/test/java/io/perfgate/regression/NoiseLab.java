package io.perfgate.regression;

import io.perfgate.diag.Diagnostics;
import io.perfgate.history.FileHistoryStore;
import io.perfgate.history.RecordedRun;
import io.perfgate.history.RunRecord;
import io.perfgate.model.SeriesSummary;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Real runs recorded by {@code bench/noise-lab/record.sh}: the demo service under load at several
 * slowdowns, interleaved in random order, each run's record (per-series statistics and compressed
 * histograms) in a history folder, on the branch {@code slowdown-<factor>}. Read with the history's own
 * file store, as perf:check reads a baseline.
 *
 * @param name           the lab's folder name, e.g. {@code jmeter-2core}
 * @param loadTool       what made the load, as {@code runs.tsv} names it: {@code jmeter} or {@code k6}
 * @param runsBySlowdown the recorded runs of each slowdown factor (1.0 for none), oldest first
 */
record NoiseLab(String name, String loadTool, Map<Double, List<RunRecord>> runsBySlowdown) {

    static final String BRANCH_PREFIX = "slowdown-";

    /** Every lab under {@code noise-lab/} in the test resources, by name. */
    static List<NoiseLab> all() {
        URL folder = NoiseLab.class.getResource("/noise-lab");
        if (folder == null) {
            return List.of();
        }
        try (Stream<Path> labs = Files.list(Path.of(folder.toURI()))) {
            return labs.filter(lab -> Files.isDirectory(lab.resolve("history"))).sorted().map(NoiseLab::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One lab folder: {@code history/<project>/runs/slowdown-<factor>/}. */
    static NoiseLab read(Path lab) {
        FileHistoryStore store = new FileHistoryStore(lab.resolve("history"), new Diagnostics());
        Map<Double, List<RunRecord>> runs = new TreeMap<>();
        try (Stream<Path> projects = Files.list(store.root())) {
            for (Path project : projects.filter(Files::isDirectory).toList()) {
                String projectName = projectOf(project, store);
                try (Stream<Path> branches = Files.list(project.resolve("runs"))) {
                    for (Path branch : branches.filter(Files::isDirectory).toList()) {
                        String name = branch.getFileName().toString();
                        if (!name.startsWith(BRANCH_PREFIX)) {
                            continue;
                        }
                        List<RunRecord> recorded = new ArrayList<>();
                        for (RecordedRun run : store.runs(projectName, name, 10_000)) {
                            recorded.add(run.run());
                        }
                        recorded.sort(Comparator.comparing(RunRecord::startedAt));
                        runs.put(Double.parseDouble(name.substring(BRANCH_PREFIX.length())), List.copyOf(recorded));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new NoiseLab(lab.getFileName().toString(), loadTool(lab.resolve("runs.tsv")), runs);
    }

    /** The load tool of every run in {@code runs.tsv} (its third column), which the recorder writes. */
    private static String loadTool(Path runsTable) {
        try (Stream<String> lines = Files.lines(runsTable)) {
            Set<String> tools = new LinkedHashSet<>();
            lines.skip(1).filter(line -> !line.isBlank()).forEach(line -> {
                String[] columns = line.split("\t", -1);
                if (columns.length < 3 || columns[2].isBlank()) {
                    throw new IllegalArgumentException(runsTable + ": line without a load tool: " + line);
                }
                tools.add(columns[2]);
            });
            if (tools.size() != 1) {
                throw new IllegalArgumentException(runsTable + " must name one load tool for all runs, names " + tools);
            }
            return tools.iterator().next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project whose folder this is: the store names folders after projects, so ask it. */
    private static String projectOf(Path folder, FileHistoryStore store) throws IOException {
        for (String candidate : List.of("io.perfgate.demo:booking-service", folder.getFileName().toString())) {
            if (store.projectFolder(candidate).equals(folder)) {
                return candidate;
            }
        }
        throw new IOException("no known project is kept in " + folder);
    }

    List<RunRecord> runs(double slowdown) {
        return runsBySlowdown.getOrDefault(slowdown, List.of());
    }

    /** The Trend series the runs measured, in the first run's order: the overall one, then per endpoint. */
    Set<SeriesKey> trendSeries(String metric) {
        Set<SeriesKey> keys = new LinkedHashSet<>();
        for (List<RunRecord> runs : runsBySlowdown.values()) {
            for (RunRecord run : runs) {
                for (SeriesSummary summary : run.series()) {
                    if (summary.type() == MetricType.TREND && summary.key().metric().equals(metric)) {
                        keys.add(summary.key());
                    }
                }
            }
        }
        return keys;
    }

    /** The statistic of each run of a slowdown that holds a positive one. */
    List<Double> values(double slowdown, SeriesKey series, Statistic statistic) {
        List<Double> values = new ArrayList<>();
        for (RunRecord run : runs(slowdown)) {
            OptionalDouble value = run.series(series).map(summary -> summary.value(statistic))
                    .orElse(OptionalDouble.empty());
            if (value.isPresent() && value.getAsDouble() > 0) {
                values.add(value.getAsDouble());
            }
        }
        return values;
    }

    /**
     * How much the statistic of a slowdown's runs differs from that of the unchanged runs: the ratio of
     * their medians minus 1; empty without runs of either.
     */
    OptionalDouble change(double slowdown, SeriesKey series, Statistic statistic) {
        List<Double> unchanged = values(1.0, series, statistic);
        List<Double> changed = values(slowdown, series, statistic);
        if (unchanged.isEmpty() || changed.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(median(changed) / median(unchanged) - 1);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The standard deviation of the statistic's log over the unchanged runs: about its CV. */
    OptionalDouble noise(SeriesKey series, Statistic statistic) {
        List<Double> values = values(1.0, series, statistic);
        if (values.size() < 3) {
            return OptionalDouble.empty();
        }
        double mean = values.stream().mapToDouble(Math::log).average().orElseThrow();
        double sum = values.stream().mapToDouble(value -> (Math.log(value) - mean) * (Math.log(value) - mean)).sum();
        return OptionalDouble.of(Math.sqrt(sum / (values.size() - 1)));
    }
}
