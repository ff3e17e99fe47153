package io.perfgate.history;

import java.util.Comparator;

/**
 * The one order of runs in every store: newest first by start, then by run id in descending
 * Unicode code point order, which is also PostgreSQL's {@code COLLATE "C"} order of UTF-8 text.
 */
final class RunOrder {

    static final Comparator<RunRecord> NEWEST_FIRST = Comparator.comparing(RunRecord::startedAt)
            .thenComparing(RunRecord::runId, RunOrder::compareCodePoints)
            .reversed();

    private RunOrder() {
    }

    static int compareCodePoints(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int a = left.codePointAt(i);
            int b = right.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(left.length() - i, right.length() - j);
    }
}
