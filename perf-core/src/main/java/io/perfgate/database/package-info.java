/**
 * Database budgets from PostgreSQL's {@code pg_stat_statements}: a snapshot of the statement
 * statistics before and after the load run ({@link io.perfgate.database.StatementCapture}, written and
 * read by {@link io.perfgate.database.SnapshotFile}), their difference ({@link
 * io.perfgate.database.StatementDiff}), and the budget lines and report section over it ({@link
 * io.perfgate.database.DatabaseBudgets}). Nothing is ever reset: the two snapshots bracket the run,
 * and a reset in between is detected and noted. Right after the load the statements that mattered are
 * planned ({@code EXPLAIN (GENERIC_PLAN)}, never executed) and their plans kept with the second snapshot.
 */
package io.perfgate.database;
