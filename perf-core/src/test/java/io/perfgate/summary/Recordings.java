package io.perfgate.summary;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The real k6 v0.48.0 recordings of {@code fixtures/k6/} and the stand-in that replays them as k6 would. */
final class Recordings {

    private Recordings() {
    }

    /** The recording's {@code run.ndjson}, gunzipped into {@code target}. */
    static Path ndjson(String recording, Path target) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(resource("/fixtures/k6/" + recording
                + "/run.ndjson.gz")))) {
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path file(String recording, String name) {
        return resource("/fixtures/k6/" + recording + "/" + name);
    }

    /** The stand-in for the k6 binary, made executable (copying resources may drop the flag). */
    static Path standIn() {
        Path script = resource("/k6-standin/k6");
        if (!Files.isExecutable(script) && !script.toFile().setExecutable(true)) {
            throw new IllegalStateException("cannot make " + script + " executable");
        }
        return script;
    }

    private static Path resource(String name) {
        URL url = Recordings.class.getResource(name);
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
