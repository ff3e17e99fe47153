package io.perfgate.publish;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One statistic across builds, e.g. p(95) of {@code http_req_duration{name:checkout}}.
 *
 * @param name              e.g. {@code http_req_duration{name:checkout} p(95)}, on one line and without bidi
 *                          controls; plain text, which a chart must escape like any other
 * @param unit              the unit of the values as the reports print them: {@code ms}, {@code s}, {@code %},
 *                          {@code /s}, {@code kB}..., or empty for plain numbers
 * @param values            one per build of the chart, oldest first; null where a build did not measure it
 * @param limits            the newest build's fixed limits on the statistic, in the budget's order
 * @param changePointBuilds the numbers of the builds that brought a lasting shift, oldest first
 */
public record TrendLine(String name, String unit, List<Double> values, List<TrendLimitLine> limits,
        List<Integer> changePointBuilds) {

    public TrendLine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unit, "unit");
        // Not List.copyOf: the gaps are nulls.
        values = Collections.unmodifiableList(new ArrayList<>(values));
        for (Double value : values) {
            if (value != null && !Double.isFinite(value)) {
                throw new IllegalArgumentException("value of " + name + " is not a finite number: " + value);
            }
        }
        limits = List.copyOf(limits);
        changePointBuilds = List.copyOf(changePointBuilds);
    }
}
