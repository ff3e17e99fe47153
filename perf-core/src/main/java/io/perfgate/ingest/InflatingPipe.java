package io.perfgate.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Inflates gzip data on a thread of its own, a few chunks ahead of its reader, so that inflating and
 * parsing run at once. The reader sees the same bytes, and the same exception at the same place (gzip
 * data that ends early, or is corrupt), as it would reading the inflating stream itself. Memory is
 * bounded: {@value #CHUNKS} chunks of {@value #CHUNK_BYTES} bytes, reused.
 */
final class InflatingPipe extends InputStream {

    static final int CHUNK_BYTES = 1 << 18;
    static final int CHUNKS = 4;

    /** Inflated bytes, or the end, or the failure that ended inflating. */
    private record Chunk(byte[] bytes, int length, Throwable failure) {

        static final Chunk END = new Chunk(null, 0, null);
    }

    private final InputStream inflating;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread inflater;
    private Chunk current;
    private int position;
    private Throwable failed;
    private boolean ended;

    InflatingPipe(InputStream inflating) {
        this.inflating = inflating;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK_BYTES]);
        }
        inflater = new Thread(this::inflate, "perfgate-inflate");
        inflater.setDaemon(true);
        inflater.start();
    }

    private void inflate() {
        try {
            while (true) {
                byte[] chunk = free.take();
                int length = 0;
                Throwable failure = null;
                try {
                    while (length < chunk.length) {
                        int read = inflating.read(chunk, length, chunk.length - length);
                        if (read < 0) {
                            break;
                        }
                        length += read;
                    }
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
                if (length > 0) {
                    filled.put(new Chunk(chunk, length, null));
                }
                if (failure != null) {
                    filled.put(new Chunk(null, 0, failure));
                    return;
                }
                if (length < chunk.length) {
                    filled.put(Chunk.END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the reader: nothing more is wanted
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (current == null || position == current.length()) {
            if (failed != null) {
                throw rethrown(failed);
            }
            if (ended) {
                return -1;
            }
            if (current != null) {
                free.add(current.bytes());
                current = null;
            }
            Chunk next = take();
            if (next.failure() != null) {
                failed = next.failure();
            } else if (next == Chunk.END) {
                ended = true;
            } else {
                current = next;
                position = 0;
            }
        }
        int copied = Math.min(length, current.length() - position);
        System.arraycopy(current.bytes(), position, buffer, offset, copied);
        position += copied;
        return copied;
    }

    private Chunk take() throws InterruptedIOException {
        try {
            return filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for inflated data");
        }
    }

    private static IOException rethrown(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new UncheckedIOException(new IOException(failure));
    }

    @Override
    public void close() throws IOException {
        inflater.interrupt();
        try {
            inflater.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inflating.close();
        }
    }
}
