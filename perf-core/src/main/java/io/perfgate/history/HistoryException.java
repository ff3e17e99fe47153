package io.perfgate.history;

/** The history store could not do what was asked. The message never holds a credential. */
public class HistoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HistoryException(String message) {
        super(message);
    }

    public HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
