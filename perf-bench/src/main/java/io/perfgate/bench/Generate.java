package io.perfgate.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a generated input file:
 *
 * <pre>
 * java -cp perf-bench/target/benchmarks.jar io.perfgate.bench.Generate k6|jtl|jtl-xml SIZE FILE [SEED]
 * </pre>
 *
 * SIZE is a byte count with an optional unit ({@code 500kB}, {@code 100MB}, {@code 2GB}, powers of
 * 1024), the size before compression; a FILE ending {@code .gz} is gzipped.
 */
public final class Generate {

    private Generate() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: Generate k6|jtl|jtl-xml SIZE FILE [SEED]   e.g. Generate k6 2GB /tmp/run.ndjson");
            System.exit(2);
        }
        long size = parseSize(args[1]);
        Path file = Path.of(args[2]);
        long seed = args.length == 4 ? Long.parseLong(args[3]) : 1;
        long started = System.nanoTime();
        String what = write(args[0], size, file, seed);
        System.out.printf(Locale.ROOT, "%s: %s in %.1f s%n", file, what, (System.nanoTime() - started) / 1e9);
    }

    /** Writes the file; returns what was written, for people. */
    static String write(String kind, long size, Path file, long seed) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = open(file)) {
            return switch (kind) {
                case "k6" -> {
                    K6NdjsonGenerator.Written written = K6NdjsonGenerator.write(out, size, seed);
                    yield written.bytes() + " bytes, " + written.lines() + " lines, " + written.requests() + " requests";
                }
                case "jtl" -> {
                    JtlCsvGenerator.Written written = JtlCsvGenerator.write(out, size, seed);
                    yield written.bytes() + " bytes, " + written.rows() + " rows";
                }
                case "jtl-xml" -> {
                    JtlXmlGenerator.Written written = JtlXmlGenerator.write(out, size, seed);
                    yield written.bytes() + " bytes, " + written.samples() + " samples";
                }
                default -> throw new IllegalArgumentException("kind must be k6, jtl or jtl-xml, was " + kind);
            };
        }
    }

    private static OutputStream open(Path file) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        return file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
    }

    /** {@code 123}, {@code 500kB}, {@code 100MB}, {@code 2GB} (units are powers of 1024, case-insensitive). */
    static long parseSize(String text) {
        String lower = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        String digits = lower;
        for (String[] suffix : new String[][] {{"gb", "1073741824"}, {"mb", "1048576"}, {"kb", "1024"}, {"b", "1"}}) {
            if (lower.endsWith(suffix[0])) {
                unit = Long.parseLong(suffix[1]);
                digits = lower.substring(0, lower.length() - suffix[0].length()).strip();
                break;
            }
        }
        try {
            return Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("size '" + text + "' is not a byte count like 500kB, 100MB or 2GB", e);
        }
    }
}
