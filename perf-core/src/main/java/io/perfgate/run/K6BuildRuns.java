package io.perfgate.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.diag.BadInputException;
import io.perfgate.diag.ParserText;
import io.perfgate.diag.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which script folders of the results folder the latest k6 step ran ({@value #FILE_NAME}): a build
 * without {@code clean} keeps the folders of scripts an earlier build ran, and their runs must not be
 * pooled with this build's.
 *
 * @param folders the script folders' names, e.g. {@code checkout}
 */
public record K6BuildRuns(List<String> folders) {

    public static final String FILE_NAME = "k6-build.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public K6BuildRuns {
        folders = List.copyOf(folders);
    }

    /** Writes the list into {@code directory}, replacing an earlier build's. */
    public void write(Path directory) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        ArrayNode list = root.putArray("folders");
        folders.forEach(list::add);
        Path file = directory.resolve(FILE_NAME);
        try {
            Files.createDirectories(directory);
            Files.writeString(file, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The list in {@code directory}, empty when no k6 step of perfgate wrote one there. */
    public static Optional<K6BuildRuns> read(Path directory, String shownAs) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode folders = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8)).path("folders");
            if (!folders.isArray()) {
                throw new BadInputException(SourceLocation.ofFile(shownAs), "folders must be a list of folder names");
            }
            List<String> names = new ArrayList<>();
            folders.forEach(name -> names.add(name.asText()));
            return Optional.of(new K6BuildRuns(names));
        } catch (JsonProcessingException e) {
            throw new BadInputException(SourceLocation.ofFile(shownAs), "is not valid JSON: "
                    + ParserText.problem(e.getOriginalMessage()),
                    e);
        } catch (IOException e) {
            throw BadInputException.unreadable(shownAs, e);
        }
    }
}
