package io.perfgate.budget;

/**
 * A database line's {@code match} needed more work than {@link DatabaseSelector#MATCH_STEPS} allows to
 * select statements, or recursed too deeply: the line cannot be decided. The message says which
 * expression and why.
 */
public final class MatchTooCostlyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    MatchTooCostlyException(String message) {
        super(message);
    }
}
