package io.perfgate.database;

/** Why {@code pg_stat_statements} could not be read; each message says how to fix it. */
public enum DatabaseProblem {
    /** No connection: wrong host or port, the server is down, the database does not exist. */
    UNREACHABLE,
    /** The server refused the user or password. */
    LOGIN_REFUSED,
    /** {@code CREATE EXTENSION pg_stat_statements} was not run in the database. */
    EXTENSION_MISSING,
    /** The library is not in {@code shared_preload_libraries}, so nothing is collected. */
    NOT_PRELOADED,
    /** The user sees other users' statements as {@code <insufficient privilege>}. */
    NO_PERMISSION,
    /** A pg_stat_statements version this project does not read. */
    UNSUPPORTED_VERSION,
    /** Any other failure of the snapshot's queries. */
    QUERY_FAILED
}
