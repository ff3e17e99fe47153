package io.perfgate.gate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one gate evaluation reads and where it writes.
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
 */
public record CheckRequest(Path budgetFile, Path resultsDirectory, List<Path> resultFiles, Path reportDirectory,
        boolean failOnK6Thresholds, Optional<HistoryOptions> history) {

    public CheckRequest {
        Objects.requireNonNull(budgetFile, "budgetFile");
        Objects.requireNonNull(resultsDirectory, "resultsDirectory");
        Objects.requireNonNull(reportDirectory, "reportDirectory");
        resultFiles = List.copyOf(resultFiles);
        Objects.requireNonNull(history, "history");
    }

    /** A request that keeps no history. */
    public CheckRequest(Path budgetFile, Path resultsDirectory, List<Path> resultFiles, Path reportDirectory,
            boolean failOnK6Thresholds) {
        this(budgetFile, resultsDirectory, resultFiles, reportDirectory, failOnK6Thresholds, Optional.empty());
    }

    /** This request with a history. */
    public CheckRequest withHistory(HistoryOptions options) {
        return new CheckRequest(budgetFile, resultsDirectory, resultFiles, reportDirectory, failOnK6Thresholds,
                Optional.of(options));
    }
}
