package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostic;
import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results file its tool stopped writing (JMeter or k6 killed) gives a warning that names the file and
 * where it ends, and every complete sample before the cut, whatever the format; a file that is malformed
 * elsewhere, or whose gzip data is corrupt, is an error that says which.
 */
class CutShortFilesTest {

    private static final Path XML_RECORDING = Fixtures.path("jmeter/xml_transactions/results.jtl");
    private static final Path CSV_RECORDING = Fixtures.path("jmeter/csv_semicolon_multiline/results.jtl");
    private static final SeriesKey REQUESTS = SeriesKey.of("http_reqs");

    @TempDir
    Path dir;

    /** The file's first {@code length} bytes, read; the number of samples read and the warnings given. */
    private record Cut(long samples, List<String> warnings) {
    }

    private Cut readCut(Path recording, int length, String name) throws IOException {
        byte[] whole = Files.readAllBytes(recording);
        Path file = dir.resolve(name);
        Files.write(file, Arrays.copyOf(whole, length));
        Diagnostics diagnostics = new Diagnostics();
        IngestedResults ingested = ResultIngest.read(List.of(file), Set.of(), diagnostics);
        List<String> warnings = diagnostics.all().stream().filter(message -> message.level() == Diagnostic.Level.WARNING)
                .map(Diagnostic::text).toList();
        return new Cut(ingested.sources().get(0).samples(), warnings);
    }

    @Test
    void shouldWarnAboutAJtlXmlCutAnywhereAfterItsRootAndKeepTheCompleteSamples() throws IOException {
        byte[] whole = Files.readAllBytes(XML_RECORDING);
        String text = new String(whole, StandardCharsets.UTF_8);
        int afterRoot = text.indexOf('>', text.indexOf("<testResults")) + 1;
        long all = ResultIngest.read(List.of(XML_RECORDING), Set.of(), new Diagnostics()).sources().get(0).samples();
        long before = 0;
        int cuts = 0;
        int step = whole.length / 150 + 1;
        for (int length = afterRoot; length < whole.length - "</testResults>\n".length(); length += step) {
            Cut cut = readCut(XML_RECORDING, length, "cut.jtl");

            assertThat(cut.warnings()).as("cut after %d bytes", length).singleElement().asString()
                    .startsWith(dir.resolve("cut.jtl") + " line ")
                    .contains(": the file ends before </testResults> (JMeter stopped while writing?); ")
                    .endsWith("the " + cut.samples() + " complete sample(s) before it were read");
            assertThat(cut.samples()).as("cut after %d bytes", length).isBetween(before, all);
            before = cut.samples();
            cuts++;
        }
        assertThat(cuts).isGreaterThan(100);
        Cut last = readCut(XML_RECORDING, whole.length - "</testResults>\n".length(), "cut.jtl");
        assertThat(last.samples()).as("the file without its end tag").isEqualTo(all);
    }

    @Test
    void shouldNameTheSampleThatWasCutOff() throws IOException {
        Path file = dir.resolve("killed.jtl");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <testResults version="1.2">
                <httpSample t="5" ts="1700000000000" s="true" lb="a" rc="200"/>
                <httpSample t="7" ts="1700000000100" s="true" lb="b" rc="200">
                  <java.net.URL>http://127.0.0.1/b</java.net.URL>
                """);
        Diagnostics diagnostics = new Diagnostics();

        IngestedResults ingested = ResultIngest.read(List.of(file), Set.of(), diagnostics);

        assertThat(diagnostics.all()).extracting(Diagnostic::text).containsExactly(file + " line 6: the file ends"
                + " before </testResults> (JMeter stopped while writing?); the <httpSample> cut off at line 4 was"
                + " skipped, the 1 complete sample(s) before it were read");
        assertThat(ingested.results().series(REQUESTS).orElseThrow().value(Statistic.COUNT)).hasValue(1);
    }

    @Test
    void shouldStillRefuseJtlXmlThatIsMalformedBeforeItsEnd() throws IOException {
        Path file = dir.resolve("broken.jtl");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <testResults version="1.2">
                <httpSample t="5" ts="1700000000000" s="true" lb="a" lb="b" rc="200"/>
                <httpSample t="7" ts="1700000000100" s="true" lb="b" rc="200"/>
                """);

