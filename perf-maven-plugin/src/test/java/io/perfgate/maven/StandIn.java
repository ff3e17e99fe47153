package io.perfgate.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * perf-core's test stand-in for the k6 binary, which replays real k6 v0.48.0 recordings: k6 itself
 * cannot be installed on the machines these tests run on. The build passes its folder in
 * {@code perf.standin.home}.
 */
final class StandIn {

    static final String RUN_VARIABLE = "K6_STANDIN_RUN";
    /** Entries {@code URL=run}: the recording replayed for the run whose base URL is URL. */
    static final String RUN_BY_URL_VARIABLE = "K6_STANDIN_RUN_BY_URL";

    private StandIn() {
    }

    static Path home() {
        String home = System.getProperty("perf.standin.home");
        if (home == null) {
            throw new IllegalStateException("system property perf.standin.home is not set; run the tests with Maven");
        }
        return Path.of(home).toAbsolutePath().normalize();
    }

    static Path executable() {
        Path k6 = home().resolve("k6-standin/k6");
        if (!Files.isExecutable(k6) && !k6.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + k6 + " executable");
        }
        return k6;
    }

    static List<String> recordedLines(String run, String file) throws IOException {
        return Files.readAllLines(home().resolve("fixtures/k6").resolve(run).resolve(file));
    }
}
