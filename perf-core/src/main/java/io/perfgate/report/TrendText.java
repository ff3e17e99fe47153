package io.perfgate.report;

import io.perfgate.model.Trend;
import io.perfgate.model.TrendChangePoint;
import io.perfgate.model.TrendLimit;
import io.perfgate.model.TrendPoint;
import io.perfgate.model.UntrustedText;
import io.perfgate.model.ValueFormat;
import io.perfgate.model.VerdictWording;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * The words and numbers of one trend as people read them, the same in the HTML and Markdown reports.
 * Every value of a trend is printed in one unit: the unit of its first limit as the budget wrote it, or
 * else the unit that suits its largest value. The strings hold untrusted run ids and commits; writers
 * escape them.
 */
final class TrendText {

    /** Run ids in labels and sentences; tooltips show more. */
    static final int RUN_ID_CODE_POINTS = 24;

    private static final int TOOLTIP_CODE_POINTS = 200;
    private static final Pattern GIT_HASH = Pattern.compile("[0-9a-f]{13,64}");
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final Trend trend;
    private final String unit;

    TrendText(Trend trend) {
        this.trend = trend;
        this.unit = unit(trend);
    }

    /** A value of the trend in its unit, e.g. {@code 641.2 ms}. */
    String value(double value) {
        return ValueFormat.value(value, trend.contents(), unit);
    }

    /** {@code 30 runs · last 641.2 ms (run 1230) · +29.8% since run 1201 · 1 change point}. */
    String summary() {
        List<String> parts = new ArrayList<>();
        parts.add(VerdictWording.plural(trend.points().size(), "run"));
        Optional<TrendPoint> last = trend.lastMeasured();
        if (last.isEmpty()) {
            parts.add("no value recorded");
        } else {
            parts.add("last " + value(last.get().value().getAsDouble()) + " (run " + runId(last.get()) + ")");
            TrendPoint first = trend.firstMeasured().get();
            if (trend.points().stream().filter(point -> point.value().isPresent()).count() > 1) {
                parts.add(change(first.value().getAsDouble(), last.get().value().getAsDouble(), trend.change())
                        + " since run " + runId(first));
            }
        }
        parts.add(trend.changePoints().isEmpty() ? "no change point"
                : VerdictWording.plural(trend.changePoints().size(), "change point"));
        return String.join(" · ", parts);
    }

    /** {@code +30.1% at run 1217 (9fceb02d0ae5)}. */
    String changePoint(TrendChangePoint change) {
        TrendPoint point = trend.points().get(change.index());
        return change(change.meanBefore(), change.meanAfter(), change.relativeChange()) + " at run " + runId(point)
                + point.commit().map(commit -> " (" + commit(commit) + ")").orElse("");
    }

    /** {@code +30.1% · run 1217}, the label drawn at a change point. */
    String changeLabel(TrendChangePoint change) {
        return shift(change) + " · run " + runId(trend.points().get(change.index()));
    }

    /** {@code +30.1%}. */
    private String shift(TrendChangePoint change) {
        return change(change.meanBefore(), change.meanAfter(), change.relativeChange());
    }

    /** The tooltip of a change point: where, from what to what, how sure. */
    String changeTooltip(TrendChangePoint change) {
        return "change point at run " + longRunId(trend.points().get(change.index())) + ": mean "
                + value(change.meanBefore()) + " → " + value(change.meanAfter()) + " ("
                + shift(change) + "), p = " + ValueFormat.number(change.pValue());
    }

    /** The tooltip of a point: run, commit, time, value, verdicts, marks. */
    String pointTooltip(TrendPoint point) {
        StringBuilder text = new StringBuilder("run ").append(longRunId(point));
        point.commit().ifPresent(commit -> text.append(" · commit ").append(shorten(commit, TOOLTIP_CODE_POINTS)));
        text.append(" · ").append(WHEN.format(point.startedAt())).append(" · ");
        text.append(point.value().isPresent() ? value(point.value().getAsDouble()) : "no value");
        point.verdict().ifPresent(verdict -> text.append(" · budget ").append(VerdictWording.label(verdict)));
        text.append(" · run ").append(VerdictWording.label(point.runVerdict()));
        point.flagReason().ifPresent(reason -> text.append(" · flagged: ").append(shorten(reason, TOOLTIP_CODE_POINTS)));
        if (point.pinned()) {
            text.append(" · pinned baseline");
        }
        return text.toString();
    }

    /** {@code run 1201 · 2025-05-01}, under the first and last point. */
    String axisLabel(TrendPoint point) {
        return "run " + runId(point) + " · " + DAY.format(point.startedAt());
    }

    /** A limit's label, e.g. {@code p(95)<300ms}. */
    static String limitLabel(TrendLimit limit) {
        return shorten(limit.expression(), 30);
    }

    static String runId(TrendPoint point) {
        return shorten(point.runId(), RUN_ID_CODE_POINTS);
    }

    private static String longRunId(TrendPoint point) {
        return shorten(point.runId(), TOOLTIP_CODE_POINTS);
    }

    /** A git hash as its first 12 digits, anything else shortened like a run id. */
    static String commit(String commit) {
        return GIT_HASH.matcher(commit).matches() ? commit.substring(0, 12) : shorten(commit, RUN_ID_CODE_POINTS);
    }

    /**
     * {@code +29.8%} (one decimal is all a run-to-run comparison can tell; {@code +2452%} past 100 %), or
     * the difference in the trend's unit when there is no relative change.
     */
    private String change(double from, double to, OptionalDouble relative) {
        if (relative.isPresent()) {
            double percent = relative.getAsDouble() * 100;
            String text = String.format(Locale.ROOT, Math.abs(percent) < 99.95 ? "%+.1f%%" : "%+.0f%%", percent);
            return text.equals("-0.0%") ? "+0.0%" : text;
        }
        double difference = to - from;
        return (difference > 0 ? "+" : "") + value(difference);
    }

    private static String shorten(String text, int codePoints) {
        return UntrustedText.shorten(UntrustedText.oneLine(text), codePoints);
    }

    private static String unit(Trend trend) {
        double largest = 0;
        for (TrendPoint point : trend.points()) {
            if (point.value().isPresent()) {
                largest = Math.max(largest, Math.abs(point.value().getAsDouble()));
            }
        }
        return ValueFormat.commonUnit(trend.limits(), largest, trend.contents());
    }
}
