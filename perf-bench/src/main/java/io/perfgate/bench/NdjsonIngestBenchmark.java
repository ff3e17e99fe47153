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
import java.util.zip.GZIPInputStream;
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
 * k6 NDJSON ingest, one JMH run over the same bytes (generated once per fork, read from the page cache):
 * <ul>
 *   <li>{@link #ingest}: perfgate's whole ingest of the plain file ({@code ResultIngest}, format detection,
 *       every line parsed and checked, every sample into its series) on every processor, the file read in
 *       parts; {@link #ingestOneThread} the same on the calling thread alone: their ratio is what reading
 *       in parts gains;</li>
 *   <li>{@link #jacksonTokens}: a bare Jackson streaming loop that only calls {@code nextToken()}, which
 *       bounds what any Jackson-based reader of one thread can do;</li>
 *   <li>{@link #ingestGzip} and {@link #ingestGzipOneThread}: the gzipped file, inflated on a thread of its
 *       own while it is read, and inflated by the reading thread; {@link #inflate} the JDK's inflating alone.</li>
 * </ul>
 * The {@code megabytes} counter is MB (10<sup>6</sup> bytes, uncompressed) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class NdjsonIngestBenchmark {

    private static final JsonFactory JSON = new JsonFactory();

    /** Size of the generated file in MiB (uncompressed). */
    @Param("150")
    public int mebibytes;

    private Path file;
    private Path gzipped;
    private long size;
    private Set<SeriesKey> tracked;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        file = Inputs.k6File((long) mebibytes << 20);
        gzipped = Inputs.k6GzipFile((long) mebibytes << 20);
        size = Files.size(file);
        tracked = Inputs.trackedSeries();
    }

    @TearDown(Level.Trial)
    public void delete() {
        Inputs.delete(file);
        Inputs.delete(gzipped);
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

    @Benchmark
    public IngestedResults ingestGzip(Megabytes megabytes) {
        return Inputs.ingest(gzipped, tracked, ResultIngest.DEFAULT_THREADS, size, megabytes);
    }

    @Benchmark
    public IngestedResults ingestGzipOneThread(Megabytes megabytes) {
        return Inputs.ingest(gzipped, tracked, 1, size, megabytes);
    }

    @Benchmark
    public long inflate(Megabytes megabytes) throws IOException {
        long bytes = 0;
        byte[] buffer = new byte[1 << 18];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gzipped), 1 << 16)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                bytes += read;
            }
        }
        megabytes.add(size);
        return bytes;
    }
}
