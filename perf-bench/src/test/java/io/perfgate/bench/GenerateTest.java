package io.perfgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.perfgate.budget.BudgetParser;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateTest {

    @Test
    void shouldReadSizesWithBinaryUnits() {
        assertThat(Generate.parseSize("123")).isEqualTo(123);
        assertThat(Generate.parseSize("500kB")).isEqualTo(500 * 1024);
        assertThat(Generate.parseSize("100MB")).isEqualTo(100L << 20);
        assertThat(Generate.parseSize("2gb")).isEqualTo(2L << 30);
        assertThat(Generate.parseSize(" 7 b ")).isEqualTo(7);
        assertThatThrownBy(() -> Generate.parseSize("lots")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lots'");
    }

    @Test
    void shouldGzipAFileNamedDotGz(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/run.ndjson.gz");
        Generate.write("k6", 100_000, file, 1);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("{\"type\":\"Metric\"").hasSizeGreaterThanOrEqualTo(100_000);
        }
        assertThat(Files.size(file)).isLessThan(50_000);
        assertThatThrownBy(() -> Generate.write("csv", 10, dir.resolve("x"), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldTrackTheSeriesOfTheBenchmarkBudget(@TempDir Path dir) throws IOException {
        Path budget = dir.resolve("perf-budget.yaml");
        Files.writeString(budget, Inputs.BUDGET);
        assertThat(Inputs.trackedSeries()).isEqualTo(BudgetParser.parse(budget).series())
                .contains(SeriesKey.parse("http_req_duration{group:::cart}")).hasSize(15);
    }
}
