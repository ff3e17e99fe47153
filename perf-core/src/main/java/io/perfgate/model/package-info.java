/**
 * What a gate evaluation found, as values every part of perfgate shares: the verdicts, each budget
 * line's result and sentence, the per-series summary, the trends and the database section, gathered
 * in a {@link io.perfgate.model.GateReport}. The writers render it, the history keeps parts of it,
 * and adapters (the Maven plugin, the Jenkins plugin) show it; nothing here reads or writes files.
 */
package io.perfgate.model;
