package io.perfgate.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads durations the way users write them in build files: ISO-8601 ({@code PT30M}) or k6's own
 * style ({@code 30m}, {@code 90s}, {@code 1h30m}, {@code 1.5h}, {@code 500ms}).
 */
public final class DurationText {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private DurationText() {
    }

    /**
     * @throws IllegalArgumentException naming the text and the accepted forms, also for zero or
     *                                  negative durations
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        Duration duration = trimmed.toUpperCase(Locale.ROOT).startsWith("P")
                ? iso(trimmed, text)
                : k6Style(trimmed, text);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("duration '" + text + "' must be longer than zero");
        }
        return duration;
    }

    private static Duration iso(String trimmed, String text) {
        try {
            return Duration.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw notADuration(text);
        }
    }

    private static Duration k6Style(String trimmed, String text) {
        if (trimmed.isEmpty()) {
            throw notADuration(text);
        }
        Matcher part = PART.matcher(trimmed);
        BigDecimal millis = BigDecimal.ZERO;
        int end = 0;
        while (part.find() && part.start() == end) {
            BigDecimal amount = new BigDecimal(part.group(1));
            millis = millis.add(amount.multiply(BigDecimal.valueOf(millisPer(part.group(2)))));
            end = part.end();
        }
        if (end != trimmed.length()) {
            throw notADuration(text);
        }
        return Duration.ofMillis(millis.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    private static long millisPer(String unit) {
        return switch (unit) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m" -> 60_000;
            case "h" -> 3_600_000;
            default -> throw new IllegalStateException("unit " + unit);
        };
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 30m, 90s, 1h30m, 500ms "
                + "or ISO-8601 such as PT30M");
    }
}
