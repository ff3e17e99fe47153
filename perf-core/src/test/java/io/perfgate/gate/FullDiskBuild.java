package io.perfgate.gate;

import io.perfgate.diag.Diagnostics;
import io.perfgate.diag.OptionSpelling;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * One perf:check build in a process of its own, so that a test can start it with a file size limit
 * ({@code ulimit -f}) as a full disk would stop it. Arguments: the project folder (budget in
 * {@code perf-budget.yaml}, results and reports in {@code target/perf}), the history folder, the run id and
 * the build's start. Prints each message as {@code message LEVEL text}, then {@code verdict V} or
 * {@code failed <message>} when the reports could not be written.
 */
public final class FullDiskBuild {

    private FullDiskBuild() {
    }

    public static void main(String[] args) {
        Path project = Path.of(args[0]);
        GateSettings settings = GateSettings.builder().budgetFile(project.resolve("perf-budget.yaml"))
                .resultsDirectory(project.resolve("target/perf")).reportDirectory(project.resolve("target/perf"))
                .baseDirectory(project).history(args[1]).project("shop")
                .identity(IdentityOverrides.of("main", null, null, args[2], null)).build();
        GateEnvironment environment = new GateEnvironment(Map.of(), SecretLookup.NONE,
                Clock.fixed(Instant.parse(args[3]), ZoneOffset.UTC), OptionSpelling.KEYS);
        Diagnostics diagnostics = new Diagnostics(message -> System.out.println("message " + message.level() + " "
                + message.text()));
        try {
            GateOutcome outcome = PerfGate.run(settings, environment, diagnostics);
            System.out.println("verdict " + outcome.report().verdict());
        } catch (UncheckedIOException e) {
            System.out.println("failed " + e.getMessage());
        }
    }
}
