package io.perfgate.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Bounds the bytes one record of a results file may take (an NDJSON line, a CSV row, an XML tag, a
 * summary's metric), so that a file holding one huge record is an error naming where it is, and never
 * an {@link OutOfMemoryError} on a small heap: the readers keep a record whole only while it is read.
 *
 * <p>As a stream between the file and a parser it counts the bytes the parser pulls while a record is
 * open and throws {@link TooLong} past {@link #MAX_RECORD_BYTES}; the parser's read-ahead (some kB) is
 * counted too, which the limit's size makes irrelevant. The reader catches {@link TooLong} and names the
 * record's file and line.
 */
final class RecordBound extends FilterInputStream {

    /** 4 MB: k6 and JMeter write records of a few hundred bytes; even a long URL or message fits. */
    static final int MAX_RECORD_BYTES = 4 << 20;

    /** How the limit reads in messages. */
    static final String LIMIT_TEXT = (MAX_RECORD_BYTES >> 20) + " MB";

    /** A record grew past the limit; the reader that opened it knows where it is. */
    static final class TooLong extends RuntimeException {

        private static final long serialVersionUID = 1L;

        TooLong() {
            super("a record is longer than " + LIMIT_TEXT, null, false, false);
        }
    }

    private long counted;
    private boolean open;

    RecordBound(InputStream in) {
        super(in);
    }

    /** A record starts: the bytes pulled from now on count towards it. */
    void startRecord() {
        counted = 0;
        open = true;
    }

    /** The record is complete: what is pulled now counts towards nothing, e.g. a value the parser skips. */
    void endRecord() {
        open = false;
    }

    @Override
    public int read() throws IOException {
        int read = super.read();
        if (read >= 0) {
            count(1);
        }
        return read;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            count(read);
        }
        return read;
    }

    private void count(int bytes) {
        if (open) {
            counted += bytes;
            if (counted > MAX_RECORD_BYTES) {
                throw new TooLong();
            }
        }
    }
}
