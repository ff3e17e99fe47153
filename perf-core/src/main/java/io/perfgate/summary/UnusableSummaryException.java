package io.perfgate.summary;

/**
 * A run summary that cannot be used: cut short, changed, another program's file, another format or another
 * perfgate's. The message says why, to follow the summary's name: {@code was written by perfgate 0.1.0, ...}.
 */
public final class UnusableSummaryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnusableSummaryException(String reason) {
        super(reason);
    }

    UnusableSummaryException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
