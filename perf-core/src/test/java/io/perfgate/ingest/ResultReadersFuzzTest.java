package io.perfgate.ingest;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.ReaderContract;
import io.perfgate.stats.ResultsCollector;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.SeriesStatistics;
import io.perfgate.stats.Statistic;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Every results reader, fed arbitrary bytes: a result or a {@link io.perfgate.diag.BadInputException}
 * naming the file, never another exception or a hang. The normal test run replays the seeds in
 * {@code ResultReadersFuzzTestInputs}; {@code -Pfuzz} fuzzes one method for longer (see README).
 */
class ResultReadersFuzzTest {

    private static final Set<SeriesKey> TRACKED = Set.of(SeriesKey.of("http_req_duration"),
            SeriesKey.of("http_req_duration", "name", "fast"), SeriesKey.of("http_req_failed"),
            SeriesKey.of("http_reqs"));
    private static final List<Statistic> STATISTICS = List.of(Statistic.AVG, Statistic.MIN, Statistic.MAX,
            Statistic.MED, Statistic.COUNT, Statistic.RATE, Statistic.VALUE, Statistic.percentile(95),
            Statistic.percentile(99.9));

    @FuzzTest
    void k6Ndjson(byte[] content) throws Exception {
        readAs(ResultFormat.K6_NDJSON, "run.ndjson", content);
    }

    @FuzzTest
    void k6SummaryExport(byte[] content) throws Exception {
        readAs(ResultFormat.K6_SUMMARY_EXPORT, "summary.json", content);
    }

    @FuzzTest
    void k6HandleSummary(byte[] content) throws Exception {
        readAs(ResultFormat.K6_HANDLE_SUMMARY, "data.json", content);
    }

    @FuzzTest
    void jtlCsv(byte[] content) throws Exception {
        readAs(ResultFormat.JMETER_CSV, "results.jtl", content);
    }

    @FuzzTest
    void jtlXml(byte[] content) throws Exception {
        readAs(ResultFormat.JMETER_XML, "results.xml", content);
    }

    /** Through the file: format detection by content and gzip included. */
    @FuzzTest
    void anyResultsFile(byte[] content) throws Exception {
        Path folder = Files.createTempDirectory("perfgate-fuzz");
        Path file = folder.resolve("results.out");
        try {
            Files.write(file, content);
            ReaderContract.resultOrBadInput(file.toString(), content, () -> {
                ResultsCollector collector = new ResultsCollector(TRACKED, new Diagnostics());
                ResultIngest.readFile(file, collector, new Diagnostics());
                query(collector.results());
            });
        } finally {
            Files.deleteIfExists(file);
            Files.delete(folder);
        }
    }

    private static void readAs(ResultFormat format, String name, byte[] content) throws Exception {
        ReaderContract.resultOrBadInput(name, content, () -> {
            ResultsCollector collector = new ResultsCollector(TRACKED, new Diagnostics());
            ResultIngest.read(new ByteArrayInputStream(content), name, format, collector, new Diagnostics());
            query(collector.results());
        });
    }

    /** What the gate asks of the results afterwards may not throw either. */
    private static void query(RunResults results) {
        results.durationSeconds();
        for (SeriesKey key : TRACKED) {
            if (results.series(key).isEmpty()) {
                results.missingReason(key);
            }
        }
        for (SeriesStatistics series : results.summarySeries()) {
            for (Statistic statistic : STATISTICS) {
                series.value(statistic);
            }
        }
    }
}
