package io.perfgate.publish;

import io.perfgate.budget.BudgetLine;
import io.perfgate.budget.Limit;
import io.perfgate.budget.RegressionLine;
import io.perfgate.budget.ThresholdLine;
import io.perfgate.model.GateReport;
import io.perfgate.model.LineResult;
import io.perfgate.model.SeriesSummary;
import io.perfgate.model.TrendLimit;
import io.perfgate.model.TrendSubject;
import io.perfgate.model.UntrustedText;
import io.perfgate.model.ValueFormat;
import io.perfgate.regression.ChangePoint;
import io.perfgate.regression.ChangePointSettings;
import io.perfgate.regression.ChangePoints;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The job page's trend across builds, from the gate reports the builds kept: one line per statistic the
 * newest build's budget watches ({@link TrendSubject#ofLines}), with that budget's fixed limits and the
 * change points of its values.
 *
 * <p><b>Values.</b> A build's value is the observed value of its first line on the statistic (the newest
 * budget's expressions first, so an older budget with other limits still counts), else its series
 * summary's; a build that measured neither, or kept no report, has none (null, never 0).
 *
 * <p><b>Units.</b> As the HTML report draws trends: the unit of the first limit written with one (so a
 * rate against {@code 1%} is in percent), else the unit that suits the largest value, for a counter's rate
 * {@code /s}. Values and limits are scaled to it.
 *
 * <p><b>Change points.</b> {@link ChangePoints#find} with the default settings over the builds with a
 * value, as for the history's trends; it needs 10 values (the least segment on either side) before it
 * can find one.
 */
public final class BuildTrend {

    /** The newest builds drawn; change-point detection grows with the square of their number. */
    public static final int MAX_BUILDS = 50;

    /** A line's name or limit longer than this is cut, so a legend stays a legend. */
    public static final int MAX_NAME_CODE_POINTS = 200;

    /** A build's name longer than this is cut, so the axis stays readable. */
    public static final int MAX_BUILD_NAME_CODE_POINTS = 100;

    private static final ChangePointSettings CHANGE_POINTS = ChangePointSettings.defaults();

    /** Values needed for a change point: the least segment on both sides. */
    private static final int MIN_CHANGE_POINT_VALUES = 2 * CHANGE_POINTS.minimumSegment();

    private BuildTrend() {
    }

    /**
     * The chart of {@code builds}, in any order: the newest {@value #MAX_BUILDS} by number, oldest first.
     *
     * @throws IllegalArgumentException when two builds have the same number
     */
    public static BuildTrendChart of(List<BuildReport> builds) {
        List<BuildReport> sorted = new ArrayList<>(builds);
        sorted.sort(Comparator.comparingInt(BuildReport::buildNumber));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).buildNumber() == sorted.get(i - 1).buildNumber()) {
                throw new IllegalArgumentException("build " + sorted.get(i).buildNumber() + " is listed twice");
            }
        }
        List<BuildReport> shown = sorted.subList(Math.max(0, sorted.size() - MAX_BUILDS), sorted.size());
        List<Integer> numbers = shown.stream().map(BuildReport::buildNumber).toList();
        List<String> names = shown.stream().map(build -> shortName(build.buildName(), MAX_BUILD_NAME_CODE_POINTS)).toList();
        Optional<GateReport> newest = newestReport(shown);
        if (newest.isEmpty()) {
            return new BuildTrendChart(numbers, names, List.of());
        }
        List<BudgetLine> budget = newest.get().lines().stream().map(LineResult::line).toList();
        List<TrendLine> lines = new ArrayList<>();
        Set<String> lineNames = new HashSet<>();
        for (TrendSubject subject : TrendSubject.ofLines(budget)) {
            lines.add(line(shown, newest.get(), subject, lineNames));
        }
        return new BuildTrendChart(numbers, names, lines);
    }

    private static Optional<GateReport> newestReport(List<BuildReport> oldestFirst) {
        for (int i = oldestFirst.size() - 1; i >= 0; i--) {
            if (oldestFirst.get(i).hasReport()) {
                return Optional.of(oldestFirst.get(i).report());
            }
        }
        return Optional.empty();
    }

    private static TrendLine line(List<BuildReport> builds, GateReport newest, TrendSubject subject,
            Set<String> takenNames) {
        List<OptionalDouble> raw = builds.stream().map(build -> build.hasReport() ? value(build.report(), subject)
                : OptionalDouble.empty()).toList();
        double largest = raw.stream().filter(OptionalDouble::isPresent)
                .mapToDouble(value -> Math.abs(value.getAsDouble())).max().orElse(0);
        String unit = perSecond(newest, subject) ? "/s"
                : ValueFormat.commonUnit(subject.limits(), largest, contents(builds, newest, subject));
        List<Double> values = new ArrayList<>(raw.size());
        for (OptionalDouble value : raw) {
            values.add(value.isPresent() ? scaled(value.getAsDouble(), unit) : null);
        }
        List<TrendLimitLine> limits = new ArrayList<>();
        for (TrendLimit limit : subject.limits()) {
            limits.add(new TrendLimitLine(shortName(limit.expression(), MAX_NAME_CODE_POINTS),
                    scaled(limit.value(), unit)));
        }
        String name = uniqueName(shortName(subject.series() + " " + subject.statistic(), MAX_NAME_CODE_POINTS),
                takenNames);
        return new TrendLine(name, unit, values, limits, changePointBuilds(builds, raw));
    }

    /**
     * The first observed value of the subject's lines (by the newest budget's expressions, then any line
     * on the same statistic), else the series summary's.
     */
    private static OptionalDouble value(GateReport report, TrendSubject subject) {
        for (String expression : subject.expressions()) {
            for (LineResult result : report.lines()) {
                if (result.line().expression().equals(expression) && on(result.line(), subject)
                        && result.observed().isPresent()) {
                    return result.observed();
                }
            }
        }
        for (LineResult result : report.lines()) {
            if (on(result.line(), subject) && result.observed().isPresent()) {
                return result.observed();
            }
        }
        return report.series().stream().filter(summary -> summary.key().equals(subject.series())).findFirst()
                .map(summary -> summaryValue(summary, subject.statistic())).orElse(OptionalDouble.empty());
    }

    private static boolean on(BudgetLine line, TrendSubject subject) {
        return line instanceof ThresholdLine threshold && threshold.series().equals(subject.series())
                && threshold.threshold().statistic().equals(subject.statistic())
                || line instanceof RegressionLine regression && regression.series().equals(subject.series())
                && regression.rule().statistic().equals(subject.statistic());
    }

    /**
     * The summary's value of {@code statistic}; its {@code rate} is samples per second, not the rate a
     * budget line means, so a rate is never taken from it.
     */
    private static OptionalDouble summaryValue(SeriesSummary summary, Statistic statistic) {
        return switch (statistic.kind()) {
            case AVG -> summary.avg();
            case MIN -> summary.min();
            case MED -> summary.med();
            case MAX -> summary.max();
            case PERCENTILE -> statistic.percentile() == 90 ? summary.p90()
                    : statistic.percentile() == 95 ? summary.p95()
                    : statistic.percentile() == 99 ? summary.p99() : OptionalDouble.empty();
            case COUNT -> OptionalDouble.of(summary.count());
            case RATE, VALUE -> OptionalDouble.empty();
        };
    }

    /** A counter's rate, which the newest report's sentences print per second. */
    private static boolean perSecond(GateReport newest, TrendSubject subject) {
        return subject.statistic().kind() == Statistic.Kind.RATE && newest.lines().stream()
                .anyMatch(result -> on(result.line(), subject) && result.limitText().endsWith("/s"));
    }

    /**
     * Time, data or plain numbers: as the newest summary of the series says, else as the newest budget's
     * limits on it are written.
     */
    private static MetricContents contents(List<BuildReport> builds, GateReport newest, TrendSubject subject) {
        for (int i = builds.size() - 1; i >= 0; i--) {
            if (builds.get(i).hasReport()) {
                Optional<MetricContents> contents = contentsOf(builds.get(i).report().series(), subject.series());
                if (contents.isPresent()) {
                    return contents.get();
                }
            }
        }
        for (LineResult result : newest.lines()) {
            if (on(result.line(), subject) && result.line() instanceof ThresholdLine threshold) {
                Limit.Dimension dimension = threshold.threshold().limit().dimension();
                if (dimension == Limit.Dimension.TIME) {
                    return MetricContents.TIME;
                }
                if (dimension == Limit.Dimension.DATA) {
                    return MetricContents.DATA;
                }
            }
        }
        return MetricContents.DEFAULT;
    }

    private static Optional<MetricContents> contentsOf(List<SeriesSummary> summaries, SeriesKey series) {
        return summaries.stream().filter(summary -> summary.key().equals(series)).findFirst()
                .map(SeriesSummary::contents);
    }

    /** {@code value} in {@code unit}, in decimal so that 0.0536 is 5.36 % and not 5.359999999999999. */
    private static double scaled(double value, String unit) {
        if (unit.isEmpty() || unit.equals("/s")) {
            return value;
        }
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(ValueFormat.unitSize(unit)), MathContext.DECIMAL64)
                .doubleValue();
    }

    /** The builds that brought a change point, found over the builds with a value. */
    private static List<Integer> changePointBuilds(List<BuildReport> builds, List<OptionalDouble> raw) {
        List<Double> values = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            if (raw.get(i).isPresent()) {
                values.add(raw.get(i).getAsDouble());
                positions.add(i);
            }
        }
        if (values.size() < MIN_CHANGE_POINT_VALUES) {
            return List.of();
        }
        List<Integer> changes = new ArrayList<>();
        for (ChangePoint change : ChangePoints.find(values, CHANGE_POINTS)) {
            changes.add(builds.get(positions.get(change.index())).buildNumber());
        }
        return changes;
    }

    /** On one line, without bidi controls, cut at {@code codePoints}. */
    private static String shortName(String name, int codePoints) {
        return UntrustedText.shorten(withoutBidiControls(UntrustedText.oneLine(name)), codePoints);
    }

    private static String withoutBidiControls(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.chars().filter(c -> !UntrustedText.isBidiControl((char) c)).forEach(c -> kept.append((char) c));
        return kept.toString();
    }

    /** Names cut short can meet; a chart would then merge their lines, so the later one is numbered. */
    private static String uniqueName(String name, Set<String> taken) {
        String unique = name;
        for (int n = 2; !taken.add(unique); n++) {
            unique = name + " (" + n + ")";
        }
        return unique;
    }
}
