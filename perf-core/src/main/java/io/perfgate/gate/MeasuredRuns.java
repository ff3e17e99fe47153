package io.perfgate.gate;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.OptionSpelling;
import io.perfgate.diag.SourceLocation;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.ingest.K6Summaries;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.ingest.ResultSource;
import io.perfgate.run.RunRole;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.summary.RunSummaries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.TreeSet;

/**
 * The results of one build, run by run. Every file is read once, into its run's results; from there the
 * run is pooled, in constant memory per series, into
 * <ul>
 *   <li>{@link #pooledCandidates()}: every candidate run together. The fixed budget lines and k6's own
 *       thresholds judge these, as they judged all results before runs were repeated; a baseline run of
 *       the A/B mode is never in them;</li>
 *   <li>{@link #rounds()}: per round, the candidate's runs of all scripts (and in A/B mode the
 *       baseline's), the per-run observations that the regression check compares: the median of the
 *       candidate rounds against history, or the candidate against the baseline round by round.</li>
 * </ul>
 *
 * <p>Which runs make a round: without A/B, every run of its round number; the results files outside
 * perf:k6's folders count as round 1. Rounds are alike only when every script ran the same rounds, so a
 * warning says when they did not. In A/B mode only scripts that ran against the baseline take part, and
 * only rounds that hold both a baseline and a candidate run of each such script; a script or results
 * file without a baseline run is left out of the rounds with a warning, an incomplete round with an
 * error.
 */
public final class MeasuredRuns {

    private final List<MeasuredRun> runs;
    private final IngestedResults pooledCandidates;
    private final List<Round> rounds;
    private final boolean interleaved;
    private final List<ResultDiscovery.K6RunFolder> candidateK6Runs;

    private MeasuredRuns(List<MeasuredRun> runs, IngestedResults pooledCandidates, List<Round> rounds,
            boolean interleaved, List<ResultDiscovery.K6RunFolder> candidateK6Runs) {
        this.runs = List.copyOf(runs);
        this.pooledCandidates = pooledCandidates;
        this.rounds = List.copyOf(rounds);
        this.interleaved = interleaved;
        this.candidateK6Runs = List.copyOf(candidateK6Runs);
    }

    /**
     * Finds the runs a gate evaluates (k6 runs recorded under {@link CheckRequest#resultsDirectory()},
     * results files there and in {@link CheckRequest#resultFiles()}) and reads them.
     *
     * @param tracked     the series the budget asks about, kept exactly in every run
     * @param diagnostics receives warnings and errors about runs that cannot be used or do not pair up
     * @throws BadInputException when a results file cannot be used, there is no candidate result at all,
     *                           or runs cannot be pooled (a metric of two types)
     * @throws java.io.UncheckedIOException when the results folder cannot be listed
     */
    public static MeasuredRuns read(CheckRequest request, Set<SeriesKey> tracked, Diagnostics diagnostics) {
        return read(ResultDiscovery.find(request, diagnostics), tracked, file -> request.displayed(file).toString(),
                request.ingestThreads(), request.spelling(), diagnostics);
    }

    /**
     * @param shown    how a results file is named in the report and in messages
     * @param threads  the most threads that read one file
     * @param spelling how options are named in messages
     */
    static MeasuredRuns read(ResultDiscovery.Found found, Set<SeriesKey> tracked, Function<Path, String> shown,
            int threads, OptionSpelling spelling, Diagnostics diagnostics) {
        boolean interleaved = found.runs().stream().anyMatch(run -> run.role() == RunRole.BASELINE);
        Set<ResultDiscovery.FoundRun> inRounds = interleaved
                ? pairedRuns(found.runs(), diagnostics)
                : Set.copyOf(found.runs());
        if (!interleaved) {
            warnOfUnlikeRounds(found.runs(), diagnostics);
        }

        ResultsCollector pooled = new ResultsCollector(tracked, diagnostics);
        List<ResultSource> candidateSources = new ArrayList<>();
        Map<Integer, ResultsCollector> candidateRounds = new TreeMap<>();
        Map<Integer, ResultsCollector> baselineRounds = new TreeMap<>();
        List<MeasuredRun> runs = new ArrayList<>();
        for (ResultDiscovery.FoundRun run : found.runs()) {
            ResultsCollector collected = pooled.emptyLike();
            List<ResultSource> sources = new ArrayList<>();
            OptionalDouble testRunSeconds = run.k6Run().map(k6Run -> testRunSeconds(k6Run, shown, diagnostics))
                    .orElse(OptionalDouble.empty());
            for (Path file : run.files()) {
                ResultsCollector part = pooled.emptyLike();
                // A k6 run's NDJSON was read while k6 wrote it; the other files are read now.
                sources.add(isNdjsonOf(run, file)
                        ? RunSummaries.read(file, shown.apply(file), part, testRunSeconds, threads, spelling,
                                diagnostics)
                        : ResultIngest.readFile(file, shown.apply(file), part, testRunSeconds, threads, diagnostics));
                pool(collected, part, shown.apply(file), "the files before it");
            }
            String first = shown.apply(run.files().get(0));
            if (run.role() == RunRole.CANDIDATE) {
                pool(pooled, collected, first, "the candidate runs before it");
                candidateSources.addAll(sources);
            }
            if (inRounds.contains(run)) {
                Map<Integer, ResultsCollector> side = run.role() == RunRole.CANDIDATE ? candidateRounds : baselineRounds;
                pool(side.computeIfAbsent(run.round(), unused -> pooled.emptyLike()), collected, first,
                        "the other runs of round " + run.round());
            }
            runs.add(new MeasuredRun(run.script(), run.role(), run.round(), sources, collected.results()));
        }

        List<Round> rounds = new ArrayList<>();
        candidateRounds.forEach((number, candidate) -> {
            ResultsCollector baseline = baselineRounds.get(number);
            if (!interleaved || baseline != null) {
                rounds.add(new Round(number, candidate.results(),
                        baseline == null ? Optional.empty() : Optional.of(baseline.results())));
            }
        });
        return new MeasuredRuns(runs, new IngestedResults(pooled.results(), candidateSources), rounds, interleaved,
                found.candidateK6Runs());
    }

