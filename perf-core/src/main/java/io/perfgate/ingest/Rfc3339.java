package io.perfgate.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Reads RFC 3339 times as k6 writes them ({@code 2026-11-23T10:19:34.339835103Z}) into nanoseconds
 * since 1970. The usual shape is read by hand because NDJSON holds one time per sample; anything
 * else valid (other offsets, fewer digits) goes through {@link OffsetDateTime}. From the bytes of a
 * line, times with an offset {@code ±HH:MM} are read by hand too (k6 writes the local time of the
 * machine it runs on), in two parts, so a reader can keep the seconds part of the last time and skip
 * the date arithmetic for the thousands of samples of each second.
 *
 * <p>Nanoseconds since 1970 in 64 bits reach from 1677-09-21 to 2262-04-11; a time outside is refused
 * with a {@link DateTimeException} that says so, never wrapped around.
 */
final class Rfc3339 {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Long.MIN_VALUE itself stands for "read it the slow way", so the earliest time is one after it. */
    private static final Instant EARLIEST = Instant.ofEpochSecond(0, Long.MIN_VALUE + 1);
    private static final Instant LATEST = Instant.ofEpochSecond(0, Long.MAX_VALUE);
    /**
     * Seconds the fast paths take without checking more: a day inside the range at either end, so no
     * fraction or offset added to them can leave it.
     */
    private static final long FAST_MIN_SECONDS = EARLIEST.getEpochSecond() + 86_400;
    private static final long FAST_MAX_SECONDS = LATEST.getEpochSecond() - 86_400;

    private Rfc3339() {
    }

    /**
     * @throws DateTimeParseException when the text is not an RFC 3339 time
     * @throws DateTimeException      when it is one, but outside the range nanoseconds since 1970 can hold;
     *                                the message says so, for the user
     */
    static long epochNanos(String text) {
        long fast = fastUtc(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        if (text.length() < 5 || digits(text, 0, 4) < 0 || text.charAt(4) != '-') {
            // Java reads signed and longer years too; RFC 3339 has four digits.
            throw new DateTimeParseException("RFC 3339 years have four digits", text, 0);
        }
        OffsetDateTime time = OffsetDateTime.parse(text);
        Instant instant = time.toInstant();
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new DateTimeException(outOfRange());
        }
        // Split so that the product stays in range at both ends: seconds * 1e9 alone may not.
        long seconds = instant.getEpochSecond();
        return seconds < 0 ? (seconds + 1) * NANOS_PER_SECOND + (instant.getNano() - NANOS_PER_SECOND)
                : seconds * NANOS_PER_SECOND + instant.getNano();
    }

    /** Why a time outside the range is refused, for messages: the whole seconds inside it. */
    static String outOfRange() {
        return "lies outside the times perfgate can keep, " + EARLIEST.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)
                + " to " + LATEST.truncatedTo(ChronoUnit.SECONDS) + " (nanoseconds since 1970 in 64 bits)";
    }

    /**
     * Nanoseconds since 1970 of {@code seconds} and what comes after them as
     * {@link #nanosAfterSecondsAscii} gives it, or Long.MIN_VALUE when the seconds lie near or beyond the
     * range's ends (read the whole text with {@link #epochNanos(String)} then: it decides).
     */
    static long epochNanos(long seconds, long nanosAfter) {
        if (seconds < FAST_MIN_SECONDS || seconds > FAST_MAX_SECONDS) {
            return Long.MIN_VALUE;
        }
        return seconds * NANOS_PER_SECOND + nanosAfter;
    }

    /** {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, or Long.MIN_VALUE when the text has another shape. */
    private static long fastUtc(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        long nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return Long.MIN_VALUE;
            }
            int fraction = digits(text, 20, length - 1);
            if (fraction < 0) {
                return Long.MIN_VALUE;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return Long.MIN_VALUE;
        }
        long seconds = epochDay * 86_400L + hour * 3_600L + minute * 60L + second;
        return epochNanos(seconds, nanos);
    }

    /** Length of the seconds part {@code YYYY-MM-DDTHH:MM:SS} of the usual shape. */
    static final int SECONDS_LENGTH = 19;

    /**
     * Seconds since 1970 of the ASCII {@code YYYY-MM-DDTHH:MM:SS} at {@code bytes[from, from + 19)} read
     * as UTC (an offset after it is {@link #nanosAfterSecondsAscii}'s), or
     * Long.MIN_VALUE when it has another shape or is no valid date (read the whole text with
     * {@link #epochNanos(String)} then: it gives the same value or the error).
     */
    static long utcSecondsAscii(byte[] bytes, int from) {
        if (bytes[from + 4] != '-' || bytes[from + 7] != '-' || bytes[from + 10] != 'T' || bytes[from + 13] != ':'
                || bytes[from + 16] != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(bytes, from, from + 4);
        int month = digits(bytes, from + 5, from + 7);
        int day = digits(bytes, from + 8, from + 10);
        int hour = digits(bytes, from + 11, from + 13);
        int minute = digits(bytes, from + 14, from + 16);
        int second = digits(bytes, from + 17, from + 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return Long.MIN_VALUE;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return Long.MIN_VALUE;
        }
        return epochDay * 86_400L + hour * 3_600L + minute * 60L + second;
    }

    /**
     * What the ASCII rest of a time after its seconds adds to them, in nanoseconds: {@code [.fraction]}
     * with 1 to 9 digits, then {@code Z} or an offset {@code ±HH:MM} (which is subtracted), at
     * {@code bytes[from, to)}; Long.MIN_VALUE when it has another shape (read the whole text with
     * {@link #epochNanos(String)} then).
     */
    static long nanosAfterSecondsAscii(byte[] bytes, int from, int to) {
        int zone = from;
        long nanos = 0;
        if (zone < to && bytes[zone] == '.') {
            zone++;
            int fractionStart = zone;
            while (zone < to && zone - fractionStart < 10 && bytes[zone] >= '0' && bytes[zone] <= '9') {
                zone++;
            }
            int fractionDigits = zone - fractionStart;
            if (fractionDigits < 1 || fractionDigits > 9) {
                return Long.MIN_VALUE;
            }
            nanos = digits(bytes, fractionStart, zone);
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        int zoneLength = to - zone;
        if (zoneLength == 1 && bytes[zone] == 'Z') {
            return nanos;
        }
        if (zoneLength != 6 || (bytes[zone] != '+' && bytes[zone] != '-') || bytes[zone + 3] != ':') {
            return Long.MIN_VALUE;
        }
        int hours = digits(bytes, zone + 1, zone + 3);
        int minutes = digits(bytes, zone + 4, zone + 6);
        if (hours < 0 || minutes < 0 || minutes > 59 || hours > 18 || (hours == 18 && minutes > 0)) {
            return Long.MIN_VALUE;
        }
        long offsetSeconds = (hours * 60L + minutes) * 60L;
        return nanos - (bytes[zone] == '-' ? -offsetSeconds : offsetSeconds) * NANOS_PER_SECOND;
    }

    private static int digits(byte[] bytes, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** The decimal number in text[from, to), or -1 when a character is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
