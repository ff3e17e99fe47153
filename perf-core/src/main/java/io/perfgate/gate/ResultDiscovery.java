package io.perfgate.gate;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.Option;
import io.perfgate.diag.SourceLocation;
import io.perfgate.run.K6BuildRuns;
import io.perfgate.run.K6RunRecord;
import io.perfgate.run.K6Runner;
import io.perfgate.run.RunRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds what a gate evaluates and groups it into runs: each k6 run that {@code perf:k6} recorded (a
 * folder with {@code k6-run.json}: the script's folder for a single run, or {@code run-N},
 * {@code baseline-N}, {@code candidate-N} below it) is one run with the role and round its record
 * names; results files lying in the results folder or one level below it, and the files the user
 * listed, are together one more candidate run of round 1.
 */
final class ResultDiscovery {

    /** Names of results files picked up without being listed; reports in the same folder are not. */
    private static final List<String> RESULT_ENDINGS = List.of(".jtl", ".ndjson", ".ndjson.gz");

    /** A recorded k6 run and the folder it lives in. */
    record K6RunFolder(Path folder, K6RunRecord record) {
    }

    /**
     * One run, before it is read.
     *
     * @param script the k6 script as recorded, empty for the results files outside perf:k6's folders
     * @param role   candidate or baseline
     * @param round  1-based round
     * @param files  its results files, as shown to the user
     * @param k6Run  the recorded k6 run, empty for the other results files
     */
    record FoundRun(Optional<Path> script, RunRole role, int round, List<Path> files, Optional<K6RunFolder> k6Run) {

        FoundRun {
            Objects.requireNonNull(script, "script");
            Objects.requireNonNull(role, "role");
            files = List.copyOf(files);
            Objects.requireNonNull(k6Run, "k6Run");
        }
    }

    /**
     * @param runs   the runs with results to read, k6 runs ordered by script, round and role, then the
     *               other results files
     * @param k6Runs every recorded k6 run, also those whose results cannot be used
     */
    record Found(List<FoundRun> runs, List<K6RunFolder> k6Runs) {

        Found {
            runs = List.copyOf(runs);
            k6Runs = List.copyOf(k6Runs);
        }

        /** The recorded candidate runs: k6's own thresholds count only where the candidate was measured. */
        List<K6RunFolder> candidateK6Runs() {
            return k6Runs.stream().filter(run -> run.record().role() == RunRole.CANDIDATE).toList();
        }
    }

    private static final Comparator<FoundRun> RUN_ORDER = Comparator
            .comparing((FoundRun run) -> run.script().map(Path::toString).orElse(""))
            .thenComparingInt(FoundRun::round)
            .thenComparing(FoundRun::role);

    private ResultDiscovery() {
    }

    /**
     * @throws BadInputException when a listed file does not exist, or there is no candidate result at all
     */
    static Found find(CheckRequest request, Diagnostics diagnostics) {
        List<K6RunFolder> k6Runs = new ArrayList<>();
        Set<Path> looseFiles = new LinkedHashSet<>();
        Path directory = request.resultsDirectory();
        if (Files.isDirectory(directory)) {
            for (Path candidate : listTwoLevels(directory)) {
                if (Files.isRegularFile(candidate.resolve(K6RunRecord.FILE_NAME))) {
                    k6Runs.add(new K6RunFolder(candidate, K6RunRecord.read(candidate.resolve(K6RunRecord.FILE_NAME))));
                } else if (Files.isRegularFile(candidate) && isResultsFileName(candidate)
                        && !Files.isRegularFile(candidate.resolveSibling(K6RunRecord.FILE_NAME))) {
                    looseFiles.add(candidate.toAbsolutePath().normalize());
                }
            }
        }
        for (Path listed : request.resultFiles()) {
            if (!Files.isRegularFile(listed)) {
                throw new BadInputException(SourceLocation.ofFile(request.displayed(listed).toString()),
                        "the results file listed in " + request.spelling().spell(Option.RESULT_FILES) + " does not exist");
            }
            looseFiles.add(listed.toAbsolutePath().normalize());
        }

        k6Runs = thisBuildsRuns(k6Runs, request, diagnostics);
        List<FoundRun> runs = new ArrayList<>();
        Map<String, K6RunFolder> claimed = new HashMap<>();
        Set<Path> read = new HashSet<>();
        for (K6RunFolder run : k6Runs) {
            K6RunRecord record = run.record();
            String slot = record.script() + " " + record.role() + " " + record.round();
            K6RunFolder other = claimed.putIfAbsent(slot, run);
            if (other != null) {
                diagnostics.error("both " + request.displayed(other.folder()) + " and " + request.displayed(run.folder())
                        + " hold the " + record.role().id() + " run of round " + record.round() + " of "
                        + scriptName(record) + "; the second is not used. Delete the stale folder, or let "
                        + request.spelling().spell(Option.K6_RUN) + " write the results afresh");
                continue;
            }
            resultsOf(run, request, diagnostics).ifPresent(file -> {
                read.add(realPath(file));
                runs.add(new FoundRun(Optional.of(Path.of(record.script())), record.role(), record.round(),
                        List.of(file), Optional.of(run)));
            });
        }
        runs.sort(RUN_ORDER);
        List<Path> otherFiles = new ArrayList<>();
        Map<Path, Path> looseByRealPath = new HashMap<>();
        for (Path file : looseFiles) {
            Path real = realPath(file);
            Path same = looseByRealPath.putIfAbsent(real, file);
            if (read.contains(real)) {
                diagnostics.warning(request.displayed(file) + " is listed in "
                        + request.spelling().spell(Option.RESULT_FILES) + " but is already read as part of its k6 run");
            } else if (same != null) {
                // Counting it twice would double the request count and halve every per-request ratio.
                diagnostics.warning(request.displayed(file) + " is the same file as " + request.displayed(same)
                        + " (reached through a link), so it is read once");
            } else {
                otherFiles.add(file);
            }
        }
        if (!otherFiles.isEmpty()) {
            runs.add(new FoundRun(Optional.empty(), RunRole.CANDIDATE, 1, otherFiles, Optional.empty()));
        }
        if (runs.stream().noneMatch(run -> run.role() == RunRole.CANDIDATE)) {
            throw new BadInputException(SourceLocation.ofFile(request.displayed(directory).toString()),
                    "no results to evaluate: no k6 run recorded by " + request.spelling().spell(Option.K6_RUN)
                            + " (" + K6RunRecord.FILE_NAME
                            + ") with a candidate's results, no .jtl, .ndjson or .ndjson.gz file, and no "
                            + request.spelling().spell(Option.RESULT_FILES) + " configured");
        }
        k6Runs.sort(Comparator.comparing(K6RunFolder::folder));
        return new Found(runs, k6Runs);
    }

