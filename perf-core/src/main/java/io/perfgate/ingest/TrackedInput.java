package io.perfgate.ingest;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A results file's bytes with what a reader needs to tell a file cut short (the tool stopped while
 * writing it) from a malformed one: whether the end was reached, how many line breaks came before it,
 * whether the last byte was one, and whether gzip data ended early, which reads as the end, as it does
 * for k6 NDJSON. A read failure is kept too, because XML parsers wrap it in their own exception.
 */
final class TrackedInput extends FilterInputStream {

    private boolean ended;
    private boolean compressedCut;
    private long lineBreaks;
    private long carriageReturns;
    private long carriageReturnsBeforeLineBreaks;
    private int lastByte = -1;
    private IOException failure;
    private final byte[] single = new byte[1];

    TrackedInput(InputStream in) {
        super(in);
    }

    /**
     * Goes on from what a reader before it read of the same bytes: its line breaks, its last byte (-1 for
     * none), whether it saw the end, and whether gzip data ended early there.
     */
    TrackedInput(InputStream in, long lineBreaksBefore, int lastByteBefore, boolean endedBefore,
            boolean compressedCutBefore) {
        super(in);
        this.lineBreaks = lineBreaksBefore;
        this.lastByte = lastByteBefore;
        this.ended = endedBefore;
        this.compressedCut = compressedCutBefore;
    }

    @Override
    public int read() throws IOException {
        int read = read(single, 0, 1);
        return read <= 0 ? -1 : single[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read;
        try {
            read = in.read(buffer, offset, length);
        } catch (EOFException e) {
            compressedCut = true;
            ended = true;
            return -1;
        } catch (IOException e) {
            failure = e;
            throw e;
        }
        if (read < 0) {
            ended = true;
            return -1;
        }
        int previous = lastByte;
        for (int i = offset; i < offset + read; i++) {
            byte b = buffer[i];
            if (b == '\n') {
                lineBreaks++;
                if (previous == '\r') {
                    carriageReturnsBeforeLineBreaks++;
                }
            } else if (b == '\r') {
                carriageReturns++;
            }
            previous = b;
        }
        if (read > 0) {
            lastByte = buffer[offset + read - 1];
        }
        return read;
    }

    /** Skips by reading, so the bytes skipped are counted too. */
    @Override
    public long skip(long count) throws IOException {
        byte[] scratch = new byte[(int) Math.min(count, 8192)];
        long skipped = 0;
        while (skipped < count) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, count - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Whether the end of the bytes was reached (gzip data that ends early included). */
    boolean ended() {
        return ended;
    }

    /** Whether gzip data ended before its end: the file was cut short while it was written. */
    boolean compressedCut() {
        return compressedCut;
    }

    /** The number of the line the end is on, as parsers count lines: one more than the line breaks read. */
    long lastLineNumber() {
        return lineBreaks + 1;
    }

    /**
     * Carriage returns read that are not followed by a line feed: CSV parsers count each as a line break,
     * where this counts line feeds only.
     */
    long carriageReturnsAlone() {
        return carriageReturns - carriageReturnsBeforeLineBreaks;
    }

    /** Whether the bytes read so far end with a line break. */
    boolean endsWithLineBreak() {
        return lastByte == '\n';
    }

    /** The read failure a parser may have wrapped, or null. */
    IOException failure() {
        return failure;
    }
}
