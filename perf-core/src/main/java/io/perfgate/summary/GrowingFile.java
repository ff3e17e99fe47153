package io.perfgate.summary;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A file read while another process writes it: read to its current end, then after a short pause on from
 * there, until the writer is gone and the end is reached; waits for the file to appear, too. Holds no
 * buffer of its own: the reader's buffer is filled straight from the file, so memory stays what the reader
 * takes whatever the file's size.
 *
 * <p>A file that cannot be followed fails the reading with a {@link NotFollowedException}: a gzipped one
 * (its stream cannot be read before it is complete), one cut shorter than what was read (truncated under
 * the reader), or another file at its path (rotated, or deleted).
 */
final class GrowingFile extends InputStream {

    /** Why a file could not be followed to its end. */
    static final class NotFollowedException extends IOException {

        private static final long serialVersionUID = 1L;

        NotFollowedException(String reason) {
            super(reason);
        }
    }

    private final Path file;
    private final BooleanSupplier writerGone;
    private final long pauseMillis;
    private final byte[] single = new byte[1];
    private FileChannel channel;
    private Object fileKey;
    private boolean startChecked;
    private long position;
    private volatile boolean cancelled;

    /**
     * @param writerGone whether the writer has stopped for good: what is there then is all there will be
     * @param pause      how long to wait at the current end before looking again
     */
    GrowingFile(Path file, BooleanSupplier writerGone, Duration pause) {
        this.file = Objects.requireNonNull(file, "file");
        this.writerGone = Objects.requireNonNull(writerGone, "writerGone");
        this.pauseMillis = Math.max(1, pause.toMillis());
    }

    /** Whether the file was there to be read. */
    boolean opened() {
        return channel != null;
    }

    /** The bytes read so far. */
    long position() {
        return position;
    }

    /** The identity of the file read (its inode, where the system tells it), or null. */
    Object fileKey() {
        return fileKey;
    }

    /** Makes the reading stop at once with an {@link InterruptedIOException}. */
    void cancel() {
        cancelled = true;
    }

    @Override
    public int read() throws IOException {
        int read = read(single, 0, 1);
        return read <= 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (cancelled) {
                throw new InterruptedIOException("the following of " + file + " was stopped");
            }
            // Asked before reading: when the writer was gone already, an end reached now is the file's end.
            boolean gone = writerGone.getAsBoolean();
            if (channel == null && !open()) {
                if (gone) {
                    return -1;
                }
                pause();
                continue;
            }
            if (!startChecked) {
                if (channel.size() < 2 && !gone) {
                    pause();
                    continue;
                }
                refuseGzip();
                startChecked = true;
            }
            int read = channel.read(ByteBuffer.wrap(buffer, offset, length), position);
            if (read > 0) {
                position += read;
                return read;
            }
            long size = channel.size();
            if (size < position) {
                throw new NotFollowedException("it was cut from " + position + " to " + size + " bytes while it was"
                        + " read (truncated)");
            }
            requireSameFile(gone);
            if (gone) {
                return -1;
            }
            pause();
        }
    }

    private boolean open() throws IOException {
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return false;
        }
        fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        return true;
    }

    private void refuseGzip() throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(2);
        while (magic.hasRemaining() && channel.read(magic, magic.position()) > 0) {
            // two bytes, which the size said are there
        }
        if (magic.position() == 2 && (magic.get(0) & 0xff) == 0x1f && (magic.get(1) & 0xff) == 0x8b) {
            throw new NotFollowedException("it is gzipped, and a gzip stream cannot be read before it is complete");
        }
    }

    /**
     * Fails when the path names another file than the one read, or none once the writer is gone (while it
     * writes, a file rotated away is soon followed by the next).
     */
    private void requireSameFile(boolean writerGone) throws IOException {
        if (fileKey == null) {
            return; // the system tells no identity: only the size is checked
        }
        Object now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            if (!writerGone) {
                return;
            }
            throw new NotFollowedException("it was deleted or moved away while it was read");
        }
        if (!fileKey.equals(now)) {
            throw new NotFollowedException("another file took its place while it was read (rotated)");
        }
    }

    private void pause() throws InterruptedIOException {
        try {
            Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("the following of " + file + " was interrupted");
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
