package io.perfgate.ingest;

import io.perfgate.stats.MetricContents;
import io.perfgate.stats.MetricType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The metrics that the parts of one k6 NDJSON file, read on several threads, declare. k6 declares a
 * metric once, before its first point, so a part after the first meets points of metrics that an earlier
 * part declares: it asks here, and waits until an earlier part has declared the metric or all of them
 * are done (then the metric is not declared before the point, an error). A part waits only for parts
 * before it, so the parts never wait for each other in a circle. Metric lines are few: this is asked
 * once per metric and part.
 */
final class PartDeclarations {

    /** A metric's declaration. */
    record Declared(MetricType type, MetricContents contents) {
    }

    private final List<Map<String, Declared>> byPart;
    private final boolean[] done;
    private final AtomicBoolean cancelled;

    PartDeclarations(int parts, AtomicBoolean cancelled) {
        this.byPart = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            byPart.add(new HashMap<>());
        }
        this.done = new boolean[parts];
        this.cancelled = cancelled;
    }

    synchronized void declared(int part, String metric, MetricType type, MetricContents contents) {
        if (byPart.get(part).putIfAbsent(metric, new Declared(type, contents)) == null) {
            notifyAll();
        }
    }

    /** Part {@code part} is read (or failed): it declares nothing more. */
    synchronized void done(int part) {
        done[part] = true;
        notifyAll();
    }

    /**
     * The declaration of {@code metric} in a part before {@code part}, or null when none of them declares it.
     *
     * @throws CancellationException when another part failed while this one waited
     */
    synchronized Declared before(int part, String metric) {
        while (true) {
            if (cancelled.get()) {
                throw new CancellationException("another part of the file failed");
            }
            boolean allDone = true;
            for (int i = 0; i < part; i++) {
                Declared declared = byPart.get(i).get(metric);
                if (declared != null) {
                    return declared;
                }
                allDone &= done[i];
            }
            if (allDone) {
                return null;
            }
            try {
                wait(100); // timed: a cancel from an interrupted caller does not notify
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
    }
}
