package io.perfgate.bench;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
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
 * JMeter CSV JTL ingest over a generated file, one JMH run over the same bytes: {@link #ingest} on every
 * processor (the file read in parts), {@link #ingestOneThread} on the calling thread alone, and
 * {@link #jacksonCsvTokens}, a bare Jackson CSV token loop (what the reader was built on, and what it reads
 * any row of another shape with). The {@code megabytes} counter is MB (10<sup>6</sup> bytes) per second;
 * JMH's {@code -prof gc} gives the bytes allocated per operation, one operation being the whole file.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class JtlIngestBenchmark {

    private static final CsvFactory CSV = new CsvFactory();

    /** Size of the generated file in MiB. */
    @Param("100")
    public int mebibytes;

    private Path file;
    private long size;
    private Set<SeriesKey> tracked;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        file = Inputs.jtlFile((long) mebibytes << 20);
        size = Files.size(file);
        tracked = Inputs.trackedSeries();
    }

    @TearDown(Level.Trial)
    public void delete() {
        Inputs.delete(file);
    }

    @Benchmark
    public IngestedResults ingest(Megabytes megabytes) {
        return Inputs.ingest(file, tracked, ResultIngest.DEFAULT_THREADS, size, megabytes);
    }

    @Benchmark
    public IngestedResults ingestOneThread(Megabytes megabytes) {
        return Inputs.ingest(file, tracked, 1, size, megabytes);
    }

    @Benchmark
    public long jacksonCsvTokens(Megabytes megabytes) throws IOException {
        long tokens = 0;
        try (InputStream in = Files.newInputStream(file); CsvParser parser = CSV.createParser(in)) {
            parser.setSchema(CsvSchema.emptySchema());
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                tokens += token == JsonToken.VALUE_STRING ? 1 : 0;
            }
        }
        megabytes.add(size);
        return tokens;
    }
}
