package io.perfgate.gate;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.SourceLocation;
import io.perfgate.run.K6RunRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds what a gate evaluates: the k6 runs that {@code perf:k6} recorded (a folder with
 * {@code k6-run.json}), results files lying in the results folder or one level below it, and the
 * files the user listed.
 */
final class ResultDiscovery {

    /** Names of results files picked up without being listed; reports in the same folder are not. */
    private static final List<String> RESULT_ENDINGS = List.of(".jtl", ".ndjson", ".ndjson.gz");

    /** A recorded k6 run and the folder it lives in. */
    record K6RunFolder(Path folder, K6RunRecord record) {
    }

    /** @param files the results files to read, each once; @param k6Runs the recorded k6 runs */
    record Found(List<Path> files, List<K6RunFolder> k6Runs) {
    }

    private ResultDiscovery() {
    }

    static Found find(CheckRequest request, Diagnostics diagnostics) {
        Set<Path> files = new LinkedHashSet<>();
        List<K6RunFolder> k6Runs = new ArrayList<>();
        Path directory = request.resultsDirectory();
        if (Files.isDirectory(directory)) {
            for (Path candidate : listTwoLevels(directory)) {
                if (Files.isRegularFile(candidate.resolve(K6RunRecord.FILE_NAME))) {
                    K6RunFolder run = new K6RunFolder(candidate,
                            K6RunRecord.read(candidate.resolve(K6RunRecord.FILE_NAME)));
                    k6Runs.add(run);
                    resultsOf(run, diagnostics).ifPresent(files::add);
                } else if (Files.isRegularFile(candidate) && isResultsFileName(candidate)
                        && !Files.isRegularFile(candidate.resolveSibling(K6RunRecord.FILE_NAME))) {
                    files.add(DisplayPaths.of(candidate));
                }
            }
        }
        for (Path listed : request.resultFiles()) {
            if (!Files.isRegularFile(listed)) {
                throw new BadInputException(SourceLocation.ofFile(DisplayPaths.of(listed).toString()),
                        "the results file listed in resultFiles does not exist");
            }
            files.add(DisplayPaths.of(listed));
        }
        if (files.isEmpty()) {
            throw new BadInputException(SourceLocation.ofFile(DisplayPaths.of(directory).toString()),
                    "no results to evaluate: no k6 run recorded by perf:k6 (" + K6RunRecord.FILE_NAME
                            + "), no .jtl, .ndjson or .ndjson.gz file, and no resultFiles configured");
        }
        return new Found(List.copyOf(files), List.copyOf(k6Runs));
    }

    /** The run's NDJSON when it is there; else its summary export, which holds fewer statistics. */
    private static java.util.Optional<Path> resultsOf(K6RunFolder run, Diagnostics diagnostics) {
        String script = run.record().script();
        if (run.record().outcome().isError()) {
            diagnostics.error("the k6 run of " + script + " did not finish ("
                    + (run.record().timedOut() ? "timed out" : "exit code " + run.record().exitCode())
                    + "), so its results in " + DisplayPaths.of(run.folder()) + " are not used");
            return java.util.Optional.empty();
        }
        Path ndjson = run.folder().resolve(run.record().ndjson());
        if (Files.isRegularFile(ndjson)) {
            return java.util.Optional.of(DisplayPaths.of(ndjson));
        }
        Path summary = run.folder().resolve(run.record().summaryExport());
        if (Files.isRegularFile(summary)) {
            diagnostics.warning("the k6 run of " + script + " left no " + run.record().ndjson()
                    + "; its summary export is used, which holds only k6's summaryTrendStats");
            return java.util.Optional.of(DisplayPaths.of(summary));
        }
        diagnostics.error("the k6 run of " + script + " left neither " + run.record().ndjson() + " nor "
                + run.record().summaryExport() + " in " + DisplayPaths.of(run.folder()));
        return java.util.Optional.empty();
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
