package io.perfgate.run;

/**
 * k6 could not produce usable results: not installed, failed to start, failed, or timed out. The
 * message is written for the user and says what to do.
 */
public class K6RunException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public K6RunException(String message) {
        super(message);
    }

    public K6RunException(String message, Throwable cause) {
        super(message, cause);
    }
}
