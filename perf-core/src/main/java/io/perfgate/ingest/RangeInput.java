package io.perfgate.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The bytes {@code [start, end)} of a file, read at their position, so that several threads read their
 * own parts of one file through one channel. Reading stops with a {@link CancellationException} once
 * {@code cancelled} is set (another part failed: this part's work is not needed).
 */
final class RangeInput extends InputStream {

    private final FileChannel channel;
    private final long end;
    private final AtomicBoolean cancelled;
    private long position;

    RangeInput(FileChannel channel, long start, long end, AtomicBoolean cancelled) {
        this.channel = channel;
        this.position = start;
        this.end = end;
        this.cancelled = cancelled;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (cancelled.get()) {
            throw new CancellationException("another part of the file failed");
        }
        if (position >= end) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        int read = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, end - position)), position);
        if (read < 0) {
            throw new IOException("the file became shorter while it was read: it ends at byte " + position
                    + ", it had " + end);
        }
        position += read;
        return read;
    }
}
