package io.perfgate.database;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The difference of two snapshots, per statement: what the load run between them did. Nothing has to
 * be reset before the run; a reset in between is detected and the numbers since it are used instead,
 * with a note:
 *
 * <ul>
 *   <li>all statistics reset ({@code pg_stat_statements_info.stats_reset} moved, 1.9 on): every
 *       statement's counters of the second snapshot;</li>
 *   <li>one entry reset or evicted and made again (a counter went down, or its {@code stats_since}
 *       moved, 1.11 on): that entry's counters of the second snapshot;</li>
 *   <li>a statement only in the second snapshot: all its counters are of the run.</li>
 * </ul>
 *
 * Statements without a call in between are left out, as are those only in the first snapshot.
 */
public final class StatementDiff {

    private static final Comparator<StatementChange> LONGEST_FIRST = Comparator
            .comparingDouble(StatementChange::totalTimeMs).reversed()
            .thenComparing(Comparator.comparingLong(StatementChange::calls).reversed())
            .thenComparingLong(change -> change.key().queryId())
            .thenComparingLong(change -> change.key().userId());

    private StatementDiff() {
    }

    /**
     * What ran between {@code before} and {@code after}.
     *
     * @throws IllegalArgumentException when they are of different databases, or {@code after} was taken first
     */
    public static StatementChanges between(StatementSnapshot before, StatementSnapshot after) {
        if (!before.database().equals(after.database())) {
            throw new IllegalArgumentException("the snapshots are of different databases: the one before the load"
                    + " of " + before.database() + ", the one after of " + after.database());
        }
        if (after.takenAt().isBefore(before.takenAt())) {
            throw new IllegalArgumentException("the snapshot after the load (" + after.takenAt()
                    + ") was taken before the one before it (" + before.takenAt() + ")");
        }
        boolean allReset = moved(before.statsReset(), after.statsReset());
        Map<StatementKey, StatementStatistics> earlier = new HashMap<>();
        before.statements().forEach(statement -> earlier.put(statement.key(), statement));
        List<StatementChange> changes = new ArrayList<>();
        int entriesReset = 0;
        for (StatementStatistics now : after.statements()) {
            StatementStatistics then = earlier.get(now.key());
            StatementChange change;
            if (allReset) {
                change = whole(now, StatementChange.Origin.SINCE_RESET);
            } else if (then == null) {
                change = whole(now, StatementChange.Origin.NEW);
            } else if (wentBack(then, now)) {
                entriesReset++;
                change = whole(now, StatementChange.Origin.SINCE_RESET);
            } else {
                change = now.calls() == then.calls() ? null : new StatementChange(now.key(), now.user(), now.query(),
                        now.calls() - then.calls(), now.totalTimeMs() - then.totalTimeMs(), now.rows() - then.rows(),
                        now.sharedBlocksHit() - then.sharedBlocksHit(),
                        now.sharedBlocksRead() - then.sharedBlocksRead(), StatementChange.Origin.DIFFERENCE);
            }
            if (change != null) {
                changes.add(change);
            }
        }
        changes.sort(LONGEST_FIRST);
        return new StatementChanges(after.database(), before.takenAt(), after.takenAt(), changes,
                notes(before, after, allReset, entriesReset), after.plans());
    }

    private static List<String> notes(StatementSnapshot before, StatementSnapshot after, boolean allReset,
            int entriesReset) {
        List<String> notes = new ArrayList<>();
        if (allReset) {
            notes.add("pg_stat_statements was reset between the snapshots (at " + after.statsReset().orElseThrow()
                    + "): the numbers are those since the reset and may miss part of the load run");
        }
        if (entriesReset > 0) {
            notes.add(entriesReset + (entriesReset == 1 ? " statement was" : " statements were") + " reset or evicted"
                    + " between the snapshots (counters went down or stats_since moved): for "
                    + (entriesReset == 1 ? "it" : "them") + " the numbers since then are used");
        }
        if (!allReset && before.deallocations().isPresent() && after.deallocations().isPresent()
                && after.deallocations().getAsLong() > before.deallocations().getAsLong()) {
            long evictions = after.deallocations().getAsLong() - before.deallocations().getAsLong();
            notes.add("pg_stat_statements had to evict entries " + evictions + (evictions == 1 ? " time" : " times")
                    + " during the load run: a statement evicted and run again counts only from then on; raise "
                    + "pg_stat_statements.max");
        }
        return notes;
    }

    /** The statement's counters as they stand: all of them fall in the run. */
    private static StatementChange whole(StatementStatistics now, StatementChange.Origin origin) {
        if (now.calls() == 0) {
            return null;
        }
        return new StatementChange(now.key(), now.user(), now.query(), now.calls(), now.totalTimeMs(), now.rows(),
                now.sharedBlocksHit(), now.sharedBlocksRead(), origin);
    }

    /** Counters only grow; one that went down, or a new start of the entry's statistics, means a reset. */
    private static boolean wentBack(StatementStatistics then, StatementStatistics now) {
        return now.calls() < then.calls() || now.totalTimeMs() < then.totalTimeMs() || now.rows() < then.rows()
                || now.sharedBlocksHit() < then.sharedBlocksHit() || now.sharedBlocksRead() < then.sharedBlocksRead()
                || moved(then.statsSince(), now.statsSince());
    }

    private static <T> boolean moved(Optional<T> then, Optional<T> now) {
        return then.isPresent() && now.isPresent() && !then.get().equals(now.get());
    }
}
