package io.perfgate.history;

import io.perfgate.model.DatabaseStatementRow;
import java.util.List;

/**
 * What the application's database ran during a run's load, from {@code pg_stat_statements}, as the
 * history keeps it: a bounded share of the statements (the gate keeps those that took most time and
 * those a budget line selects), enough for a later build to say which statements moved.
 *
 * @param statementCount how many distinct statements ran in all; more than {@code statements} holds when
 *                       only some were kept
 * @param statements     the statements kept, each with what it did during the load
 */
public record RecordedStatements(int statementCount, List<DatabaseStatementRow> statements) {

    public RecordedStatements {
        statements = List.copyOf(statements);
        if (statementCount < statements.size()) {
            throw new IllegalArgumentException(statements.size() + " statements kept of only " + statementCount
                    + " that ran");
        }
        for (DatabaseStatementRow statement : statements) {
            StoredText.storable(statement.query(), "statement text");
            StoredText.storable(statement.user(), "statement user");
            if (statement.calls() < 1) {
                throw new IllegalArgumentException("a statement kept ran at least once, not " + statement.calls()
                        + " times");
            }
        }
    }

    /** Whether every statement that ran was kept, so a statement not among them did not run. */
    public boolean complete() {
        return statementCount == statements.size();
    }
}
