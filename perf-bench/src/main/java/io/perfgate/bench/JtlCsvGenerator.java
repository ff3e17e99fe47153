package io.perfgate.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a JMeter CSV JTL of any size with JMeter 5.6.3's default columns, shaped like the
 * recordings in {@code perf-core/src/test/resources/fixtures/jmeter/}: one row per HTTP sample
 * (label, response code and message, thread name, bytes, latency, connect time, ...) and one row per
 * Transaction Controller around each group of samples. The output is the same for the same seed.
 */
public final class JtlCsvGenerator {

    static final String HEADER = "timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,"
            + "failureMessage,bytes,sentBytes,grpThreads,allThreads,URL,Latency,IdleTime,Connect";
    static final int THREADS = 50;
    private static final long START_MILLIS = Instant.parse("2026-11-23T10:00:00Z").toEpochMilli();

    private record Sampler(String label, String url, int medianMs, double sigma, double failureRate, int bytes,
            int sentBytes) {
    }

    private record Transaction(String label, List<Sampler> samplers) {
    }

    private static final List<Transaction> JOURNEY = List.of(
            new Transaction("browse", List.of(
                    new Sampler("home", "https://shop.example.test/", 4, 0.35, 0.0005, 5_210, 96),
                    new Sampler("search", "https://shop.example.test/api/search?q=shoes", 28, 0.6, 0.002, 14_880, 120),
                    new Sampler("product", "https://shop.example.test/api/products/17", 12, 0.5, 0.001, 3_702, 118))),
            new Transaction("cart", List.of(
                    new Sampler("cart_add", "https://shop.example.test/api/cart", 18, 0.45, 0.003, 412, 310),
                    new Sampler("cart_view", "https://shop.example.test/api/cart", 7, 0.4, 0.001, 1_960, 104))),
            new Transaction("checkout", List.of(
                    new Sampler("login", "https://shop.example.test/api/login", 9, 0.3, 0.001, 388, 221),
                    new Sampler("pay", "https://shop.example.test/api/checkout", 65, 0.55, 0.02, 730, 655))));

    private final AsciiOut out;
    private final SplittableRandom random;
    private long nowMillis = START_MILLIS;
    private long rows;

    private JtlCsvGenerator(OutputStream out, long seed) {
        this.out = new AsciiOut(out);
        this.random = new SplittableRandom(seed);
    }

    /** What one call wrote. */
    public record Written(long bytes, long rows) {
    }

    /** Writes the header and whole transactions until at least {@code targetBytes} are written; flushed, not closed. */
    public static Written write(OutputStream out, long targetBytes, long seed) throws IOException {
        JtlCsvGenerator generator = new JtlCsvGenerator(out, seed);
        generator.out.text(HEADER);
        generator.out.lineEnd();
        while (generator.out.written() < targetBytes) {
            for (Transaction transaction : JOURNEY) {
                generator.transaction(transaction, 1 + generator.random.nextInt(THREADS));
            }
        }
        generator.out.flush();
        return new Written(generator.out.written(), generator.rows);
    }

    private void transaction(Transaction transaction, int thread) throws IOException {
        long start = nowMillis;
        int failures = 0;
        long bytes = 0;
        long sentBytes = 0;
        for (Sampler sampler : transaction.samplers) {
            nowMillis += random.nextInt(3);
            long elapsed = Math.max(1, Math.round(sampler.medianMs * Math.exp(sampler.sigma * random.nextGaussian())));
            boolean failed = random.nextDouble() < sampler.failureRate;
            long latency = Math.max(0, elapsed - random.nextInt(2));
            long connect = random.nextInt(20) == 0 ? 1 + random.nextInt(30) : 0;
            row(nowMillis, elapsed, sampler.label, failed ? "500" : "200", failed ? "Internal Server Error" : "OK",
                    thread, "text", !failed, sampler.bytes, sampler.sentBytes, sampler.url, latency, 0, connect);
            nowMillis += elapsed;
            failures += failed ? 1 : 0;
            bytes += sampler.bytes;
            sentBytes += sampler.sentBytes;
        }
        // JMeter writes the controller's row after its samples, stamped with the controller's start.
        row(start, nowMillis - start, transaction.label, failures == 0 ? "200" : "500",
                "\"Number of samples in transaction : " + transaction.samplers.size() + ", number of failing samples : "
                        + failures + "\"", thread, "", failures == 0, bytes, sentBytes, "null", 0, 0, 0);
        // About 3,500 samples per second from THREADS threads: most rows overlap in time.
        nowMillis = start + random.nextInt(3);
    }

    private void row(long timeStamp, long elapsed, String label, String code, String message, int thread,
            String dataType, boolean success, long bytes, long sentBytes, String url, long latency, long idle,
            long connect) throws IOException {
        out.number(timeStamp).character(',').number(elapsed).character(',').text(label).character(',').text(code)
                .character(',').text(message).text(",users 1-").number(thread).character(',').text(dataType)
                .character(',').text(success ? "true" : "false").text(",,").number(bytes).character(',')
                .number(sentBytes).character(',').number(THREADS).character(',').number(THREADS).character(',')
                .text(url).character(',').number(latency).character(',').number(idle).character(',').number(connect);
        out.lineEnd();
        rows++;
    }
}
