/**
 * Reaching PostgreSQL: connection settings whose password never reaches a message, and the scrubbing
 * that keeps credentials out of every error. Shared by the run history and the database budgets.
 */
package io.perfgate.postgres;
