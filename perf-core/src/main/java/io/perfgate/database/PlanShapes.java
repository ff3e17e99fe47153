package io.perfgate.database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.perfgate.model.StatementPlan;
import io.perfgate.model.UntrustedText;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads the shape of a plan that {@code EXPLAIN (FORMAT JSON)} wrote: the tree of node types, join types,
 * relations and indexes, without the costs and row estimates that move with the data.
 */
final class PlanShapes {

    /** Most code points of a shape kept for people; the hash covers the whole tree. */
    static final int SHAPE_LENGTH = 400;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SHAPE_FIELDS = List.of("Node Type", "Join Type", "Parent Relationship",
            "Schema", "Relation Name", "Index Name", "Scan Direction", "Strategy", "Operation");

    private PlanShapes() {
    }

    /**
     * The plan of {@code explained}, the text of {@code EXPLAIN (FORMAT JSON)}.
     *
     * @throws IllegalArgumentException when it is not such a text
     */
    static StatementPlan of(String explained) {
        JsonNode root;
        try {
            root = JSON.readTree(explained);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the plan is not JSON: " + e.getOriginalMessage(), e);
        }
        JsonNode plan = root != null && root.isArray() && root.size() == 1 ? root.get(0).get("Plan") : null;
        if (plan == null || !plan.isObject() || !plan.path("Node Type").isTextual()) {
            throw new IllegalArgumentException("the plan is not an EXPLAIN (FORMAT JSON) plan");
        }
        StringBuilder tree = new StringBuilder();
        List<String> scans = new ArrayList<>();
        walk(plan, tree, scans);
        String shape = plan.get("Node Type").textValue() + (scans.isEmpty() ? "" : ": " + String.join(", ", scans));
        return new StatementPlan(hash(tree.toString()), UntrustedText.shorten(UntrustedText.oneLine(shape),
                SHAPE_LENGTH), explained);
    }

    private static void walk(JsonNode node, StringBuilder tree, List<String> scans) {
        tree.append('(');
        for (String field : SHAPE_FIELDS) {
            JsonNode value = node.get(field);
            tree.append(value == null || !value.isTextual() ? "" : value.textValue().replace("\\", "\\\\")
                    .replace("|", "\\|").replace("(", "\\(").replace(")", "\\)")).append('|');
        }
        JsonNode relation = node.get("Relation Name");
        if (relation != null && relation.isTextual()) {
            scans.add(node.path("Node Type").asText() + " on " + relation.textValue());
        }
        JsonNode children = node.get("Plans");
        if (children != null && children.isArray()) {
            for (JsonNode child : children) {
                walk(child, tree, scans);
            }
        }
        tree.append(')');
    }

    private static String hash(String tree) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(tree.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
