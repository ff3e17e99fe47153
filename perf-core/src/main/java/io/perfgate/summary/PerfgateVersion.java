package io.perfgate.summary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The version of this perfgate, as the build that made it named it: a run summary names the one that wrote it. */
final class PerfgateVersion {

    private static final String CURRENT = load();

    private PerfgateVersion() {
    }

    static String current() {
        return CURRENT;
    }

    private static String load() {
        Properties properties = new Properties();
        try (InputStream in = PerfgateVersion.class.getResourceAsStream("perfgate.properties")) {
            if (in == null) {
                throw new IllegalStateException("perfgate.properties is missing from perf-core");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read perf-core's perfgate.properties", e);
        }
        String version = properties.getProperty("version", "");
        if (version.isBlank() || version.startsWith("${")) {
            throw new IllegalStateException("perf-core was built without its version in perfgate.properties");
        }
        return version;
    }
}
