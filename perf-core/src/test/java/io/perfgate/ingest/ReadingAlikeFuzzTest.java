package io.perfgate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perfgate.stats.SeriesKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The faster ways of reading give what the plain one gives, for any bytes: a file read in parts on several
 * threads what one thread reads, a JTL in XML read from its bytes what the JDK's parser reads (results,
 * messages and errors alike). The normal test run replays the seeds in {@code ReadingAlikeFuzzTestInputs}.
 */
class ReadingAlikeFuzzTest {

    private static final Set<SeriesKey> TRACKED = Set.of(SeriesKey.of("http_req_duration"),
            SeriesKey.of("http_req_duration", "name", "fast"), SeriesKey.of("http_req_failed"),
            SeriesKey.of("http_reqs"), SeriesKey.of("vus"));

    @FuzzTest
    void inPartsAsOnOneThread(byte[] content) throws Exception {
        Path folder = Files.createTempDirectory("perfgate-fuzz");
        Path file = folder.resolve("results.out");
        try {
            Files.write(file, content);
            String oneThread = ReadingOutcome.of(file, TRACKED, null);
            long size = content.length;
            long chosen = content.length == 0 ? 0 : (content[0] & 0xff) * size / 256;
            assertThat(ReadingOutcome.of(file, TRACKED, FileInParts.at(size / 3, size * 2 / 3, chosen)))
                    .isEqualTo(oneThread);
        } finally {
            Files.deleteIfExists(file);
            Files.delete(folder);
        }
    }

    @FuzzTest
    void xmlFromBytesAsTheParser(byte[] content) throws Exception {
        Path folder = Files.createTempDirectory("perfgate-fuzz");
        Path file = folder.resolve("results.jtl");
        try {
            Files.write(file, content);
            assertThat(ReadingOutcome.of(file, TRACKED, null)).isEqualTo(ReadingOutcome.ofStream(file, TRACKED));
        } finally {
            Files.deleteIfExists(file);
            Files.delete(folder);
        }
    }
}
