package io.perfgate.history;

/**
 * The store refused this build's settings: PostgreSQL refused the user or password, the database or schema
 * does not exist, the user lacks a privilege the history needs, or the server only reads. Unlike an
 * unreachable server ({@link HistoryUnavailableException}) waiting does not help, so no run is spooled for
 * it: the message says what to fix. It never holds a credential.
 */
public class HistoryConfigurationException extends HistoryException {

    private static final long serialVersionUID = 1L;

    public HistoryConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
