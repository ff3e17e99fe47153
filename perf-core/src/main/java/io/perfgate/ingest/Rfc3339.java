package io.perfgate.ingest;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads RFC 3339 times as k6 writes them ({@code 2026-11-23T10:19:34.339835103Z}) into nanoseconds
 * since 1970. The usual shape is read by hand because NDJSON holds one time per sample; anything
 * else valid (other offsets, fewer digits) goes through {@link OffsetDateTime}. From the bytes of a
 * line, times with an offset {@code ±HH:MM} are read by hand too (k6 writes the local time of the
 * machine it runs on), in two parts, so a reader can keep the seconds part of the last time and skip
 * the date arithmetic for the thousands of samples of each second.
 */
final class Rfc3339 {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Rfc3339() {
    }

    /** @throws DateTimeParseException when the text is not an RFC 3339 time */
    static long epochNanos(String text) {
        long fast = fastUtc(text);
        if (fast != Long.MIN_VALUE) {
            return fast;
        }
        OffsetDateTime time = OffsetDateTime.parse(text);
        return Math.addExact(Math.multiplyExact(time.toEpochSecond(), NANOS_PER_SECOND), time.getNano());
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
        return seconds * NANOS_PER_SECOND + nanos;
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
