package io.perfgate.history;

import io.perfgate.model.Verdict;
import io.perfgate.stats.SeriesKey;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * How one budget line came out in a run, so a trend can show value, limit and verdict per build.
 *
 * @param series     the series the line applies to
 * @param expression the threshold as written, e.g. {@code p(95)<300ms}
 * @param observed   the measured value in the metric's base unit; empty when it could not be measured
 * @param verdict    the line's verdict
 */
public record LineVerdict(SeriesKey series, String expression, OptionalDouble observed, Verdict verdict) {

    public LineVerdict {
        series = StoredText.seriesKey(series);
        Objects.requireNonNull(observed, "observed");
        Objects.requireNonNull(verdict, "verdict");
        expression = StoredText.required(expression, "expression of a line of " + series);
        if (observed.isPresent() && !Double.isFinite(observed.getAsDouble())) {
            throw new IllegalArgumentException("observed value of " + series + ": " + expression
                    + " is not a finite number: " + observed.getAsDouble());
        }
    }
}
