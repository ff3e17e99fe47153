package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.BadInputException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ResultFormatTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "k6/a_pass/run.ndjson.gz, K6_NDJSON",
            "k6/b_fail/summary.json, K6_SUMMARY_EXPORT",
            "k6/b_fail/data.json, K6_HANDLE_SUMMARY",
            "k6/d_abort/data.json, K6_HANDLE_SUMMARY",
            "jmeter/csv_default/results.jtl, JMETER_CSV",
            "jmeter/csv_semicolon_multiline/results.jtl, JMETER_CSV",
            "jmeter/xml_transactions/results.jtl, JMETER_XML",
            "jtl-cases/nested.xml, JMETER_XML",
            "jtl-cases/semicolon-multiline.csv, JMETER_CSV"})
    void shouldTellRealFilesApartByContent(String fixture, ResultFormat format) {
        assertThat(ResultFormat.detect(Fixtures.path(fixture))).isEqualTo(format);
    }

    @Test
    void shouldIgnoreFileNames() throws Exception {
        Path misnamed = dir.resolve("results.xml");
        Files.writeString(misnamed, "\n  {\"metric\":\"vus\",\"type\":\"Point\",\"data\":{}}\n");
        assertThat(ResultFormat.detect(misnamed)).isEqualTo(ResultFormat.K6_NDJSON);
        Path gzippedCsv = dir.resolve("results.json");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gzippedCsv))) {
            out.write("\uFEFFtimeStamp;elapsed;label\n1700000000000;5;a\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(ResultFormat.detect(gzippedCsv)).isEqualTo(ResultFormat.JMETER_CSV);
    }

    @Test
    void shouldTellHandleSummaryDataWithoutStateByItsTypedMetrics() throws Exception {
        Path file = dir.resolve("custom.json");
        Files.writeString(file, "{\"metrics\":{\"vus\":{\"type\":\"gauge\",\"contains\":\"default\","
                + "\"values\":{\"value\":1,\"min\":1,\"max\":1}}}}");
        assertThat(ResultFormat.detect(file)).isEqualTo(ResultFormat.K6_HANDLE_SUMMARY);
    }

    @Test
    void shouldRefuseOtherFilesNamingThem() throws Exception {
        Path stdout = Fixtures.k6("a_pass", "stdout.txt");
        assertThatThrownBy(() -> ResultFormat.detect(stdout)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(stdout + ": is not a results file perfgate reads");

        Path empty = Files.writeString(dir.resolve("empty.jtl"), " \n\n");
        assertThatThrownBy(() -> ResultFormat.detect(empty)).isInstanceOf(BadInputException.class)
                .hasMessage(empty + ": the file is empty");

        Path headless = Files.writeString(dir.resolve("headless.jtl"), "1700000000000,5,a,200,OK\n");
        assertThatThrownBy(() -> ResultFormat.detect(headless)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("without a header line").hasMessageContaining("print_field_names=true");

        Path otherJson = Files.writeString(dir.resolve("package.json"), "{\"name\":\"app\",\"version\":\"1.0.0\"}");
        assertThatThrownBy(() -> ResultFormat.detect(otherJson)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("without \"metrics\"");

        Path missing = dir.resolve("nowhere.json");
        assertThatThrownBy(() -> ResultFormat.detect(missing)).isInstanceOf(BadInputException.class)
                .hasMessage(missing + ": cannot be read (no such file)");
    }

    @ParameterizedTest
    @EnumSource(ResultFormat.class)
    void shouldRoundTripItsId(ResultFormat format) {
        assertThat(ResultFormat.fromId(format.id())).isSameAs(format);
        assertThat(format.id()).matches("(k6|jmeter)-[a-z-]+");
    }

    @Test
    void shouldSayThatAGzipFileIsCutShortOrCorrupt() throws Exception {
        byte[] gzip = gzip("{\"type\":\"Point\",\"metric\":\"http_reqs\",\"data\":{\"value\":1}}\n");
        Path headerOnly = Files.write(dir.resolve("header-only.ndjson.gz"), Arrays.copyOf(gzip, 10));
        byte[] flipped = gzip.clone();
        for (int i = 12; i < flipped.length - 8; i++) {
            flipped[i] ^= 0x5a;
        }
        Path corrupt = Files.write(dir.resolve("corrupt.ndjson.gz"), flipped);

        assertThatThrownBy(() -> ResultFormat.detect(headerOnly)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(headerOnly + ": its gzip data").hasMessageContaining("cut short");
        assertThatThrownBy(() -> ResultFormat.detect(corrupt)).isInstanceOf(BadInputException.class)
                .hasMessageContaining(corrupt + ": its gzip data");
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
