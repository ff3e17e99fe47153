package io.perfgate.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A statement's PostgreSQL plan, as {@code EXPLAIN (GENERIC_PLAN, FORMAT JSON)} gives it for the normalized
 * text (nothing is executed), and its shape: what stays the same while the data does, so that two runs
 * with the same shape planned the statement the same way.
 *
 * @param shapeHash the first 16 hex digits of the SHA-256 of the plan's tree of node types, join types,
 *                  relations and indexes; costs and row estimates left out
 * @param shape     the shape for people: the top node and each relation's scan, depth first, e.g.
 *                  {@code Nested Loop: Seq Scan on bookings, Index Scan on guests}; untrusted (relation
 *                  names come from the database)
 * @param text      the plan as the server wrote it (JSON); untrusted; empty where only the shape was kept
 *                  (the history)
 */
public record StatementPlan(String shapeHash, String shape, String text) {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{16}");
    private static final String SCANS = ": ";
    private static final String ON = " on ";

    public StatementPlan {
        Objects.requireNonNull(shapeHash, "shapeHash");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(text, "text");
        if (!HASH.matcher(shapeHash).matches()) {
            throw new IllegalArgumentException("a plan's shape hash is 16 hex digits, not '" + shapeHash + "'");
        }
    }

    /** This plan without its text, as the history keeps it. */
    public StatementPlan shapeOnly() {
        return text.isEmpty() ? this : new StatementPlan(shapeHash, shape, "");
    }

    /**
     * How this plan differs from {@code before}, for a sentence: the relations scanned another way
     * ({@code Index Scan → Seq Scan on bookings}), else the top node ({@code Hash Join → Nested Loop}), else
     * that the tree below changed. Empty when both have the same shape.
     */
    public Optional<String> changeFrom(StatementPlan before) {
        if (before.shapeHash.equals(shapeHash)) {
            return Optional.empty();
        }
        Map<String, String> scansBefore = before.scans();
        List<String> changed = new ArrayList<>();
        scans().forEach((relation, scan) -> {
            String was = scansBefore.get(relation);
            if (was != null && !was.equals(scan)) {
                changed.add(was + " → " + scan + ON + relation);
            }
        });
        if (!changed.isEmpty()) {
            return Optional.of(String.join(", ", changed));
        }
        if (!before.top().equals(top())) {
            return Optional.of(before.top() + " → " + top());
        }
        return Optional.of("another tree below " + top());
    }

    /** The top node's type. */
    String top() {
        int end = shape.indexOf(SCANS);
        return end < 0 ? shape : shape.substring(0, end);
    }

    /** Each relation with the first way it is scanned, in the shape's order. */
    Map<String, String> scans() {
        Map<String, String> scans = new LinkedHashMap<>();
        int start = shape.indexOf(SCANS);
        if (start < 0) {
            return scans;
        }
        for (String scan : shape.substring(start + SCANS.length()).split(", ")) {
            int on = scan.lastIndexOf(ON);
            if (on > 0) {
                scans.putIfAbsent(scan.substring(on + ON.length()), scan.substring(0, on));
            }
        }
        return scans;
    }
}
