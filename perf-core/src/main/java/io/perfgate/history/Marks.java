package io.perfgate.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.perfgate.diag.BadInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What people decided about a project's runs in the file store, {@code marks.json}:
 * <pre>
 * {"format": 1, "pins": {"main": "1234"}, "flags": {"1200": "noisy agent"}}
 * </pre>
 *
 * @param pins  branch to the run id pinned as its baseline
 * @param flags run id to the reason it was flagged
 */
record Marks(Map<String, String> pins, Map<String, String> flags) {

    static final String FILE_NAME = "marks.json";

    Marks {
        pins = Collections.unmodifiableMap(new TreeMap<>(pins));
        flags = Collections.unmodifiableMap(new TreeMap<>(flags));
    }

    /** No pins, no flags: a project before its first pin or flag. */
    static final Marks NONE = new Marks(Map.of(), Map.of());

    /**
     * Reads the content of a marks file.
     *
     * @param source the file, for messages
     * @throws BadInputException naming the file and what is wrong with it
     */
    static Marks parse(byte[] content, String source) {
        JsonNode root = RunJson.tree(content, source);
        RunJson.Reader reader = new RunJson.Reader(source);
        if (!root.isObject()) {
            throw reader.problem("must be a JSON object");
        }
        reader.format(root);
        return new Marks(reader.strings(root.get("pins"), "pins"), reader.strings(root.get("flags"), "flags"));
    }

    void write(Path projectFolder) throws IOException {
        ObjectNode root = RunJson.MAPPER.createObjectNode();
        root.put("format", RunJson.FORMAT);
        root.set("pins", RunJson.stringMap(pins));
        root.set("flags", RunJson.stringMap(flags));
        try {
            AtomicFiles.write(projectFolder.resolve(FILE_NAME),
                    RunJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the marks as JSON", e);
        }
    }

    Marks withPin(String branch, String runId) {
        Map<String, String> changed = new TreeMap<>(pins);
        changed.put(branch, runId);
        return new Marks(changed, flags);
    }

    Marks withoutPin(String branch) {
        Map<String, String> changed = new TreeMap<>(pins);
        changed.remove(branch);
        return new Marks(changed, flags);
    }

    Marks withFlag(String runId, String reason) {
        Map<String, String> changed = new TreeMap<>(flags);
        changed.put(runId, reason);
        return new Marks(pins, changed);
    }

    Marks withoutFlag(String runId) {
        Map<String, String> changed = new TreeMap<>(flags);
        changed.remove(runId);
        return new Marks(pins, changed);
    }
}
