package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-written JTL cases in fixtures/jtl-cases, with the numbers worked out by hand. */
class JtlReaderTest {

    private static final SeriesKey REQUESTS = SeriesKey.of("http_reqs");
    private static final SeriesKey DURATION = SeriesKey.of("http_req_duration");
    private static final SeriesKey FAILED = SeriesKey.of("http_req_failed");
    private static final SeriesKey GROUPS = SeriesKey.of("group_duration");

    @TempDir
    Path dir;

    private final Diagnostics diagnostics = new Diagnostics();

    private static Path jtlCase(String name) {
        return Fixtures.path("jtl-cases/" + name);
    }

    private RunResults read(Path file, SeriesKey... tracked) {
        return ResultIngest.read(List.of(file), Set.of(tracked), diagnostics).results();
    }

    private static double value(RunResults results, SeriesKey key, Statistic statistic) {
        SeriesStatistics series = results.series(key).orElseThrow(() -> new AssertionError(results.missingReason(key)));
        return series.value(statistic).orElseThrow(() -> new AssertionError(series.unavailableReason(statistic)));
    }

    private static long count(RunResults results, SeriesKey key) {
        return results.series(key).orElseThrow(() -> new AssertionError(results.missingReason(key))).sampleCount();
    }

    @Test
    void shouldMapEveryDefaultColumnOntoK6Metrics() {
        SeriesKey serverErrors = SeriesKey.of("http_req_duration", "status", "500");
        SeriesKey unexpected = SeriesKey.of("http_reqs", "expected_response", "false");
        RunResults results = read(jtlCase("default.csv"), serverErrors, unexpected);

        assertThat(value(results, REQUESTS, Statistic.COUNT)).isEqualTo(6);
        assertThat(results.durationSeconds()).isEqualTo(1.06);
        assertThat(value(results, REQUESTS, Statistic.RATE)).isCloseTo(6 / 1.06, within(1e-12));
        assertThat(value(results, DURATION, Statistic.AVG)).isEqualTo(35);
        assertThat(value(results, DURATION, Statistic.MIN)).isEqualTo(10);
        assertThat(value(results, DURATION, Statistic.MAX)).isEqualTo(60);
        assertThat(value(results, DURATION, Statistic.percentile(95))).isCloseTo(57.5, within(57.5 / 2048));
        assertThat(value(results, DURATION, Statistic.MED)).isCloseTo(35, within(35.0 / 2048));
        assertThat(value(results, FAILED, Statistic.RATE)).isEqualTo(1 / 6.0);

        SeriesKey slow = SeriesKey.of("http_req_duration", "name", "slow");
        assertThat(count(results, slow)).isEqualTo(3);
        assertThat(value(results, slow, Statistic.MAX)).isEqualTo(60);
        assertThat(value(results, SeriesKey.of("http_req_failed", "name", "slow"), Statistic.RATE)).isEqualTo(1 / 3.0);
        assertThat(value(results, serverErrors, Statistic.AVG)).isEqualTo(40);
        assertThat(value(results, unexpected, Statistic.COUNT)).isEqualTo(1);

        assertThat(value(results, SeriesKey.of("http_req_waiting"), Statistic.AVG)).isCloseTo(187 / 6.0, within(1e-12));
        assertThat(value(results, SeriesKey.of("http_req_connecting"), Statistic.MAX)).isEqualTo(2);
        assertThat(value(results, SeriesKey.of("data_received"), Statistic.COUNT)).isEqualTo(670);
        assertThat(value(results, SeriesKey.of("data_sent"), Statistic.COUNT)).isEqualTo(330);
        assertThat(results.series(SeriesKey.of("data_sent")).orElseThrow().contents()).isEqualTo(MetricContents.DATA);
        assertThat(value(results, SeriesKey.of("vus"), Statistic.VALUE)).as("allThreads of the latest row").isEqualTo(1);
        assertThat(value(results, SeriesKey.of("vus"), Statistic.MAX)).isEqualTo(2);
        assertThat(results.series(DURATION).orElseThrow().contents()).isEqualTo(MetricContents.TIME);
        assertThat(results.series(GROUPS)).isEmpty();
        assertThat(diagnostics.all()).isEmpty();
    }

