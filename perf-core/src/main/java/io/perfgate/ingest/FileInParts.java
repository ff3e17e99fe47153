package io.perfgate.ingest;

import io.perfgate.diag.Diagnostics;
import io.perfgate.stats.ResultsCollector;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

/**
 * Reads a file of lines (k6 NDJSON, a CSV JTL) on several threads: the file is cut into parts at line
 * breaks, each part is read by a reader of its own into a collector of its own, and the collectors are
 * merged in the order of the parts, which gives what one reader of the whole file gives, bit for bit
 * (see {@link ResultsCollector#merge}). Each thread reads its part from the file at its position, in the
 * constant memory of one reader.
 *
 * <p>Whatever can make the parts disagree with one reader goes back to it: when any part fails (a
 * malformed line, a part that turns out not to start at a record, as a CSV field holding a line break
 * may make it), when the parts cannot be merged, or when which name values a breakdown keeps depends on
 * the order (more than it keeps), nothing read in parts is used and the caller reads the file on one
 * thread. Its errors and warnings are then exactly those of one reader, with their lines. Warnings of a
 * good read in parts are told only at the end, where the parts' places in the file are known.
 */
final class FileInParts {

    /** A part is at least this long: below it a thread costs more than it saves. */
    static final long MIN_PART_BYTES = 8L << 20;
    /** How far past a cut a line break is looked for; a longer line is an error of its own. */
    private static final int LINE_SEARCH_LIMIT = RecordBound.MAX_RECORD_BYTES + 1;

    /** The reader of one part, into its own collector. */
    interface Part<P extends Part<P>> {

        /**
         * Reads the part.
         *
         * @param last whether the part ends where the file does; the others end with a line break
         */
        void read(InputStream part, boolean last) throws IOException;

        /** Takes over what the reader of the part after this one read: counts, extremes, its end's warnings. */
        void absorb(P later);

        /** Tells the warnings of what this reader read and absorbed, and what it read. */
        SourceReading finish(Diagnostics diagnostics);
    }

    private FileInParts() {
    }

    /** Where a file's records are cut into parts. */
    interface Plan {

        /**
         * Where the parts of the records from {@code dataStart} to {@code size} start, then {@code size}: the
         * first at {@code dataStart}, the others each just after a line break.
         */
        long[] cuts(FileChannel channel, long dataStart, long size) throws IOException;
    }

    /**
     * Parts of even size, one per thread, each at least {@code minPartBytes} long: a file too small for two
     * is not cut.
     */
    static Plan evenly(int threads, long minPartBytes) {
        return (channel, dataStart, size) -> {
            long parts = Math.min(threads, (size - dataStart) / Math.max(1, minPartBytes));
            long[] nominal = new long[(int) Math.max(0, parts - 1)];
            for (int i = 0; i < nominal.length; i++) {
                nominal[i] = dataStart + (size - dataStart) / parts * (i + 1);
            }
            return cutsAfter(channel, dataStart, size, nominal);
        };
    }

    /** Parts cut at the first line break at or after each of these offsets (for tests of any cut). */
    static Plan at(long... offsets) {
        return (channel, dataStart, size) -> cutsAfter(channel, dataStart, size, offsets);
    }

    private static long[] cutsAfter(FileChannel channel, long dataStart, long size, long[] offsets) throws IOException {
        List<Long> cuts = new ArrayList<>();
        cuts.add(dataStart);
        long[] sorted = offsets.clone();
        java.util.Arrays.sort(sorted);
        for (long offset : sorted) {
            long last = cuts.get(cuts.size() - 1);
            long cut = afterLineBreak(channel, Math.max(offset, last), size);
            if (cut > last && cut < size) {
                cuts.add(cut);
            }
        }
        cuts.add(size);
        return cuts.stream().mapToLong(Long::longValue).toArray();
    }

    /** Just after the first line break at or after {@code from}; {@code size} when there is none near. */
    static long afterLineBreak(FileChannel channel, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate(1 << 16);
        long position = from;
        while (position < size && position - from < LINE_SEARCH_LIMIT) {
            window.clear();
            int read = channel.read(window, position);
            if (read <= 0) {
                break;
            }
            byte[] bytes = window.array();
            for (int i = 0; i < read; i++) {
                if (bytes[i] == '\n') {
                    return position + i + 1;
                }
            }
            position += read;
        }
        return size;
    }

    /**
     * Reads the parts between the {@code cuts} on a thread each (the first on the calling thread) and merges
     * them into {@code collector}, which must be empty.
     *
     * @param readers makes the reader of part {@code i}, reading into the collector it is given
     * @return what was read; empty when the file must be read on one thread (see the class comment), and
     *         then {@code collector} is as it was
     */
    static <P extends Part<P>> Optional<SourceReading> read(FileChannel channel, long[] cuts,
            ResultsCollector collector, PartFactory<P> readers, Diagnostics diagnostics) throws IOException {
        int count = cuts.length - 1;
        AtomicBoolean cancelled = new AtomicBoolean();
        List<P> parts = new ArrayList<>(count);
        List<ResultsCollector> collectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ResultsCollector part = collector.emptyPart();
            collectors.add(part);
            parts.add(readers.create(i, part, cancelled));
        }
        Throwable[] failures = new Throwable[count];
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int index = i;
            Thread thread = new Thread(() -> readPart(channel, cuts, index, parts.get(index), cancelled, failures,
                    readers), "perfgate-ingest-part-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        readPart(channel, cuts, 0, parts.get(0), cancelled, failures, readers);
        joinAll(threads, cancelled);
        for (Throwable failure : failures) {
            if (failure instanceof Error error) {
                throw error;
            }
            if (failure != null) {
                return Optional.empty();
            }
        }
        P first = parts.get(0);
        for (int i = 1; i < count; i++) {
            first.absorb(parts.get(i));
        }
        parts.clear(); // a reader holds its collector
        // Into the first part's collector, each part let go once merged: the histograms are held once more
        // than by one reader only while a part is merged.
        ResultsCollector merged = collectors.get(0);
        try {
            for (int i = 1; i < count; i++) {
                merged.merge(collectors.get(i));
                collectors.set(i, null);
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // one reader names the line where the metrics disagree
        }
        if (merged.nameCapReached()) {
            return Optional.empty();
        }
        collector.merge(merged); // into an empty collector: shares the merged histograms, cannot fail
        return Optional.of(first.finish(diagnostics));
    }

    /** Makes the reader of one part. */
    interface PartFactory<P extends Part<P>> {

        /**
         * @param index     the part's place, from 0
         * @param sink      the part's own collector
         * @param cancelled set when another part failed, so this one can stop
         */
        P create(int index, ResultsCollector sink, AtomicBoolean cancelled);

        /** Called when part {@code index} is done, read or failed; a later part may wait for it. */
        default void done(int index) {
        }
    }

    private static <P extends Part<P>> void readPart(FileChannel channel, long[] cuts, int index, P part,
            AtomicBoolean cancelled, Throwable[] failures, PartFactory<P> readers) {
        try (InputStream in = new RangeInput(channel, cuts[index], cuts[index + 1], cancelled)) {
            part.read(in, index == cuts.length - 2);
        } catch (CancellationException e) {
            failures[index] = e;
        } catch (Throwable e) { // recorded: the caller reads the file again on one thread, or rethrows an Error
            failures[index] = e;
            cancelled.set(true);
        } finally {
            readers.done(index);
        }
    }

    private static void joinAll(List<Thread> threads, AtomicBoolean cancelled) throws InterruptedIOException {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancelled.set(true);
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the file was read");
        }
    }
}
