package io.perfgate.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The test stand-in for the k6 binary ({@code k6-standin/k6}). k6 itself cannot be installed on the
 * machines these tests run on, so the stand-in replays real k6 v0.48.0 recordings from
 * {@code fixtures/k6/}: their results files, stdout, stderr and exit code.
 */
final class StandInK6 {

    /** The variable that picks what the stand-in does: a recording's name, {@code hang} or {@code crash}. */
    static final String RUN_VARIABLE = "K6_STANDIN_RUN";
    static final String INVOCATION_VARIABLE = "K6_STANDIN_INVOCATION";
    static final String SHOW_ENV_VARIABLE = "K6_STANDIN_SHOW_ENV";

    private StandInK6() {
    }

    /** The stand-in's path, made executable (copying resources may drop the flag). */
    static Path executable() {
        Path script = resource("/k6-standin/k6");
        if (!Files.isExecutable(script) && !script.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + script + " executable");
        }
        return script;
    }

    static Path recording(String run) {
        return resource("/fixtures/k6/" + run);
    }

    static List<String> recordedLines(String run, String file) {
        try {
            return Files.readAllLines(recording(run).resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int recordedExitCode(String run) {
        return Integer.parseInt(recordedLines(run, "exit_code.txt").get(0).strip());
    }

    /** Whether a process still runs; a zombie waiting for its parent to reap it has stopped. */
    static boolean isRunning(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path resource(String name) {
        URL url = StandInK6.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("test resource " + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
