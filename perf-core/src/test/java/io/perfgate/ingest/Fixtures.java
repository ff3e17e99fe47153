package io.perfgate.ingest;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Test fixture files on the test class path. */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String relative) {
        URL url = Fixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            throw new IllegalStateException("no fixture " + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path k6(String run, String file) {
        return path("k6/" + run + "/" + file);
    }
}
