package io.perfgate.budget;

import io.perfgate.stats.SeriesKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed budget file: its thresholds in the order written.
 *
 * @param file  the file's name as shown to the user
 * @param lines the thresholds
 */
public record Budget(String file, List<BudgetLine> lines) {

    public Budget {
        Objects.requireNonNull(file, "file");
        lines = List.copyOf(lines);
    }

    /** The series the budget asks about, so ingestion knows which tag filters to keep. */
    public Set<SeriesKey> series() {
        Set<SeriesKey> keys = new TreeSet<>();
        lines.forEach(line -> keys.add(line.series()));
        return keys;
    }
}
