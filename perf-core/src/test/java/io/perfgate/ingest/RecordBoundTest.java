package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.Diagnostics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One huge record (a line, a row, a tag, a summary's metric) is an error naming its file and line, found
 * while the record is read: so also in a process whose heap is far smaller than the record.
 */
class RecordBoundTest {

    /** Over the limit by more than a parser reads ahead (Jackson some kB, a BufferedReader 64 kB). */
    private static final long OVER = RecordBound.MAX_RECORD_BYTES + (256 << 10);

    @TempDir
    Path dir;

    private static IngestedResults read(Path file) {
        return ResultIngest.read(List.of(file), Set.of(), new Diagnostics());
    }

    @Test
    void shouldRefuseAnNdjsonLineOverTheLimitNamingItsLine() throws IOException {
        // The NDJSON reader buffers lines itself and knows their length exactly.
        Path file = HugeRecords.ndjson(dir.resolve("run.ndjson.gz"), RecordBound.MAX_RECORD_BYTES + 1);

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " line 3: line is longer than 4 MB; k6 NDJSON lines are short, so this is not k6 "
                        + "output or the file is corrupt");
    }

    @Test
    void shouldReadAnNdjsonLineJustUnderTheLimit() throws IOException {
        Path file = HugeRecords.ndjson(dir.resolve("run.ndjson.gz"), RecordBound.MAX_RECORD_BYTES - 200);

        assertThat(read(file).sources()).singleElement().extracting(ResultSource::samples).isEqualTo(2L);
    }

    @Test
    void shouldRefuseACsvRowOverTheLimitNamingItsLine() throws IOException {
        Path file = HugeRecords.csv(dir.resolve("results.jtl.gz"), OVER);

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " line 3: the row is longer than 4 MB (a field without its closing quote takes "
                        + "the rest of the file into one row); JMeter's rows are short");
    }

    @Test
    void shouldReadACsvRowOfSomeMegabytes() throws IOException {
        Path file = HugeRecords.csv(dir.resolve("results.jtl.gz"), 3 << 20);

        assertThat(read(file).sources()).singleElement().extracting(ResultSource::samples).isEqualTo(2L);
    }

    @Test
    void shouldRefuseACsvHeaderOverTheLimit() throws IOException {
        Path file = HugeRecords.write(dir.resolve("results.jtl.gz"), "timeStamp,elapsed,label,", OVER, "\n1,2,3\n");

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessage(file + " line 1: the header line is longer than 4 MB; a JTL header names some twenty "
                        + "columns");
    }

    @Test
    void shouldRefuseAQuoteThatNeverClosesOnceItsRowPassesTheLimit() throws IOException {
        Path file = HugeRecords.write(dir.resolve("results.jtl.gz"),
                "timeStamp,elapsed,label\n1700000000000,5,a\n1700000000010,7,\"a\n", OVER, "\n");

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 3: the row is longer than 4 MB");
    }

    @Test
    void shouldRefuseAnXmlTagOverTheLimitNamingItsLine() throws IOException {
        Path file = HugeRecords.xml(dir.resolve("results.jtl.gz"), OVER);

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 3")
                .hasMessageEndingWith("a tag, text or comment here is longer than 4 MB; JMeter writes short ones "
                        + "(response data comes in parts)");
    }

    @Test
    void shouldReadLongXmlTextSuchAsResponseDataInParts() throws IOException {
        Path file = HugeRecords.write(dir.resolve("results.jtl.gz"), "<?xml version=\"1.0\"?>\n<testResults>\n"
                + "<httpSample t=\"5\" ts=\"1700000000000\" s=\"true\" lb=\"a\"><responseData class=\"java.lang.String\">",
                3L * RecordBound.MAX_RECORD_BYTES, "</responseData></httpSample>\n</testResults>\n");

        assertThat(read(file).sources()).singleElement().extracting(ResultSource::samples).isEqualTo(1L);
    }

    @Test
    void shouldRefuseASummaryMetricOverTheLimitNamingItsLine() throws IOException {
        Path file = HugeRecords.summary(dir.resolve("summary.json.gz"), OVER);

        assertThatThrownBy(() -> read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file + " line 3")
                .hasMessageEndingWith("metric http_req_duration is longer than 4 MB; a k6 summary holds a few "
                        + "numbers per metric");
    }

    @Test
    void shouldSkipALongValueOutsideTheMetricsOfASummary() throws IOException {
        Path file = HugeRecords.write(dir.resolve("summary.json.gz"), "{\"setup_data\":\"", OVER,
                "\",\"metrics\":{\"http_reqs\":{\"count\":10,\"rate\":2.5}}}\n");

        assertThat(read(file).results().durationSeconds()).isEqualTo(4.0);
    }

    @Test
    void shouldCountOnlyTheBytesOfAnOpenRecord() throws IOException {
        byte[] bytes = new byte[RecordBound.MAX_RECORD_BYTES + 10];
        try (RecordBound bound = new RecordBound(new ByteArrayInputStream(bytes))) {
            assertThat(bound.read(new byte[bytes.length])).isEqualTo(bytes.length);
        }
        try (RecordBound bound = new RecordBound(new ByteArrayInputStream(bytes))) {
            bound.startRecord();
            assertThat(bound.readNBytes(RecordBound.MAX_RECORD_BYTES)).hasSize(RecordBound.MAX_RECORD_BYTES);
            bound.startRecord();
            assertThat(bound.read()).isZero();
            bound.endRecord();
            bound.startRecord();
            InputStream rest = bound;
            assertThat(rest.readAllBytes()).hasSize(9);
        }
        try (RecordBound bound = new RecordBound(new ByteArrayInputStream(bytes))) {
            bound.startRecord();
            assertThatThrownBy(() -> bound.readNBytes(RecordBound.MAX_RECORD_BYTES + 1))
                    .isInstanceOf(RecordBound.TooLong.class);
        }
    }

    /**
     * 200 MB records read in a JVM of 64 MB heap: each is refused with its file and line, where buffering
     * the record would run out of memory.
     */
    @ParameterizedTest
    @ValueSource(strings = {"run.ndjson.gz", "results.jtl.gz", "results.xml.gz", "summary.json.gz"})
    void shouldRefuseA200MegabyteRecordInA64MegabyteHeap(String name) throws Exception {
        long bytes = 200L << 20;
        Path file = dir.resolve(name);
        switch (name) {
            case "run.ndjson.gz" -> HugeRecords.ndjson(file, bytes);
            case "results.jtl.gz" -> HugeRecords.csv(file, bytes);
            case "results.xml.gz" -> HugeRecords.xml(file, bytes);
            default -> HugeRecords.summary(file, bytes);
        }
        Path output = dir.resolve("output.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process reader = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                ReadInAnotherProcess.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!reader.waitFor(120, TimeUnit.SECONDS)) {
            reader.destroyForcibly();
        }

        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(reader.exitValue()).as(printed).isZero();
        assertThat(printed).startsWith("refused " + file + " line 3").contains("longer than 4 MB");
    }
}
