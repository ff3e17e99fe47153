package io.perfgate.history;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.SourceLocation;

/**
 * A history or spool file that a newer perfgate wrote, in a format this one does not read. Unlike a
 * corrupt file it is left exactly where and as it is: the newer perfgate that wrote it still reads it.
 */
final class NewerFormatException extends BadInputException {

    private static final long serialVersionUID = 1L;

    NewerFormatException(SourceLocation location, String problem) {
        super(location, problem);
    }
}
