/**
 * The run history: every gated run with its verdict, per-series statistics and budget line verdicts,
 * kept across builds so that a change can be judged against the runs before it.
 *
 * <p>{@link io.perfgate.history.HistoryStore} is the one interface; {@link
 * io.perfgate.history.FileHistoryStore} keeps the history in local files (the default, no set-up),
 * {@link io.perfgate.history.PostgresHistoryStore} in a PostgreSQL database shared by many build
 * agents, and {@link io.perfgate.history.SpoolingHistoryStore} puts a local spool in front of
 * PostgreSQL so that a database outage loses no run.
 */
package io.perfgate.history;
