package io.perfgate.database;

import static io.perfgate.database.Statements.T0;
import static io.perfgate.database.Statements.snapshot;
import static io.perfgate.database.Statements.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class StatementDiffTest {

    private static final Instant T1 = T0.plusSeconds(60);

    @Test
    void shouldTakeTheDifferenceOfEachStatementsCounters() {
        StatementChanges changes = StatementDiff.between(
                snapshot(T0, statement(1, "SELECT * FROM bookings WHERE id = $1", 100, 50.0, 100)),
                snapshot(T1, statement(1, "SELECT * FROM bookings WHERE id = $1", 130, 62.0, 145)));

        assertThat(changes.statements()).singleElement().satisfies(change -> {
            assertThat(change.calls()).isEqualTo(30);
            assertThat(change.totalTimeMs()).isCloseTo(12.0, within(1e-9));
            assertThat(change.meanTimeMs()).isCloseTo(0.4, within(1e-9));
            assertThat(change.rows()).isEqualTo(45);
            assertThat(change.sharedBlocksHit()).isEqualTo(120);
            assertThat(change.sharedBlocksRead()).isEqualTo(3);
            assertThat(change.origin()).isEqualTo(StatementChange.Origin.DIFFERENCE);
        });
        assertThat(changes.from()).isEqualTo(T0);
        assertThat(changes.to()).isEqualTo(T1);
        assertThat(changes.notes()).isEmpty();
    }

    @Test
    void shouldCountAStatementOnlyInTheSecondSnapshotWhole() {
        StatementChanges changes = StatementDiff.between(snapshot(T0),
                snapshot(T1, statement(7, "INSERT INTO bookings VALUES ($1, $2)", 12, 6.0, 12)));

        assertThat(changes.statements()).singleElement().satisfies(change -> {
            assertThat(change.calls()).isEqualTo(12);
            assertThat(change.totalTimeMs()).isEqualTo(6.0);
            assertThat(change.origin()).isEqualTo(StatementChange.Origin.NEW);
        });
        assertThat(changes.notes()).isEmpty();
    }

    @Test
    void shouldLeaveOutStatementsThatDidNotRunInBetweenOrOnlyBefore() {
        StatementChanges changes = StatementDiff.between(
                snapshot(T0, statement(1, "SELECT 1", 5, 1.0, 5), statement(2, "SELECT 2", 5, 1.0, 5)),
                snapshot(T1, statement(1, "SELECT 1", 5, 1.0, 5)));

        assertThat(changes.statements()).isEmpty();
    }

    @Test
    void shouldUseTheSecondCountersOfAnEntryWhoseCallsWentDown() {
        StatementChanges changes = StatementDiff.between(
                snapshot(T0, statement(1, "SELECT a", 500, 100.0, 500), statement(2, "SELECT b", 10, 1.0, 10)),
                snapshot(T1, statement(1, "SELECT a", 40, 8.0, 40), statement(2, "SELECT b", 30, 3.0, 30)));

        assertThat(changes.statements()).extracting(StatementChange::query, StatementChange::calls,
                StatementChange::origin).containsExactly(
                        tuple("SELECT a", 40L, StatementChange.Origin.SINCE_RESET),
                        tuple("SELECT b", 20L, StatementChange.Origin.DIFFERENCE));
        assertThat(changes.notes()).containsExactly("1 statement was reset or evicted between the snapshots "
                + "(counters went down or stats_since moved): for it the numbers since then are used");
    }

    @Test
    void shouldSeeAnEntryResetByItsStatsSinceEvenWhenItsCallsGrewPastTheOldCount() {
        StatementStatistics then = withStatsSince(statement(1, "SELECT a", 10, 5.0, 10), T0.minusSeconds(3600));
        StatementStatistics now = withStatsSince(statement(1, "SELECT a", 25, 9.0, 25), T0.plusSeconds(30));

        StatementChanges changes = StatementDiff.between(snapshot(T0, then), snapshot(T1, now));

        assertThat(changes.statements()).singleElement().satisfies(change -> {
            assertThat(change.calls()).isEqualTo(25);
            assertThat(change.origin()).isEqualTo(StatementChange.Origin.SINCE_RESET);
        });
    }

    @Test
    void shouldUseEverySecondCounterWhenAllStatisticsWereReset() {
        StatementSnapshot before = snapshot(T0, statement(1, "SELECT a", 10, 5.0, 10));
        StatementSnapshot after = new StatementSnapshot(T1, Statements.DATABASE, "17.5", 170005, "1.11",
                Optional.of(T0.plusSeconds(20)), OptionalLong.of(0),
                List.of(statement(1, "SELECT a", 50, 20.0, 50)));

        StatementChanges changes = StatementDiff.between(before, after);

        assertThat(changes.statements()).singleElement().satisfies(change -> {
            assertThat(change.calls()).isEqualTo(50);
            assertThat(change.origin()).isEqualTo(StatementChange.Origin.SINCE_RESET);
        });
        assertThat(changes.notes()).containsExactly("pg_stat_statements was reset between the snapshots (at "
                + "2025-06-01T10:00:20Z): the numbers are those since the reset and may miss part of the load run");
    }

    @Test
    void shouldNoteEvictionsDuringTheRun() {
        StatementSnapshot before = snapshot(T0, statement(1, "SELECT a", 10, 5.0, 10));
        StatementSnapshot after = new StatementSnapshot(T1, Statements.DATABASE, "17.5", 170005, "1.11",
                before.statsReset(), OptionalLong.of(3), List.of(statement(1, "SELECT a", 20, 9.0, 20)));

        assertThat(StatementDiff.between(before, after).notes()).containsExactly("pg_stat_statements had to evict "
                + "entries 3 times during the load run: a statement evicted and run again counts only from then on;"
                + " raise pg_stat_statements.max");
    }

    @Test
    void shouldListTheLongestTotalTimeFirst() {
        StatementChanges changes = StatementDiff.between(snapshot(T0), snapshot(T1,
                statement(1, "SELECT short", 100, 10.0, 100), statement(2, "SELECT long", 2, 90.0, 2),
                statement(3, "SELECT middle", 10, 30.0, 10)));

        assertThat(changes.statements()).extracting(StatementChange::query)
                .containsExactly("SELECT long", "SELECT middle", "SELECT short");
    }

    @Test
    void shouldTellEntriesOfDifferentUsersApart() {
        StatementStatistics mine = statement(1, "SELECT a", 10, 5.0, 10);
        StatementStatistics theirs = new StatementStatistics(new StatementKey(11, 16384, 1, true), "reporting",
                "SELECT a", 3, 1.0, 1.0 / 3, 0.5, 3, 0, 0, Optional.empty());

        StatementChanges changes = StatementDiff.between(snapshot(T0, mine), snapshot(T1,
                statement(1, "SELECT a", 14, 7.0, 14), theirs));

        assertThat(changes.statements()).extracting(StatementChange::user, StatementChange::calls)
                .containsExactlyInAnyOrder(tuple("shop", 4L),
                        tuple("reporting", 3L));
    }

    @Test
    void shouldRefuseSnapshotsOfDifferentDatabasesOrInTheWrongOrder() {
        StatementSnapshot other = new StatementSnapshot(T1, "db.example:5432/billing", "17.5", 170005, "1.11",
                Optional.empty(), OptionalLong.empty(), List.of());

        assertThatThrownBy(() -> StatementDiff.between(snapshot(T0), other))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the snapshots are of different databases: the one before the load of "
                        + "db.example:5432/shop, the one after of db.example:5432/billing");
        assertThatThrownBy(() -> StatementDiff.between(snapshot(T1), snapshot(T0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the snapshot after the load (2025-06-01T10:00:00Z) was taken before the one before it "
                        + "(2025-06-01T10:01:00Z)");
    }

    private static StatementStatistics withStatsSince(StatementStatistics s, Instant since) {
        return new StatementStatistics(s.key(), s.user(), s.query(), s.calls(), s.totalTimeMs(), s.meanTimeMs(),
                s.maxTimeMs(), s.rows(), s.sharedBlocksHit(), s.sharedBlocksRead(), Optional.of(since));
    }
}