    /**
     * For messages: {@code the k6 run of checkout.js}, and when the script ran several times the run's
     * folder, {@code the k6 run of checkout.js (run-2)}.
     */
    static String describe(K6RunFolder run) {
        String script = scriptName(run.record());
        String folder = run.folder().getFileName().toString();
        boolean onlyRun = folder.equals(K6Runner.folderName(Path.of(run.record().script())));
        return "the k6 run of " + script + (onlyRun ? "" : " (" + folder + ")");
    }

    private static String scriptName(K6RunRecord record) {
        return Path.of(record.script()).getFileName().toString();
    }

    /** The run's NDJSON when it is there; else its summary export, which holds fewer statistics. */
    private static Optional<Path> resultsOf(K6RunFolder run, CheckRequest request, Diagnostics diagnostics) {
        K6RunRecord record = run.record();
        if (record.outcome().isError()) {
            diagnostics.error(describe(run) + " did not finish ("
                    + (record.timedOut() ? "timed out" : "exit code " + record.exitCode())
                    + "), so its results in " + request.displayed(run.folder()) + " are not used");
            return Optional.empty();
        }
        Path ndjson = run.folder().resolve(record.ndjson());
        if (Files.isRegularFile(ndjson)) {
            return Optional.of(ndjson.toAbsolutePath().normalize());
        }
        Path summary = run.folder().resolve(record.summaryExport());
        if (Files.isRegularFile(summary)) {
            diagnostics.warning(describe(run) + " left no " + record.ndjson()
                    + "; its summary export is used, which holds only k6's summaryTrendStats");
            return Optional.of(summary.toAbsolutePath().normalize());
        }
        diagnostics.error(describe(run) + " left neither " + record.ndjson() + " nor "
                + record.summaryExport() + " in " + request.displayed(run.folder()));
        return Optional.empty();
    }

    /**
     * The runs of the scripts the latest k6 step ran, when it left its list ({@link K6BuildRuns}): a build
     * without {@code clean} keeps the folders of scripts an earlier build ran, which would otherwise be
     * pooled with this build's runs and change its verdict.
     */
    private static List<K6RunFolder> thisBuildsRuns(List<K6RunFolder> k6Runs, CheckRequest request,
            Diagnostics diagnostics) {
        Path directory = request.resultsDirectory();
        Optional<K6BuildRuns> latest = K6BuildRuns.read(directory,
                request.displayed(directory.resolve(K6BuildRuns.FILE_NAME)).toString());
        if (latest.isEmpty()) {
            return k6Runs;
        }
        Set<String> ran = Set.copyOf(latest.get().folders());
        List<K6RunFolder> kept = new ArrayList<>();
        Set<Path> left = new TreeSet<>();
        for (K6RunFolder run : k6Runs) {
            Path scriptFolder = directory.relativize(run.folder()).getName(0);
            if (ran.contains(scriptFolder.toString())) {
                kept.add(run);
            } else {
                left.add(directory.resolve(scriptFolder));
            }
        }
        for (Path folder : left) {
            diagnostics.warning(request.displayed(folder) + " holds k6 runs of an earlier build: the latest "
                    + request.spelling().spell(Option.K6_RUN) + " ran " + String.join(", ", latest.get().folders())
                    + ", so they are not used. Delete the folder, or build with clean");
        }
        return kept;
    }

    /** The file behind any links, so one file reached two ways is read once. */
    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static boolean isResultsFileName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return RESULT_ENDINGS.stream().anyMatch(name::endsWith);
    }

    private static List<Path> listTwoLevels(Path directory) {
        try (Stream<Path> paths = Files.walk(directory, 2)) {
            return paths.filter(path -> !path.equals(directory)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }
}