        assertThatThrownBy(() -> ResultIngest.read(List.of(file), Set.of(), new Diagnostics()))
                .isInstanceOf(BadInputException.class).hasMessageStartingWith(file + " line 3, column ")
                .hasMessageContaining("is not well-formed JTL XML");
    }

    @Test
    void shouldWarnAboutGzippedJtlXmlCutShort() throws IOException {
        byte[] gzipped = gzip(Files.readAllBytes(XML_RECORDING));
        Path file = dir.resolve("cut.jtl.gz");
        Files.write(file, Arrays.copyOf(gzipped, gzipped.length / 2));
        Diagnostics diagnostics = new Diagnostics();

        IngestedResults ingested = ResultIngest.read(List.of(file), Set.of(), diagnostics);

        assertThat(diagnostics.all()).extracting(Diagnostic::text).singleElement().asString()
                .startsWith(file + " line ")
                .contains(": the file ends before </testResults>, its compressed data cut short (JMeter stopped while"
                        + " writing?); ");
        assertThat(ingested.sources().get(0).samples()).isPositive();
    }

    @Test
    void shouldWarnAboutAJtlCsvCutAnywhereAfterItsHeaderInsideQuotedMessagesToo() throws IOException {
        byte[] whole = Files.readAllBytes(CSV_RECORDING);
        int afterHeader = new String(whole, StandardCharsets.UTF_8).indexOf('\n') + 1;
        long all = ResultIngest.read(List.of(CSV_RECORDING), Set.of(), new Diagnostics()).sources().get(0).samples();
        long before = 0;
        int insideQuotes = 0;
        int inLastField = 0;
        int step = whole.length / 300 + 1;
        for (int length = afterHeader + 1; length < whole.length; length += step) {
            Cut cut = readCut(CSV_RECORDING, length, "cut.jtl");

            boolean atRowEnd = whole[length - 1] == '\n';
            assertThat(cut.warnings()).as("cut after %d bytes", length).hasSize(atRowEnd ? 0 : 1);
            if (!atRowEnd && cut.warnings().get(0).contains("inside the quoted field")) {
                insideQuotes++;
            }
            if (!atRowEnd && cut.warnings().get(0).contains("no line break after it")) {
                inLastField++;
            }
            assertThat(cut.samples()).as("cut after %d bytes", length).isBetween(before, all);
            before = cut.samples();
        }
        assertThat(insideQuotes).as("cuts inside a multi-line failure message").isPositive();
        assertThat(inLastField).as("cuts inside a row's last field").isPositive();
    }

    @Test
    void shouldNameTheLineWhereAnUnbalancedQuoteOpens() throws IOException {
        Path file = dir.resolve("quote.jtl");
        Files.writeString(file, "timeStamp,elapsed,label,success\n"
                + "1700000000000,5,a,true\n"
                + "1700000000010,7,\"b,true\n"
                + "1700000000020,9,c,true\n");

        assertThatThrownBy(() -> ResultIngest.read(List.of(file), Set.of(), new Diagnostics()))
                .isInstanceOf(BadInputException.class)
                .hasMessage(file + " line 3, column 17: the quote that opens this field is never closed (an unbalanced"
                        + " quote), so the rest of the file would read as one field; a quote inside a quoted field is"
                        + " written twice (\"\")");
    }

    @Test
    void shouldWarnAboutAJtlCsvCutInsideAQuotedMessage() throws IOException {
        Path file = dir.resolve("killed.jtl");
        Files.writeString(file, "timeStamp,elapsed,label,success,failureMessage\n"
                + "1700000000000,5,a,true,\n"
                + "1700000000010,7,b,false,\"expected 200\n"
                + "but was");
        Diagnostics diagnostics = new Diagnostics();

        IngestedResults ingested = ResultIngest.read(List.of(file), Set.of(), diagnostics);

        assertThat(diagnostics.all()).filteredOn(message -> message.level() == Diagnostic.Level.WARNING)
                .extracting(Diagnostic::text).containsExactly(file + " line 4: the file ends inside"
                + " the quoted field that opens at line 3, column 25 (JMeter stopped while writing?); that last row was"
                + " skipped, the 1 row(s) before it were read");
        assertThat(ingested.sources().get(0).samples()).isEqualTo(1);
    }

    @Test
    void shouldWarnAboutGzippedJtlCsvCutShortAndKeepItsRows() throws IOException {
        byte[] gzipped = gzip(Files.readAllBytes(CSV_RECORDING));
        Path file = dir.resolve("cut.csv.gz");
        Files.write(file, Arrays.copyOf(gzipped, gzipped.length / 2));
        Diagnostics diagnostics = new Diagnostics();

        IngestedResults ingested = ResultIngest.read(List.of(file), Set.of(), diagnostics);

        assertThat(diagnostics.all()).extracting(Diagnostic::text)
                .anyMatch(text -> text.startsWith(file + ": its compressed data ends early (JMeter stopped while"
                        + " writing?); the " + ingested.sources().get(0).samples() + " complete row(s) before the cut"
                        + " were read"));
        assertThat(ingested.sources().get(0).samples()).isPositive();
    }

    @Test
    void shouldCallCorruptDeflateDataCorruptAndNotInvalidJson() throws IOException {
        for (String recording : List.of("k6/a_pass/summary.json", "k6/a_pass/data.json")) {
            byte[] gzipped = gzip(Files.readAllBytes(Fixtures.path(recording)));
            // Past the header, the deflate blocks: bytes that no longer decode.
            for (int i = 40; i < 60; i++) {
                gzipped[i] = (byte) 0xFF;
            }
            Path file = dir.resolve("summary.json.gz");
            Files.write(file, gzipped);

            assertThatThrownBy(() -> ResultIngest.read(List.of(file), Set.of(), new Diagnostics()))
                    .as(recording).isInstanceOf(BadInputException.class)
                    .hasMessageStartingWith(file + ": its gzip data is corrupt (")
                    .message().doesNotContain("JSON");
        }
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
