package io.perfgate.run;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;

/** A download whose server stopped sending: no byte arrived for the stall timeout. */
final class StalledDownloadException extends IOException {

    private static final long serialVersionUID = 1L;

    StalledDownloadException(Duration timeout, IOException cause) {
        super("no data arrived for " + seconds(timeout), cause);
    }

    /** {@code 60 s}, {@code 0.5 s}. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + " s";
    }
}
