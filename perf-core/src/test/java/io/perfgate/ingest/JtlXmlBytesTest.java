package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.SeriesKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JTL in XML read from its bytes gives exactly what the JDK's XML parser gives, and whatever the bytes
 * reader is not sure of (anything malformed, cut short or unusual) it leaves to the parser: the outcome,
 * messages included, is the parser's for any bytes.
 */
class JtlXmlBytesTest {

    private static final Set<SeriesKey> TRACKED = Set.of(SeriesKey.of("http_req_duration"),
            SeriesKey.of("http_req_duration", "name", "pay & go"), SeriesKey.of("group_duration", "name", "checkout"),
            new SeriesKey("http_req_duration", Map.of("status", "500")), SeriesKey.of("vus"),
            SeriesKey.of("http_req_failed"), SeriesKey.of("data_received"));

    @TempDir
    Path dir;

    private static final List<String> LABELS = List.of("home", "pay &amp; go", "caf\u00e9", "say &quot;hi&quot;",
            "tab&#9;and&#10;line", "a\tb", "two\r\nlines", "&#x1F600;smile", "&lt;tag&gt;", "it&apos;s");

    /** A JTL as JMeter writes it: transactions holding requests, requests with sub-results, assertions. */
    static String generated(SplittableRandom random, int samples) {
        StringBuilder xml = new StringBuilder();
        if (random.nextInt(5) > 0) {
            xml.append(random.nextBoolean() ? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" : "<?xml version='1.0'?>\n");
        }
        if (random.nextInt(8) == 0) {
            xml.append("<!-- written by JMeter -->\n");
        }
        xml.append("<testResults version=\"1.2\">\n");
        long time = 1_795_434_500_000L;
        for (int i = 0; i < samples; i++) {
            time += random.nextInt(30);
            int kind = random.nextInt(6);
            if (kind == 0) {
                xml.append("<sample t=\"").append(random.nextInt(300)).append("\" lt=\"0\" ts=\"").append(time)
                        .append("\" s=\"true\" lb=\"checkout\" rc=\"200\" rm=\"Number of samples in transaction : 2,"
                                + " number of failing samples : 0\" tn=\"users 1-1\" by=\"372\" sby=\"353\" na=\"3\">\n");
                for (int k = 0; k < 2; k++) {
                    request(xml, random, time + k, "  ");
                }
                xml.append("</sample>\n");
            } else if (kind == 1) {
                xml.append("<httpSample t=\"30\" lt=\"9\" ct=\"2\" ts=\"").append(time).append("\" s=\"true\" lb=\"home\""
                        + " rc=\"200\" rm=\"OK\" by=\"900\" sby=\"120\" na=\"2\">\n");
                request(xml, random, time, "  ");
                xml.append("</httpSample>\n");
            } else {
                request(xml, random, time, "");
            }
        }
        xml.append("</testResults>\n");
        if (random.nextInt(8) == 0) {
            xml.append("<!-- the end -->\n");
        }
        return xml.toString();
    }

    private static void request(StringBuilder xml, SplittableRandom random, long time, String indent) {
        boolean failed = random.nextInt(8) == 0;
        String label = LABELS.get(random.nextInt(LABELS.size()));
        char quote = random.nextInt(10) == 0 ? '\'' : '"';
        String q = String.valueOf(quote);
        xml.append(indent).append("<httpSample t=").append(q).append(1 + random.nextInt(500)).append(q)
                .append(random.nextInt(10) == 0 ? "\n    " : " ").append("lt=\"").append(random.nextInt(300))
                .append("\" ct = \"").append(random.nextInt(20)).append("\" ts=\"").append(time)
                .append("\" s=\"").append(failed ? "false" : "true").append("\" lb=").append(q)
                .append(quote == '\'' ? label.replace("&apos;", "&#39;") : label).append(q)
                .append(" rc=\"").append(failed ? "500" : "200").append("\" rm=\"")
                .append(failed ? "Internal Server Error" : "OK").append("\" tn=\"users 1-1\" dt=\"text\" by=\"")
                .append(random.nextInt(20_000)).append("\" sby=\"").append(random.nextInt(900))
                .append(random.nextInt(15) == 0 ? "\" na=\"\"" : "\" na=\"" + (1 + random.nextInt(5)) + "\"");
        if (random.nextInt(4) == 0) {
            xml.append("/>\n");
            return;
        }
        xml.append(">\n");
        if (random.nextBoolean()) {
            xml.append(indent).append("  <assertionResult>\n").append(indent).append("    <name>status is 200</name>\n")
                    .append(indent).append("    <failure>").append(failed).append("</failure>\n");
            if (failed) {
                xml.append(indent).append("    <failureMessage>expected &lt;200&gt; &amp; got \"500\" ]]</failureMessage>\n");
            }
            xml.append(indent).append("  </assertionResult>\n");
        }
        if (random.nextInt(6) == 0) {
            xml.append(indent).append("  <responseData class=\"java.lang.String\"><![CDATA[{\"ok\": ")
                    .append(!failed).append(", \"x\": \"<&>\"}]]></responseData>\n");
        }
        if (random.nextInt(10) == 0) {
            xml.append(indent).append("  <!-- a comment - with a dash -->\n");
        }
        xml.append(indent).append("  <java.net.URL>https://shop.test/api?a=1&amp;b=2</java.net.URL>\n")
                .append(indent).append("</httpSample>\n");
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    /** Whether the bytes reader read the whole document itself. */
    private static boolean readFromBytes(byte[] content) throws IOException {
        return new JtlXmlBytes(new ResultsCollector(TRACKED, new Diagnostics())).read(new ByteArrayInputStream(content));
    }

    private static void assertAsTheParser(Path file) {
        assertThat(ReadingOutcome.of(file, TRACKED, null)).as(file.getFileName().toString())
                .isEqualTo(ReadingOutcome.ofStream(file, TRACKED));
    }

    @Test
    void shouldReadJmetersRecordingFromItsBytesAsTheParserReadsIt() throws IOException {
        for (String recording : List.of("jmeter/xml_transactions/results.jtl", "jtl-cases/nested.xml")) {
            Path file = Fixtures.path(recording);
            assertThat(readFromBytes(Files.readAllBytes(file))).as(recording).isTrue();
            assertAsTheParser(file);
        }
    }

    @Test
    void shouldReadGeneratedDocumentsFromTheirBytesAsTheParserReadsThem() throws IOException {
        SplittableRandom random = new SplittableRandom(21);
        for (int round = 0; round < 80; round++) {
            byte[] content = generated(random, random.nextInt(0, 300)).getBytes(StandardCharsets.UTF_8);
            assertThat(readFromBytes(content)).as(new String(content, StandardCharsets.UTF_8)).isTrue();
            assertAsTheParser(write("generated" + round + ".jtl", content));
        }
    }

    @Test
    void shouldLeaveEveryDamagedDocumentToTheParser() throws IOException {
        SplittableRandom random = new SplittableRandom(22);
        byte[] interesting = "<>&;\"'/!?-[]=# \t\r\n\u00e9x0".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 600; round++) {
            byte[] content = generated(random, random.nextInt(1, 12)).getBytes(StandardCharsets.UTF_8);
            int damages = 1 + random.nextInt(3);
            for (int d = 0; d < damages && content.length > 1; d++) {
                int at = random.nextInt(content.length);
                content = switch (random.nextInt(5)) {
                    case 0 -> concat(Arrays.copyOf(content, at), Arrays.copyOfRange(content, at + 1, content.length));
                    case 1 -> concat(concat(Arrays.copyOf(content, at), new byte[] {interesting[random.nextInt(
                            interesting.length)]}), Arrays.copyOfRange(content, at, content.length));
                    case 2 -> {
                        byte[] changed = content.clone();
                        changed[at] = random.nextInt(4) == 0 ? (byte) random.nextInt(256)
                                : interesting[random.nextInt(interesting.length)];
                        yield changed;
                    }
                    case 3 -> Arrays.copyOf(content, at);
                    default -> concat(Arrays.copyOf(content, at), Arrays.copyOfRange(content,
                            Math.min(content.length, at + random.nextInt(1, 40)), content.length));
                };
            }
            assertAsTheParser(write("damaged" + round + ".jtl", content));
        }
    }

    @Test
    void shouldLeaveDocumentsItIsNotSureOfToTheParser() throws IOException {
        String body = "<testResults><httpSample t=\"1\" ts=\"1700000000000\" lb=\"x\"/></testResults>";
        for (String document : List.of("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + body,
                "<!DOCTYPE testResults>" + body, "<?pi here?>" + body, body.replace("t=\"1\"", "t=\" 1\""),
                body.replace("lb=", "x:lb="), body.replace("<httpSample", "<j:httpSample").replace("/>", "/>"),
                body.replace("ts=\"1700000000000\"", "ts=\"-1\""), body.replace("\"x\"", "\"&custom;\""),
                body + "<more/>", body.substring(0, body.length() - 3), "\ufeff" + body,
                body.replace("t=\"1\"", "t=\"1\" t=\"2\""))) {
            byte[] content = document.getBytes(StandardCharsets.UTF_8);
            assertAsTheParser(write("unusual.jtl", content));
        }
        assertThat(readFromBytes(("\ufeff" + body).getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(readFromBytes(("<!DOCTYPE testResults>" + body).getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
