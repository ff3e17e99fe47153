package io.perfgate.jenkins;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Real workspace folders for the tests: a budget and the small JMeter results file where a job has them. */
final class Workspaces {

    static final String PASSING_BUDGET = """
            thresholds:
              http_req_duration: ["p(95)<500"]
            """;

    static final String FAILING_BUDGET = """
            thresholds:
              http_req_duration: ["p(95)<20"]
            """;

    static final String WARNING_BUDGET = """
            thresholds:
              http_req_duration:
                - threshold: "p(95)<20"
                  severity: warn
            """;

    private Workspaces() {
    }

    /** {@code perf-budget.yaml} with {@code budget} and {@code target/perf/results.jtl}. */
    static Path withResults(Path workspace, String budget) {
        try {
            Files.writeString(workspace.resolve("perf-budget.yaml"), budget, StandardCharsets.UTF_8);
            Path results = Files.createDirectories(workspace.resolve("target/perf")).resolve("results.jtl");
            try (InputStream in = Workspaces.class.getResourceAsStream("results.jtl")) {
                Files.copy(in, results);
            }
            return workspace;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
