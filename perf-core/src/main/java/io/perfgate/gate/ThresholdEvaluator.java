package io.perfgate.gate;

import io.perfgate.budget.Budget;
import io.perfgate.budget.Limit;
import io.perfgate.budget.Severity;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.model.LineResult;
import io.perfgate.model.LineSentence;
import io.perfgate.model.Verdict;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Judges each budget line against the results. Unlike k6, which passes a threshold that saw no
 * data, every line that cannot be decided is {@link Verdict#ERROR}, and the gate fails closed on it:
 * a series without samples, a statistic the metric's type does not have, a unit that does not fit
 * the metric, or a value the results cannot tell.
 */
public final class ThresholdEvaluator {

    private ThresholdEvaluator() {
    }

    /** One result per threshold line of the budget, in the budget's order. */
    public static List<LineResult> evaluate(Budget budget, RunResults results) {
        List<LineResult> evaluated = new ArrayList<>(budget.lines().size());
        for (ThresholdLine line : budget.thresholdLines()) {
            evaluated.add(evaluate(line, results));
        }
        return List.copyOf(evaluated);
    }

    /** The line judged against the results; {@link Verdict#ERROR} with the reason when it cannot be decided. */
    public static LineResult evaluate(ThresholdLine line, RunResults results) {
        Optional<SeriesStatistics> found = results.series(line.series());
        if (found.isEmpty()) {
            return error(line, results.missingReason(line.series()));
        }
        SeriesStatistics series = found.get();
        Statistic statistic = line.threshold().statistic();
        if (!series.type().supports(statistic.kind())) {
            return error(line, line.series().metric() + " is a " + series.type().k6Name()
                    + " metric; its thresholds may use " + allowedStatistics(series.type()));
        }
        String unitProblem = unitProblem(line, series);
        if (unitProblem != null) {
            return error(line, unitProblem);
        }
        OptionalDouble value = series.value(statistic);
        if (value.isEmpty()) {
            return error(line, series.unavailableReason(statistic));
        }
        double observed = value.getAsDouble();
        if (Double.isNaN(observed)) {
            return error(line, "the results hold no number for it (NaN)");
        }
        boolean kept = line.threshold().operator().holds(observed, line.threshold().limit().value());
        Verdict verdict = kept ? Verdict.PASS : line.severity() == Severity.WARN ? Verdict.WARN : Verdict.FAIL;
        return new LineResult(line, OptionalDouble.of(observed), verdict,
                LineSentence.measured(line, series.type(), series.contents(), observed, kept),
                LineSentence.observedText(line, series.type(), series.contents(), observed),
                LineSentence.limitText(line, series.type(), series.contents()));
    }

    /** Why the limit's unit does not fit the series, or null when it fits (a bare number always does). */
    private static String unitProblem(ThresholdLine line, SeriesStatistics series) {
        Limit limit = line.threshold().limit();
        String metric = line.series().metric();
        return switch (limit.dimension()) {
            case NONE -> null;
            case TIME -> series.contents() == MetricContents.TIME ? null
                    : "the limit " + limit.text() + " has a time unit, but " + metric + " holds "
                            + holds(series);
            case DATA -> series.contents() == MetricContents.DATA ? null
                    : "the limit " + limit.text() + " has a data unit, but " + metric + " holds "
                            + holds(series);
            case PERCENT -> series.type() == MetricType.RATE
                    && line.threshold().statistic().kind() == Statistic.Kind.RATE ? null
                    : "the limit " + limit.text() + " is a percentage, which only the rate of a rate metric "
                            + "can be (e.g. http_req_failed rate<1%)";
        };
    }

    private static String holds(SeriesStatistics series) {
        if (series.type() == MetricType.RATE) {
            return "fractions of 1";
        }
        return switch (series.contents()) {
            case TIME -> "times";
            case DATA -> "data sizes";
            case DEFAULT -> "plain numbers";
        };
    }

    /** {@code avg, min, max, med or p(N)}. */
    private static String allowedStatistics(MetricType type) {
        List<String> names = new ArrayList<>();
        for (Statistic.Kind kind : type.statistics()) {
            names.add(kind == Statistic.Kind.PERCENTILE ? "p(N)" : kind.name().toLowerCase(Locale.ROOT));
        }
        if (names.size() == 1) {
            return "only " + names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private static LineResult error(ThresholdLine line, String reason) {
        return new LineResult(line, OptionalDouble.empty(), Verdict.ERROR, LineSentence.unevaluated(line, reason), "",
                line.threshold().operator().symbol() + " " + line.threshold().limit().text());
    }
}
