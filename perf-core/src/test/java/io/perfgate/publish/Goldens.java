package io.perfgate.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares output with a file under {@code src/test/resources/golden/publish}, byte for byte, as the
 * report package's golden test does. After an intended change of output, regenerate them with
 * {@code ./mvnw -f perf-core/pom.xml test -Dtest='io.perfgate.publish.*Test' -Dgolden.update=true} and
 * review the diff.
 */
final class Goldens {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Goldens() {
    }

    static void assertMatches(String file, String actual) {
        Path golden = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
                .resolve("src/test/resources/golden/publish").resolve(file);
        try {
            if (Boolean.getBoolean("golden.update")) {
                Files.createDirectories(golden.getParent());
                Files.writeString(golden, actual, StandardCharsets.UTF_8);
            }
            assertThat(golden).as("golden file; create it with -Dgolden.update=true").exists();
            assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code value} as indented JSON (records by their components, in order), for a golden file. */
    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
