package io.perfgate.bench;

import io.perfgate.diag.Diagnostics;
import io.perfgate.ingest.IngestedResults;
import io.perfgate.ingest.ResultIngest;
import io.perfgate.stats.SeriesKey;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
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
 * JMeter XML JTL ingest over a generated file ({@link JtlXmlGenerator}), one JMH run: {@link #ingest} reads
 * it as perf:check does (JMeter's XML from its bytes), {@link #ingestWithParser} the same samples with the
 * JDK's XML parser, as every XML JTL was read before (the file starts with a processing instruction, which
 * the bytes reader leaves to the parser at once), and {@link #staxEvents} a bare loop over the JDK parser's
 * events without reading an attribute. The {@code megabytes} counter is MB (10<sup>6</sup> bytes) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class JtlXmlIngestBenchmark {

    /** Size of the generated file in MiB. */
    @Param("100")
    public int mebibytes;

    private Path file;
    private Path parserFile;
    private long size;
    private Set<SeriesKey> tracked;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        file = Inputs.jtlXmlFile((long) mebibytes << 20);
        parserFile = Inputs.withParserOnly(file);
        size = Files.size(file);
        tracked = Inputs.trackedSeries();
    }

    @TearDown(Level.Trial)
    public void delete() {
        Inputs.delete(file);
        Inputs.delete(parserFile);
    }

    @Benchmark
    public IngestedResults ingest(Megabytes megabytes) {
        return Inputs.ingest(file, tracked, 1, size, megabytes);
    }

    @Benchmark
    public IngestedResults ingestWithParser(Megabytes megabytes) {
        return Inputs.ingest(parserFile, tracked, 1, size, megabytes);
    }

    @Benchmark
    public long staxEvents(Megabytes megabytes) throws IOException, XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        long events = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            while (xml.hasNext()) {
                xml.next();
                events++;
            }
            xml.close();
        }
        megabytes.add(size);
        return events;
    }
}
