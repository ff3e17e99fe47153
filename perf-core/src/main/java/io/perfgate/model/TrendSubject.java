package io.perfgate.model;

import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.Limit;
import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What one trend follows: a statistic of a series and the budget lines on it, whose recorded verdicts
 * (matched by series and expression) colour the trend's points.
 *
 * @param series      the series
 * @param statistic   the statistic
 * @param limits      the fixed limits of the threshold lines on it, in the budget's order
 * @param expressions the expressions of every budget line on it, threshold lines first, then regression
 *                    rules, each in the budget's order; a run's value is the first of these lines'
 *                    recorded observed values
 */
public record TrendSubject(SeriesKey series, Statistic statistic, List<TrendLimit> limits, List<String> expressions) {

    public TrendSubject {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(statistic, "statistic");
        limits = List.copyOf(limits);
        expressions = List.copyOf(expressions);
    }

    /** A trend of a statistic no budget line watches. */
    public static TrendSubject unwatched(SeriesKey series, Statistic statistic) {
        return new TrendSubject(series, statistic, List.of(), List.of());
    }

    /**
     * One subject per (series, statistic) that a threshold line or a regression rule of {@code lines}
     * watches, in the order of each pair's first line; database lines have no series and are left out.
     */
    public static List<TrendSubject> ofLines(List<? extends BudgetLine> lines) {
        Map<List<Object>, Parts> bySubject = new LinkedHashMap<>();
        for (BudgetLine line : lines) {
            if (line instanceof ThresholdLine threshold) {
                Limit limit = threshold.threshold().limit();
                Parts parts = bySubject.computeIfAbsent(List.of(threshold.series(), threshold.threshold().statistic()),
                        key -> new Parts(threshold.series(), threshold.threshold().statistic()));
                parts.limits.add(new TrendLimit(threshold.expression(), limit.value(), limit.unit()));
                parts.thresholdExpressions.add(threshold.expression());
            } else if (line instanceof RegressionLine regression) {
                Parts parts = bySubject.computeIfAbsent(List.of(regression.series(), regression.rule().statistic()),
                        key -> new Parts(regression.series(), regression.rule().statistic()));
                parts.regressionExpressions.add(regression.expression());
            }
        }
        return bySubject.values().stream().map(Parts::subject).toList();
    }

    private static final class Parts {

        private final SeriesKey series;
        private final Statistic statistic;
        private final List<TrendLimit> limits = new ArrayList<>();
        private final List<String> thresholdExpressions = new ArrayList<>();
        private final List<String> regressionExpressions = new ArrayList<>();

        Parts(SeriesKey series, Statistic statistic) {
            this.series = series;
            this.statistic = statistic;
        }

        TrendSubject subject() {
            return new TrendSubject(series, statistic, limits,
                    Stream.concat(thresholdExpressions.stream(), regressionExpressions.stream()).distinct().toList());
        }
    }
}
