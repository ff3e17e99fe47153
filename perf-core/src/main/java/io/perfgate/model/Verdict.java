package io.perfgate.model;

/**
 * The outcome of one budget line or of the whole gate. {@code ERROR} means the line could not be
 * decided (no data, a statistic the source cannot tell); the gate fails closed on it.
 */
public enum Verdict {
    PASS,
    WARN,
    FAIL,
    ERROR;

    /** The worse of two verdicts, for rolling lines up into the gate's verdict. */
    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
