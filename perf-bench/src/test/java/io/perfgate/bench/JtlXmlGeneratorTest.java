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

class JtlXmlGeneratorTest {

    @Test
    void shouldWriteAnXmlJtlAsJmeterDoesThatPerfgateReads(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("results.jtl");
        JtlXmlGenerator.Written written;
        try (OutputStream out = Files.newOutputStream(file)) {
            written = JtlXmlGenerator.write(out, 300_000, 1);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).startsWith(JtlXmlGenerator.START).endsWith(JtlXmlGenerator.END);
        assertThat(Files.size(file)).isEqualTo(written.bytes()).isGreaterThanOrEqualTo(300_000);
        long transactions = text.lines().filter(line -> line.startsWith("<sample ")).count();
        long requests = text.lines().filter(line -> line.startsWith("  <httpSample ")).count();
        assertThat(transactions + requests).isEqualTo(written.samples());

        Diagnostics diagnostics = new Diagnostics();
        IngestedResults ingested = ResultIngest.read(List.of(file), Set.of(), diagnostics);
        RunResults results = ingested.results();

        assertThat(diagnostics.all()).isEmpty();
        assertThat(ingested.sources().get(0).format()).isEqualTo("jmeter-xml");
        assertThat(ingested.sources().get(0).samples()).isEqualTo(written.samples());
        assertThat(results.series(SeriesKey.of("http_reqs")).orElseThrow().value(Statistic.COUNT))
                .hasValue(requests);
        assertThat(results.series(SeriesKey.of("group_duration")).orElseThrow().sampleCount()).isEqualTo(transactions);
        assertThat(results.series(SeriesKey.of("http_req_duration", "name", "pay")).orElseThrow()
                .value(Statistic.MED).getAsDouble()).isBetween(40.0, 100.0);
        assertThat(results.series(SeriesKey.of("http_req_failed")).orElseThrow().value(Statistic.RATE).getAsDouble())
                .isPositive();
    }
}
