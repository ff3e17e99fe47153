package io.perfgate.gate;

import io.perfgate.run.K6RunRecord;
import io.perfgate.run.RunRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Lays out recorded k6 runs (fixtures/k6/*, real k6 v0.48.0 output) the way perf:k6 leaves them, so the
 * gate can be tested without running anything.
 */
final class RunFolders {

    private final Path results;

    RunFolders(Path results) {
        this.results = results;
    }

    /** The only run of {@code script}: its results in the script's folder itself. */
    Path single(String script, String recording, int exitCode) {
        return write(results.resolve(script), script, recording, exitCode, RunRole.CANDIDATE, 1);
    }

    /** Run {@code round} of a script run repeatedly, in {@code <script>/run-<round>/}. */
    Path repeated(String script, int round, String recording) {
        return write(results.resolve(script).resolve("run-" + round), script, recording,
                exitCode(recording), RunRole.CANDIDATE, round);
    }

    /** One side of an A/B round, in {@code <script>/<role>-<round>/}. */
    Path interleaved(String script, RunRole role, int round, String recording) {
        return write(results.resolve(script).resolve(role.id() + "-" + round), script, recording,
                exitCode(recording), role, round);
    }

    Path write(Path folder, String script, String recording, int exitCode, RunRole role, int round) {
        try {
            Files.createDirectories(folder);
            Files.copy(fixture(recording, "run.ndjson.gz"), folder.resolve("run.ndjson.gz"));
            Files.copy(fixture(recording, "summary.json"), folder.resolve("summary.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        new K6RunRecord(K6RunRecord.SCHEMA_VERSION, "/project/src/test/k6/" + script + ".js", List.of("k6", "run"),
                List.of("BASE_URL"), exitCode, false, Instant.parse("2026-11-23T10:00:00Z"), 10_000,
                "run.ndjson.gz", "summary.json", role, round).write(folder.resolve(K6RunRecord.FILE_NAME));
        return folder;
    }

    static int exitCode(String recording) {
        try {
            return Integer.parseInt(Files.readString(fixture(recording, "exit_code.txt")).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path fixture(String recording, String file) {
        return path("/fixtures/k6/" + recording + "/" + file);
    }

    static Path path(String resource) {
        URL url = RunFolders.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("test resource " + resource + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
