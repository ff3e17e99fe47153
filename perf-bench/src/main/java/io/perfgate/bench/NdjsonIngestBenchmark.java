package io.perfgate.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.stats.SeriesKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * k6 NDJSON ingest against the parse limit, in one run over the same bytes: {@link #ingest} is
 * perfgate's whole ingest of a generated k6 {@code --out json} file (format detection, every line
 * parsed and checked, every sample into its series), {@link #jacksonTokens} a bare Jackson streaming
 * loop that only calls {@code nextToken()} over the same file, which bounds what any Jackson-based
 * reader can do. The file is written once per fork and read from the page cache by both.
 * The {@code megabytes} counter is the throughput in MB (10<sup>6</sup> bytes) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class NdjsonIngestBenchmark {

    private static final JsonFactory JSON = new JsonFactory();

    /** Size of the generated file in MiB. */
    @Param("150")
    public int mebibytes;

    private Path file;
    private long size;
    private Set<SeriesKey> tracked;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        file = Inputs.k6File((long) mebibytes << 20);
        size = Files.size(file);
        tracked = Inputs.trackedSeries();
    }

    @TearDown(Level.Trial)
    public void delete() {
        Inputs.delete(file);
    }

    @Benchmark
    public IngestedResults ingest(Megabytes megabytes) {
        IngestedResults ingested = ResultIngest.read(List.of(file), tracked, new Diagnostics());
        megabytes.add(size);
        return ingested;
    }

    @Benchmark
    public long jacksonTokens(Megabytes megabytes) throws IOException {
        long tokens = 0;
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            while (parser.nextToken() != null) {
                tokens++;
            }
        }
        megabytes.add(size);
        return tokens;
    }
}
