package io.perfgate.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes k6 {@code --out json} output of any size, shaped like the real recordings in
 * {@code perf-core/src/test/resources/fixtures/k6/}: each metric's {@code Metric} line just before
 * its first point, interleaved with the points; per request the nine {@code http_req*} points with
 * k6's tag set ({@code expected_response, group, method, name, proto, scenario, status, url}, plus
 * {@code error_code} on failures); per iteration {@code checks}, {@code group_duration},
 * {@code data_sent}, {@code data_received}, {@code iteration_duration} and {@code iterations}; every
 * second {@code vus} and {@code vus_max}. Times are RFC 3339 with nanoseconds as Go prints them,
 * durations milliseconds with six decimals. The output is the same for the same seed.
 *
 * <p>A user journey per iteration: browse (home, search, product), cart (add, view), checkout (pay,
 * fails now and then), and a login outside any group; about 3,500 requests per second of simulated
 * time from {@value #VUS} virtual users.
 */
public final class K6NdjsonGenerator {

    static final int VUS = 50;
    static final long REQUESTS_PER_SECOND = 3_500;
    private static final String SCENARIO = "load";
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final long START_EPOCH_SECOND = Instant.parse("2026-11-23T10:00:00Z").getEpochSecond();

    /** One kind of request of the journey. */
    private record Endpoint(String name, String method, String url, String group, double medianMs, double sigma,
            double failureRate, int sentBytes, int receivedBytes) {
    }

    private static final List<Endpoint> BROWSE = List.of(
            new Endpoint("home", "GET", "https://shop.example.test/", "::browse", 4, 0.35, 0.0005, 96, 5_210),
            new Endpoint("search", "GET", "https://shop.example.test/api/search?q=${}", "::browse", 28, 0.6, 0.002,
                    120, 14_880),
            new Endpoint("product", "GET", "https://shop.example.test/api/products/${}", "::browse", 12, 0.5, 0.001,
                    118, 3_702));
    private static final List<Endpoint> CART = List.of(
            new Endpoint("cart_add", "POST", "https://shop.example.test/api/cart", "::cart", 18, 0.45, 0.003, 310,
                    412),
            new Endpoint("cart_view", "GET", "https://shop.example.test/api/cart", "::cart", 7, 0.4, 0.001, 104,
                    1_960));
    private static final Endpoint PAY = new Endpoint("checkout", "POST", "https://shop.example.test/api/checkout",
            "::checkout", 65, 0.55, 0.02, 655, 730);
    private static final Endpoint LOGIN = new Endpoint("login", "POST", "https://shop.example.test/api/login", "", 9,
            0.3, 0.001, 221, 388);

    private static final String[][] METRICS = {
        {"http_reqs", "counter", "default"},
        {"http_req_duration", "trend", "time"},
        {"http_req_blocked", "trend", "time"},
        {"http_req_connecting", "trend", "time"},
        {"http_req_tls_handshaking", "trend", "time"},
        {"http_req_sending", "trend", "time"},
        {"http_req_waiting", "trend", "time"},
        {"http_req_receiving", "trend", "time"},
        {"http_req_failed", "rate", "default"},
        {"checks", "rate", "default"},
        {"group_duration", "trend", "time"},
        {"data_sent", "counter", "data"},
        {"data_received", "counter", "data"},
        {"iteration_duration", "trend", "time"},
        {"iterations", "counter", "default"},
        {"vus", "gauge", "default"},
        {"vus_max", "gauge", "default"},
    };

    private final AsciiOut out;
    private final SplittableRandom random;
    private final Set<String> declared = new HashSet<>();
    private final boolean[] connected = new boolean[VUS];
    private long nowNanos;
    private long lastGaugeSecond = -1;
    private long cachedSecond = Long.MIN_VALUE;
    private byte[] cachedSecondText;
    private long requests;
    private long lines;

    private K6NdjsonGenerator(OutputStream out, long seed) {
        this.out = new AsciiOut(out);
        this.random = new SplittableRandom(seed);
        this.nowNanos = START_EPOCH_SECOND * 1_000_000_000L;
    }

    /** What one call wrote. */
    public record Written(long bytes, long lines, long requests) {
    }

    /**
     * Writes whole iterations until at least {@code targetBytes} are written; the stream is flushed,
     * not closed.
     */
    public static Written write(OutputStream out, long targetBytes, long seed) throws IOException {
        K6NdjsonGenerator generator = new K6NdjsonGenerator(out, seed);
        while (generator.out.written() < targetBytes) {
            generator.iteration(generator.random.nextInt(VUS));
        }
        generator.out.flush();
        return new Written(generator.out.written(), generator.lines, generator.requests);
    }

    private void iteration(int vu) throws IOException {
        long iterationStart = nowNanos;
        long sent = 0;
        long received = 0;

        long groupStart = nowNanos;
        for (Endpoint endpoint : BROWSE) {
            int reps = endpoint.name.equals("product") ? 1 + random.nextInt(3) : 1;
            for (int i = 0; i < reps; i++) {
                request(vu, endpoint);
                sent += endpoint.sentBytes;
                received += endpoint.receivedBytes;
            }
        }
        groupDuration("::browse", groupStart);

        groupStart = nowNanos;
        for (Endpoint endpoint : CART) {
            request(vu, endpoint);
            sent += endpoint.sentBytes;
            received += endpoint.receivedBytes;
        }
        groupDuration("::cart", groupStart);

        if (random.nextInt(3) == 0) {
            groupStart = nowNanos;
            request(vu, PAY);
            sent += PAY.sentBytes;
            received += PAY.receivedBytes;
            groupDuration("::checkout", groupStart);
        }
        if (random.nextInt(5) == 0) {
            request(vu, LOGIN);
            sent += LOGIN.sentBytes;
            received += LOGIN.receivedBytes;
        }

        String[] iterationTags = {"group", "", "scenario", SCENARIO};
        point("data_sent", sent * 1_000_000, iterationTags);
        point("data_received", received * 1_000_000, iterationTags);
        point("iteration_duration", nowNanos - iterationStart + 1_000_000L + random.nextInt(500_000), iterationTags);
        point("iterations", 1_000_000, iterationTags);
    }

    private void request(int vu, Endpoint endpoint) throws IOException {
        advance();
        boolean failed = random.nextDouble() < endpoint.failureRate;
        long waiting = Math.max(50_000, (long) (endpoint.medianMs * 1e6 * Math.exp(endpoint.sigma
                * random.nextGaussian())));
        long sending = 5_000 + random.nextInt(60_000);
        long receiving = 10_000 + random.nextInt(90_000);
        boolean newConnection = !connected[vu];
        connected[vu] = true;
        long connecting = newConnection ? 150_000 + random.nextInt(400_000) : 0;
        long tls = newConnection ? 900_000 + random.nextInt(2_000_000) : 0;
        long blocked = connecting + tls + 1_000 + random.nextInt(8_000);
        long duration = sending + waiting + receiving;

        String status = failed ? (random.nextBoolean() ? "500" : "503") : endpoint.method.equals("POST")
                && endpoint.name.equals("cart_add") ? "201" : "200";
        String url = endpoint.url.replace("${}", Integer.toString(random.nextInt(400)));
        String[] tags = failed
                ? new String[] {"error_code", status.equals("500") ? "1500" : "1503", "expected_response", "false",
                    "group", endpoint.group, "method", endpoint.method, "name", endpoint.name, "proto", "HTTP/1.1",
                    "scenario", SCENARIO, "status", status, "url", url}
                : new String[] {"expected_response", "true", "group", endpoint.group, "method", endpoint.method,
                    "name", endpoint.name, "proto", "HTTP/1.1", "scenario", SCENARIO, "status", status, "url", url};
        point("http_reqs", 1_000_000, tags);
        point("http_req_duration", duration, tags);
        point("http_req_blocked", blocked, tags);
        point("http_req_connecting", connecting, tags);
        point("http_req_tls_handshaking", tls, tags);
        point("http_req_sending", sending, tags);
        point("http_req_waiting", waiting, tags);
        point("http_req_receiving", receiving, tags);
        point("http_req_failed", failed ? 1_000_000 : 0, tags);
        nowNanos += 20_000 + random.nextInt(40_000);
        point("checks", failed ? 0 : 1_000_000,
                new String[] {"check", endpoint.name + " status is " + status.charAt(0) + "xx", "group", endpoint.group,
                    "scenario", SCENARIO});
        requests++;
    }

    private void groupDuration(String group, long groupStart) throws IOException {
        nowNanos += 5_000 + random.nextInt(20_000);
        point("group_duration", nowNanos - groupStart, new String[] {"group", group, "scenario", SCENARIO});
    }

    /** Moves the clock by the gap between two requests of the whole run, writing the gauges each second. */
    private void advance() throws IOException {
        // The check and group points after a request move the clock by about 45 us on average too.
        long gap = (long) (-Math.log(1 - random.nextDouble()) * (1e9 / REQUESTS_PER_SECOND - 45_000));
        nowNanos += gap;
        long second = Math.floorDiv(nowNanos, 1_000_000_000L);
        if (second != lastGaugeSecond) {
            lastGaugeSecond = second;
            point("vus", VUS * 1_000_000L, new String[0]);
            point("vus_max", VUS * 1_000_000L, new String[0]);
        }
    }

    /** One Point line, its Metric line first when the metric has none yet; the value is in millionths. */
    private void point(String metric, long millionths, String[] tags) throws IOException {
        if (declared.add(metric)) {
            declare(metric);
        }
        out.text("{\"metric\":\"").text(metric).text("\",\"type\":\"Point\",\"data\":{\"time\":\"");
        time(nowNanos);
        out.text("\",\"value\":").decimal(millionths, 6).text(",\"tags\":{");
        for (int i = 0; i < tags.length; i += 2) {
            if (i > 0) {
                out.character(',');
            }
            out.character('"').text(tags[i]).text("\":\"").text(tags[i + 1]).character('"');
        }
        out.text("}}}");
        out.lineEnd();
        lines++;
    }

    private void declare(String metric) throws IOException {
        for (String[] known : METRICS) {
            if (known[0].equals(metric)) {
                out.text("{\"type\":\"Metric\",\"data\":{\"name\":\"").text(metric).text("\",\"type\":\"")
                        .text(known[1]).text("\",\"contains\":\"").text(known[2])
                        .text("\",\"thresholds\":[],\"submetrics\":null},\"metric\":\"").text(metric).text("\"}");
                out.lineEnd();
                lines++;
                return;
            }
        }
        throw new IllegalStateException("no declaration for " + metric);
    }

    /** Go's RFC3339Nano: trailing zeros of the fraction dropped, no fraction for a whole second. */
    private void time(long epochNanos) {
        long second = Math.floorDiv(epochNanos, 1_000_000_000L);
        if (second != cachedSecond) {
            cachedSecond = second;
            cachedSecondText = AsciiOut.ascii(SECOND.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC)));
        }
        out.bytes(cachedSecondText);
        int nanos = (int) Math.floorMod(epochNanos, 1_000_000_000L);
        if (nanos != 0) {
            int digits = 9;
            while (nanos % 10 == 0) {
                nanos /= 10;
                digits--;
            }
            out.character('.').fixedDigits(nanos, digits);
        }
        out.character('Z');
    }
}
