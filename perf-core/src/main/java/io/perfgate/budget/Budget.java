package io.perfgate.budget;

import io.perfgate.stats.SeriesKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed budget file: its lines of every kind, in the order written.
 *
 * @param file  the file's name as shown to the user
 * @param lines fixed limits, regression rules and database lines
 */
public record Budget(String file, List<BudgetLine> lines) {

    public Budget {
        Objects.requireNonNull(file, "file");
        lines = List.copyOf(lines);
    }

    /** The fixed limits on k6 metrics, in the order written. */
    public List<ThresholdLine> thresholdLines() {
        return linesOf(ThresholdLine.class);
    }

    /** The rules against the baseline, in the order written. */
    public List<RegressionLine> regressionLines() {
        return linesOf(RegressionLine.class);
    }

    /** The limits on database statements, in the order written. */
    public List<DatabaseLine> databaseLines() {
        return linesOf(DatabaseLine.class);
    }

    /** The series the budget asks about, so ingestion knows which tag filters to keep. */
    public Set<SeriesKey> series() {
        Set<SeriesKey> keys = new TreeSet<>();
        thresholdLines().forEach(line -> keys.add(line.series()));
        regressionLines().forEach(line -> keys.add(line.series()));
        return keys;
    }

    private <T extends BudgetLine> List<T> linesOf(Class<T> kind) {
        return lines.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
