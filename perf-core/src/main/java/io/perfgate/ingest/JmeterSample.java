package io.perfgate.ingest;

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

    /** This sample, marked as a transaction or a request. */
    JmeterSample withTransaction(boolean isTransaction) {
        return new JmeterSample(label, timeStampMillis, elapsedMillis, success, responseCode, isTransaction, latency,
                connect, bytes, sentBytes, allThreads);
    }
}
