package io.perfgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.stats.RunResults;
import io.perfgate.stats.SeriesKey;
import io.perfgate.stats.Statistic;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JtlCsvGeneratorTest {

    @Test
    void shouldWriteAJtlWithJmetersDefaultColumnsThatPerfgateReads(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("results.jtl");
        JtlCsvGenerator.Written written;
        try (OutputStream out = Files.newOutputStream(file)) {
            written = JtlCsvGenerator.write(out, 300_000, 1);
        }
        List<String> rows = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(rows.get(0)).isEqualTo(JtlCsvGenerator.HEADER);
        assertThat(rows).hasSize((int) written.rows() + 1);
        assertThat(Files.size(file)).isEqualTo(written.bytes()).isGreaterThanOrEqualTo(300_000);
        long transactions = rows.stream().filter(row -> row.contains("Number of samples in transaction")).count();
        long failed = rows.stream().filter(row -> row.contains(",false,")).count();

        Diagnostics diagnostics = new Diagnostics();
        IngestedResults ingested = ResultIngest.read(List.of(file), Set.of(), diagnostics);
        RunResults results = ingested.results();

        assertThat(diagnostics.all()).isEmpty();
        assertThat(ingested.sources().get(0).format()).isEqualTo("jmeter-csv");
        assertThat(transactions).isPositive();
        assertThat(results.series(SeriesKey.of("http_reqs")).orElseThrow().value(Statistic.COUNT))
                .hasValue(written.rows() - transactions);
        assertThat(results.series(SeriesKey.of("group_duration")).orElseThrow().sampleCount()).isEqualTo(transactions);
        assertThat(failed).isPositive();
        assertThat(results.series(SeriesKey.of("http_req_duration", "name", "pay")).orElseThrow()
                .value(Statistic.MED).getAsDouble()).isBetween(40.0, 100.0);
    }
}