    /** Every run read, k6 runs by script, round and role, then the other results files. */
    public List<MeasuredRun> runs() {
        return runs;
    }

    /** Every candidate run pooled, with the files read into it: what fixed budget lines judge. */
    public IngestedResults pooledCandidates() {
        return pooledCandidates;
    }

    /**
     * The rounds in order, each one observation for the regression check; in A/B mode each holds its
     * baseline, so round i pairs {@code baseline} with {@code candidate}.
     */
    public List<Round> rounds() {
        return rounds;
    }

    /** Whether the runs were made in the interleaved A/B mode: some run measured a baseline URL. */
    public boolean interleaved() {
        return interleaved;
    }

    /** The recorded k6 runs of the candidate, also those whose results could not be used. */
    List<ResultDiscovery.K6RunFolder> candidateK6Runs() {
        return candidateK6Runs;
    }

    /**
     * How long k6 says the run's test lasted, from the summary export perf:k6 had it write: k6's own rates
     * divide by it, and the span of the NDJSON's points is shorter (for one iteration, a millisecond). The
     * process's time in the run record is not used: it includes k6's start-up and end, so rates would come
     * out lower than k6's.
     */
    private static OptionalDouble testRunSeconds(ResultDiscovery.K6RunFolder run, Function<Path, String> shown,
            Diagnostics diagnostics) {
        Path summary = run.folder().resolve(run.record().summaryExport());
        if (!Files.isRegularFile(summary)) {
            return OptionalDouble.empty();
        }
        try {
            return K6Summaries.testRunSeconds(summary, shown.apply(summary));
        } catch (BadInputException e) {
            diagnostics.warning(e.getMessage() + "; so the test duration of " + ResultDiscovery.describe(run)
                    + " is taken from the span of its samples, for per-second rates");
            return OptionalDouble.empty();
        }
    }

    private static boolean isNdjsonOf(ResultDiscovery.FoundRun run, Path file) {
        return run.k6Run().map(k6Run -> k6Run.folder().resolve(k6Run.record().ndjson()).toAbsolutePath().normalize()
                .equals(file.toAbsolutePath().normalize())).orElse(false);
    }

    private static void pool(ResultsCollector into, ResultsCollector from, String file, String what) {
        try {
            into.merge(from);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(SourceLocation.ofFile(file),
                    "cannot be pooled with " + what + ": " + e.getMessage(), e);
        }
    }

    /** The runs of the A/B comparison: per script that ran against the baseline, its complete rounds. */
    private static Set<ResultDiscovery.FoundRun> pairedRuns(List<ResultDiscovery.FoundRun> runs,
            Diagnostics diagnostics) {
        Set<ResultDiscovery.FoundRun> paired = new HashSet<>();
        bySource(runs).forEach((source, ofSource) -> {
            if (ofSource.stream().noneMatch(run -> run.role() == RunRole.BASELINE)) {
                diagnostics.warning(source + " ran without a baseline URL: its results count for the budget "
                        + "lines, but not in the A/B comparison");
                return;
            }
            Map<Integer, List<ResultDiscovery.FoundRun>> byRound = new TreeMap<>();
            ofSource.forEach(run -> byRound.computeIfAbsent(run.round(), unused -> new ArrayList<>()).add(run));
            byRound.forEach((round, sides) -> {
                if (sides.size() == 2) {
                    paired.addAll(sides);
                } else {
                    RunRole missing = sides.get(0).role() == RunRole.CANDIDATE ? RunRole.BASELINE : RunRole.CANDIDATE;
                    diagnostics.error("round " + round + " of " + source + " has no usable " + missing.id()
                            + " run, so the round is left out of the A/B comparison");
                }
            });
        });
        return paired;
    }

    private static void warnOfUnlikeRounds(List<ResultDiscovery.FoundRun> runs, Diagnostics diagnostics) {
        Map<String, Set<Integer>> roundsBySource = new LinkedHashMap<>();
        bySource(runs).forEach((source, ofSource) -> {
            Set<Integer> numbers = new TreeSet<>();
            ofSource.forEach(run -> numbers.add(run.round()));
            roundsBySource.put(source, numbers);
        });
        if (Set.copyOf(roundsBySource.values()).size() <= 1) {
            return;
        }
        StringJoiner counts = new StringJoiner(", ");
        roundsBySource.forEach((source, numbers) -> counts.add(source + " " + numbers.size()));
        diagnostics.warning("the scripts ran a different number of rounds (" + counts + "); each round pools the runs "
                + "made in it, so the rounds are not alike and a regression check over them is less sure");
    }

    /** The runs grouped by script, the results files outside perf:k6's folders as one more group. */
    private static Map<String, List<ResultDiscovery.FoundRun>> bySource(List<ResultDiscovery.FoundRun> runs) {
        Map<String, List<ResultDiscovery.FoundRun>> groups = new LinkedHashMap<>();
        for (ResultDiscovery.FoundRun run : runs) {
            String source = run.script().map(script -> script.getFileName().toString()).orElse("the results files");
            groups.computeIfAbsent(source, unused -> new ArrayList<>()).add(run);
        }
        return groups;
    }
}
