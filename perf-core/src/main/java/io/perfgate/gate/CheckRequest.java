package io.perfgate.gate;

import io.perfgate.diag.OptionSpelling;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.regression.RegressionSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one gate evaluation reads and where it writes, resolved from {@link GateSettings}: the history is
 * opened and the run's identity known.
 *
 * @param budgetFile         the budget, {@code perf-budget.yaml} or JSON
 * @param resultsDirectory   searched for k6 run folders ({@code <script>/k6-run.json} and results
 *                           beside it) and results files; may not exist when only {@code resultFiles}
 *                           are given
 * @param resultFiles        further results files, e.g. the JTL that jmeter-maven-plugin writes
 * @param reportDirectory    where the four reports are written
 * @param failOnK6Thresholds whether a k6 run that crossed one of its own thresholds (exit 99) fails
 *                           the gate when no budget line covers that threshold
 * @param history            the run history to compare with and record into; empty to keep none
 * @param baseDirectory      paths in messages and reports are shown relative to this folder when below it
 * @param regression         the knobs of the regression checks
 * @param spelling           how the adapter spells options in messages
 * @param ingestThreads      the most threads that read one results file, at least 1 (see
 *                           {@link ResultIngest#DEFAULT_THREADS})
 */
public record CheckRequest(Path budgetFile, Path resultsDirectory, List<Path> resultFiles, Path reportDirectory,
        boolean failOnK6Thresholds, Optional<HistoryOptions> history, Path baseDirectory,
        RegressionSettings regression, OptionSpelling spelling, int ingestThreads) {

    public CheckRequest {
        Objects.requireNonNull(budgetFile, "budgetFile");
        Objects.requireNonNull(resultsDirectory, "resultsDirectory");
        Objects.requireNonNull(reportDirectory, "reportDirectory");
        resultFiles = List.copyOf(resultFiles);
        Objects.requireNonNull(history, "history");
        baseDirectory = baseDirectory.toAbsolutePath().normalize();
        Objects.requireNonNull(regression, "regression");
        Objects.requireNonNull(spelling, "spelling");
        if (ingestThreads < 1) {
            throw new IllegalArgumentException("ingestThreads must be at least 1, was " + ingestThreads);
        }
    }

    /** A request whose results files are read on as many threads as there are processors. */
    public CheckRequest(Path budgetFile, Path resultsDirectory, List<Path> resultFiles, Path reportDirectory,
            boolean failOnK6Thresholds, Optional<HistoryOptions> history, Path baseDirectory,
            RegressionSettings regression, OptionSpelling spelling) {
        this(budgetFile, resultsDirectory, resultFiles, reportDirectory, failOnK6Thresholds, history, baseDirectory,
                regression, spelling, ResultIngest.DEFAULT_THREADS);
    }

    /**
     * A request that keeps no history, shows paths relative to the working folder, uses the default
     * regression settings and the neutral option names.
     */
    public CheckRequest(Path budgetFile, Path resultsDirectory, List<Path> resultFiles, Path reportDirectory,
            boolean failOnK6Thresholds) {
        this(budgetFile, resultsDirectory, resultFiles, reportDirectory, failOnK6Thresholds, Optional.empty(),
                Path.of(""), RegressionSettings.defaults(), OptionSpelling.KEYS);
    }

    /** This request with a history. */
    public CheckRequest withHistory(HistoryOptions options) {
        return new CheckRequest(budgetFile, resultsDirectory, resultFiles, reportDirectory, failOnK6Thresholds,
                Optional.of(options), baseDirectory, regression, spelling, ingestThreads);
    }

    /** This request with options spelled as an adapter spells them. */
    public CheckRequest withSpelling(OptionSpelling spelling) {
        return new CheckRequest(budgetFile, resultsDirectory, resultFiles, reportDirectory, failOnK6Thresholds,
                history, baseDirectory, regression, spelling, ingestThreads);
    }

    /** This request reading each results file on at most {@code threads} threads. */
    public CheckRequest withIngestThreads(int threads) {
        return new CheckRequest(budgetFile, resultsDirectory, resultFiles, reportDirectory, failOnK6Thresholds,
                history, baseDirectory, regression, spelling, threads);
    }

    /** {@code path} as users see it: relative to the base folder when below it. */
    public Path displayed(Path path) {
        return DisplayPaths.of(path, baseDirectory);
    }
}
