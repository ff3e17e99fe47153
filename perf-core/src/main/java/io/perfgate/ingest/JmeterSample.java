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

    private static final Pattern TRANSACTION_MESSAGE = Pattern.compile(
            "Number of samples in transaction : \\d+, number of failing samples : \\d+");

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