    @Test
    void shouldReadASemicolonFileWithAMessageOverThreeLines() {
        IngestedResults ingested = ResultIngest.read(List.of(jtlCase("semicolon-multiline.csv")), Set.of(), diagnostics);
        RunResults results = ingested.results();

        assertThat(ingested.sources()).containsExactly(
                new ResultSource(jtlCase("semicolon-multiline.csv").toString(), "jmeter-csv", 3));
        assertThat(value(results, REQUESTS, Statistic.COUNT)).isEqualTo(3);
        SeriesKey flaky = SeriesKey.of("http_req_failed", "name", "flaky");
        assertThat(count(results, flaky)).isEqualTo(2);
        assertThat(value(results, flaky, Statistic.RATE)).isEqualTo(0.5);
        assertThat(value(results, SeriesKey.of("http_req_duration", "name", "flaky"), Statistic.MAX)).isEqualTo(9);
    }

    @Test
    void shouldNameThePhysicalLineOfABadRowAfterAMultiLineField() throws Exception {
        Path file = dir.resolve("bad.jtl");
        Files.writeString(file, Files.readString(jtlCase("semicolon-multiline.csv"))
                + "1700000000050;abc;login;200;OK;users 1-1;text;true;;195;217;1;1;http://localhost/api/login;4;0;1\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " line 7: column elapsed: 'abc' is not a whole number");
    }

    @Test
    void shouldCountTransactionControllerRowsAsGroupsNotRequests() {
        RunResults results = read(jtlCase("transactions.csv"));

        assertThat(value(results, REQUESTS, Statistic.COUNT)).isEqualTo(4);
        assertThat(value(results, FAILED, Statistic.RATE)).as("the failed transaction is not a failed request")
                .isEqualTo(0.25);
        assertThat(results.series(SeriesKey.of("http_req_duration", "name", "checkout"))).isEmpty();
        assertThat(count(results, GROUPS)).isEqualTo(2);
        assertThat(value(results, SeriesKey.of("group_duration", "name", "checkout"), Statistic.MAX)).isEqualTo(12);
        assertThat(value(results, SeriesKey.of("group_duration", "name", "browse"), Statistic.MAX)).isEqualTo(53);
        assertThat(results.series(SeriesKey.of("group_duration")).orElseThrow().type()).isEqualTo(MetricType.TREND);
        assertThat(results.durationSeconds()).isEqualTo(0.073);
    }

    @Test
    void shouldReadNestedXmlSamplesLikeJmeterCountsThem() {
        SeriesKey checkoutGroup = new SeriesKey("group_duration", Map.of("name", "checkout", "group", "checkout"));
        IngestedResults ingested = ResultIngest.read(List.of(jtlCase("nested.xml")), Set.of(checkoutGroup), diagnostics);
        RunResults results = ingested.results();

        assertThat(value(results, REQUESTS, Statistic.COUNT)).as("login, cart, home, fast, slow").isEqualTo(5);
        assertThat(results.series(SeriesKey.of("http_reqs", "name", "home-0"))).as("a redirect is part of home")
                .isEmpty();
        assertThat(value(results, FAILED, Statistic.RATE)).isEqualTo(0.2);
        assertThat(value(results, SeriesKey.of("http_req_failed", "name", "cart"), Statistic.RATE)).isEqualTo(1);
        assertThat(value(results, SeriesKey.of("http_req_duration", "name", "home"), Statistic.MAX)).isEqualTo(30);
        assertThat(value(results, checkoutGroup, Statistic.AVG)).isEqualTo(20);
        assertThat(value(results, SeriesKey.of("group_duration", "name", "browse"), Statistic.AVG)).isEqualTo(40);
        assertThat(value(results, SeriesKey.of("data_received"), Statistic.COUNT)).isEqualTo(1552);
        assertThat(value(results, SeriesKey.of("http_req_waiting"), Statistic.MAX)).isEqualTo(35);
        assertThat(results.durationSeconds()).isEqualTo(0.12);
        assertThat(ingested.sources().get(0).format()).isEqualTo("jmeter-xml");
        assertThat(ingested.sources().get(0).samples()).as("5 requests and 2 transactions").isEqualTo(7);
    }

    @Test
    void shouldNeverResolveAnExternalEntity() throws Exception {
        String secret = "TOP-SECRET-CONTENT-4711";
        Path secretFile = dir.resolve("secret.txt");
        Files.writeString(secretFile, secret);
        Path file = dir.resolve("results.jtl");
        Files.writeString(file, Files.readString(jtlCase("xxe-external-entity.xml"))
                .replace("@SECRET_URI@", secretFile.toUri().toString()));
        assertThat(everythingReadBy(unprotectedFactory(), file)).as("the case would leak without protection")
                .contains(secret);

        assertThat(everythingReadBy(JtlXmlReader.safeFactory(), file)).as("the reader's parser settings alone")
                .doesNotContain(secret);
        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 2").hasMessageContaining("DOCTYPE")
                .message().doesNotContain(secret);
        assertThat(diagnostics.all()).noneMatch(message -> message.text().contains(secret));
    }

    /** The JDK's parser with DTDs and external entities on, as its defaults have them. */
    private static XMLInputFactory unprotectedFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, true);
        return factory;
    }

    /** All text and attribute values a parser hands out for the file, up to its first error. */
    private static String everythingReadBy(XMLInputFactory factory, Path file) throws Exception {
        StringBuilder seen = new StringBuilder();
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.ENTITY_REFERENCE) {
                    seen.append(xml.getText()).append('\n');
                } else if (event == XMLStreamConstants.START_ELEMENT) {
                    for (int i = 0; i < xml.getAttributeCount(); i++) {
                        seen.append(xml.getAttributeValue(i)).append('\n');
                    }
                }
            }
        } catch (javax.xml.stream.XMLStreamException e) {
            seen.append(e.getMessage());
        }
        return seen.toString();
    }

    @Test
    void shouldRefuseAnEntityReferenceWithoutADoctype() throws Exception {
        Path file = dir.resolve("entity.jtl");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <testResults version="1.2">
                <httpSample t="5" ts="1700000000000" s="true" lb="&undeclared;" rc="200"/>
                </testResults>
                """);
        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 3");
    }

    @Test
    void shouldRefuseADateFormattedTimeStampWithAHowTo() {
        Path file = jtlCase("date-timestamp.csv");
        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " line 2: timeStamp '2026/11/23 10:19:34.123' is not epoch milliseconds; perfgate"
                        + " reads JMeter's default format (jmeter.save.saveservice.timestamp_format=ms)");
    }

    @Test
    void shouldFindColumnsByNameInAnyOrderAndDelimiter() throws Exception {
        Path file = dir.resolve("custom.jtl");
        Files.writeString(file, "label|success|elapsed|timeStamp\n"
                + "a|true|5|1700000000000\n"
                + "a|false|7|1700000000010\n"
                + "\n");
        RunResults results = read(file);
        assertThat(value(results, SeriesKey.of("http_req_duration", "name", "a"), Statistic.AVG)).isEqualTo(6);
        assertThat(value(results, FAILED, Statistic.RATE)).isEqualTo(0.5);
        assertThat(results.series(SeriesKey.of("data_received"))).isEmpty();
        assertThat(results.missingReason(SeriesKey.of("data_received"))).startsWith("no metric data_received");
        assertThat(diagnostics.all()).extracting(Diagnostic::text)
                .containsExactly(file + ": no responseMessage column, so Transaction Controller rows cannot be told"
                        + " apart and count as requests");
    }

    @Test
    void shouldWarnAboutACutOffLastRowAndRefuseAShortRowElsewhere() throws Exception {
        String header = "timeStamp,elapsed,label,success\n";
        Path cut = dir.resolve("cut.jtl");
        Files.writeString(cut, header + "1700000000000,5,a,true\n1700000000010,7,a,true\n1700000000020,9");
        RunResults results = read(cut);
        assertThat(value(results, REQUESTS, Statistic.COUNT)).isEqualTo(2);
        assertThat(diagnostics.all()).filteredOn(message -> message.level() == Diagnostic.Level.WARNING)
                .extracting(Diagnostic::text).singleElement().asString()
                .startsWith(cut + " line 4: the last row has 2 of 4 fields");

        Path shortRow = dir.resolve("short.jtl");
        Files.writeString(shortRow, header + "1700000000000,5\n1700000000010,7,a,true\n");
        assertThatThrownBy(() -> read(shortRow)).isInstanceOf(BadInputException.class)
                .hasMessage(shortRow + " line 2: the row has 2 fields but the header names 4 columns");
    }

    @Test
    void shouldRefuseXmlThatIsNotAJtl() throws Exception {
        Path file = dir.resolve("pom.xml");
        Files.writeString(file, "<?xml version=\"1.0\"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n",
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 2").hasMessageContaining("root element is <project>");
    }

    @Test
    void shouldRefuseADoctypeTheJdkParserHasNoMessageFor() throws Exception {
        Path file = dir.resolve("results.jtl");
        Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE testResults [\u001a"
                + "<!ENTITY secret SYSTEM \"file:///etc/passwd\"> ]>\n<testResults version=\"1.2\"/>\n");

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("is not well-formed JTL XML: the XML parser stopped with its error"
                        + " InvalidCharInDTD, for which it has no text");
    }
}
