package io.perfgate.database;

/**
 * What tells one {@code pg_stat_statements} entry from another: the same normalized statement run by
 * two users, or at top level and inside a function, are separate entries.
 *
 * @param userId     {@code userid}, the role that ran it
 * @param databaseId {@code dbid}
 * @param queryId    {@code queryid}, the hash of the normalized statement
 * @param topLevel   {@code toplevel} (pg_stat_statements 1.9, PostgreSQL 14, on); true where the version
 *                   does not tell, since before 1.9 nested statements shared the top-level entry
 */
public record StatementKey(long userId, long databaseId, long queryId, boolean topLevel) {
}
