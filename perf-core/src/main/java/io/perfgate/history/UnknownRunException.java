package io.perfgate.history;

/** A pin or flag named a run the store does not hold (or, for a pin, not on that branch). */
public class UnknownRunException extends HistoryException {

    private static final long serialVersionUID = 1L;

    public UnknownRunException(String message) {
        super(message);
    }
}
