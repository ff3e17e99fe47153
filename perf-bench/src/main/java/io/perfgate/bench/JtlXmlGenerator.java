package io.perfgate.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a JMeter XML JTL of any size, shaped like the recording in
 * {@code perf-core/src/test/resources/fixtures/jmeter/xml_transactions/}: JMeter 5.6.3's attributes, a
 * Transaction Controller {@code <sample>} ("generate parent sample") around each group of
 * {@code <httpSample>}s, each request with its {@code <assertionResult>} and {@code <java.net.URL>}. The
 * same journey and timings as {@link JtlCsvGenerator}; the output is the same for the same seed.
 */
public final class JtlXmlGenerator {

    static final String START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testResults version=\"1.2\">\n";
    static final String END = "</testResults>\n";
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
                    new Sampler("search", "https://shop.example.test/api/search?q=shoes&amp;page=1", 28, 0.6, 0.002,
                            14_880, 120),
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
    private long samples;

    private JtlXmlGenerator(OutputStream out, long seed) {
        this.out = new AsciiOut(out);
        this.random = new SplittableRandom(seed);
    }

    /** What one call wrote: samples are requests and transactions. */
    public record Written(long bytes, long samples) {
    }

    /** Writes whole transactions until at least {@code targetBytes} are written, then the end; flushed, not closed. */
    public static Written write(OutputStream out, long targetBytes, long seed) throws IOException {
        JtlXmlGenerator generator = new JtlXmlGenerator(out, seed);
        generator.out.text(START);
        while (generator.out.written() < targetBytes) {
            for (Transaction transaction : JOURNEY) {
                generator.transaction(transaction, 1 + generator.random.nextInt(THREADS));
            }
        }
        generator.out.text(END);
        generator.out.flush();
        return new Written(generator.out.written(), generator.samples);
    }

    private void transaction(Transaction transaction, int thread) throws IOException {
        long start = nowMillis;
        long[] elapsed = new long[transaction.samplers.size()];
        boolean[] failed = new boolean[elapsed.length];
        long[] starts = new long[elapsed.length];
        int failures = 0;
        long bytes = 0;
        long sentBytes = 0;
        for (int i = 0; i < elapsed.length; i++) {
            Sampler sampler = transaction.samplers.get(i);
            nowMillis += random.nextInt(3);
            starts[i] = nowMillis;
            elapsed[i] = Math.max(1, Math.round(sampler.medianMs * Math.exp(sampler.sigma * random.nextGaussian())));
            failed[i] = random.nextDouble() < sampler.failureRate;
            nowMillis += elapsed[i];
            failures += failed[i] ? 1 : 0;
            bytes += sampler.bytes;
            sentBytes += sampler.sentBytes;
        }
        // With "generate parent sample" JMeter writes the controller's element around its samples.
        out.text("<sample t=\"").number(nowMillis - start).text("\" it=\"").number(random.nextInt(10))
                .text("\" lt=\"0\" ct=\"0\" ts=\"").number(start).text("\" s=\"").text(failures == 0 ? "true" : "false")
                .text("\" lb=\"").text(transaction.label).text("\" rc=\"").text(failures == 0 ? "200" : "500")
                .text("\" rm=\"Number of samples in transaction : ").number(elapsed.length)
                .text(", number of failing samples : ").number(failures).text("\" tn=\"users 1-").number(thread)
                .text("\" dt=\"\" by=\"").number(bytes).text("\" sby=\"").number(sentBytes).text("\" ng=\"")
                .number(THREADS).text("\" na=\"").number(THREADS).text("\">\n");
        samples++;
        for (int i = 0; i < elapsed.length; i++) {
            request(transaction.samplers.get(i), starts[i], elapsed[i], failed[i], thread);
        }
        out.text("</sample>\n");
        // About 3,500 samples per second from THREADS threads: most samples overlap in time.
        nowMillis = start + random.nextInt(3);
    }

    private void request(Sampler sampler, long start, long elapsed, boolean failed, int thread) throws IOException {
        long latency = Math.max(0, elapsed - random.nextInt(2));
        long connect = random.nextInt(20) == 0 ? 1 + random.nextInt(30) : 0;
        out.text("  <httpSample t=\"").number(elapsed).text("\" it=\"0\" lt=\"").number(latency).text("\" ct=\"")
                .number(connect).text("\" ts=\"").number(start).text("\" s=\"").text(failed ? "false" : "true")
                .text("\" lb=\"").text(sampler.label).text("\" rc=\"").text(failed ? "500" : "200").text("\" rm=\"")
                .text(failed ? "Internal Server Error" : "OK").text("\" tn=\"users 1-").number(thread)
                .text("\" dt=\"text\" by=\"").number(sampler.bytes).text("\" sby=\"").number(sampler.sentBytes)
                .text("\" ng=\"").number(THREADS).text("\" na=\"").number(THREADS).text("\">\n")
                .text("    <assertionResult>\n      <name>").text(sampler.label).text(" status is 200</name>\n")
                .text("      <failure>").text(failed ? "true" : "false").text("</failure>\n")
                .text("      <error>false</error>\n");
        if (failed) {
            out.text("      <failureMessage>Test failed: code expected to equal /200/ but was /500/</failureMessage>\n");
        }
        out.text("    </assertionResult>\n    <java.net.URL>").text(sampler.url).text("</java.net.URL>\n")
                .text("  </httpSample>\n");
        samples++;
    }
}
