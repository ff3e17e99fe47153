/**
 * The gate: finds results, evaluates the budget over them, writes every report and returns the
 * verdict. The Maven and Jenkins plugins call this and only translate its outcome.
 */
package io.perfgate.gate;
