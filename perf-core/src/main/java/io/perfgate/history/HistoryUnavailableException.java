package io.perfgate.history;

/**
 * The store could not be reached at all (no connection, the server went away); trying again later
 * may work, which is what {@link SpoolingHistoryStore} does.
 */
public class HistoryUnavailableException extends HistoryException {

    private static final long serialVersionUID = 1L;

    public HistoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
