package io.perfgate.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * One JMeter sample result as a JTL row or element holds it; absent columns are null or empty.
 *
 * @param label           {@code label} / {@code lb}
 * @param timeStampMillis {@code timeStamp} / {@code ts}, epoch milliseconds
 * @param elapsedMillis   {@code elapsed} / {@code t}
 * @param success         {@code success} / {@code s}, null when not saved
 * @param responseCode    {@code responseCode} / {@code rc}, null when not saved
 * @param transaction     whether this is a Transaction Controller's result, not a request
 * @param latency         {@code Latency} / {@code lt}
 * @param connect         {@code Connect} / {@code ct}
 * @param bytes           {@code bytes} / {@code by}
 * @param sentBytes       {@code sentBytes} / {@code sby}
 * @param allThreads      {@code allThreads} / {@code na}
 */
record JmeterSample(String label, long timeStampMillis, long elapsedMillis, Boolean success, String responseCode,
        boolean transaction, OptionalLong latency, OptionalLong connect, OptionalLong bytes, OptionalLong sentBytes,
        OptionalLong allThreads) {

    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** The epoch milliseconds whose nanoseconds fit 64 bits, as every sample time is kept. */
    static final long EARLIEST_MILLIS = Long.MIN_VALUE / NANOS_PER_MILLI;
    static final long LATEST_MILLIS = Long.MAX_VALUE / NANOS_PER_MILLI;

    private static final Pattern TRANSACTION_MESSAGE = Pattern.compile(
            "Number of samples in transaction : \\d+, number of failing samples : \\d+");

    /**
     * What is wrong with a sample's start and duration, or null when nothing is: the start and the end
     * must be times perfgate can keep.
     *
     * @param timeStampField the field's name as the file spells it, for the message
     */
    static String timeProblem(String timeStampField, long timeStampMillis, long elapsedMillis) {
        if (timeStampMillis < EARLIEST_MILLIS || timeStampMillis > LATEST_MILLIS) {
            return timeStampField + " " + timeStampMillis + " " + Rfc3339.outOfRange();
        }
        if (elapsedMillis > LATEST_MILLIS - timeStampMillis) {
            return "the sample starting at " + timeStampField + " " + timeStampMillis + " ends after "
                    + elapsedMillis + " ms, which " + Rfc3339.outOfRange();
        }
        return null;
    }

    /**
     * Why a count or amount is impossible, or null when it is not negative.
     *
     * @param field the field's name as the file spells it
     * @param what  what the field holds: {@code a duration}, {@code a size}, {@code a thread count}
     */
    static String negativeProblem(String field, long value, String what) {
        return value < 0 ? field + " is " + value + ", but " + what + " cannot be negative" : null;
    }

    /** Whether a response message is the one JMeter's Transaction Controller writes. */
    static boolean isTransactionMessage(String responseMessage) {
        return responseMessage != null && TRANSACTION_MESSAGE.matcher(responseMessage.strip()).matches();
    }

    /**
     * {@link #isTransactionMessage(String)} over the UTF-8 bytes of a message, without making a string of
     * one that is ASCII.
     */
    static boolean isTransactionMessage(byte[] bytes, int from, int to) {
        if (indexOf(bytes, from, to, TRANSACTION_START) < 0) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return isTransactionMessage(new String(bytes, from, to - from, StandardCharsets.UTF_8));
            }
        }
        int start = from;
        int end = to;
        while (start < end && isWhitespace(bytes[start])) {
            start++;
        }
        while (end > start && isWhitespace(bytes[end - 1])) {
            end--;
        }
        if (!startsWith(bytes, start, end, TRANSACTION_PREFIX)) {
            return false;
        }
        int countStart = start + TRANSACTION_PREFIX.length;
        int countEnd = digitsFrom(bytes, countStart, end);
        if (countEnd == countStart || !startsWith(bytes, countEnd, end, TRANSACTION_MIDDLE)) {
            return false;
        }
        int failingStart = countEnd + TRANSACTION_MIDDLE.length;
        int failingEnd = digitsFrom(bytes, failingStart, end);
        return failingEnd > failingStart && failingEnd == end;
    }

    private static final byte[] TRANSACTION_START = ascii("Number of samples in transaction");
    private static final byte[] TRANSACTION_PREFIX = ascii("Number of samples in transaction : ");
    private static final byte[] TRANSACTION_MIDDLE = ascii(", number of failing samples : ");

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** {@link Character#isWhitespace} for ASCII, as {@link String#strip()} strips. */
    private static boolean isWhitespace(byte b) {
        return b == ' ' || b >= 0x09 && b <= 0x0d || b >= 0x1c && b <= 0x1f;
    }

    private static int digitsFrom(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
            i++;
        }
        return i;
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] bytes, int from, int to, byte[] wanted) {
        for (int i = from; i + wanted.length <= to; i++) {
            if (bytes[i] == wanted[0] && Arrays.equals(bytes, i, i + wanted.length, wanted, 0, wanted.length)) {
                return i;
            }
        }
        return -1;
    }

    /** This sample, marked as a transaction or a request. */
    JmeterSample withTransaction(boolean isTransaction) {
        return new JmeterSample(label, timeStampMillis, elapsedMillis, success, responseCode, isTransaction, latency,
                connect, bytes, sentBytes, allThreads);
    }
}
