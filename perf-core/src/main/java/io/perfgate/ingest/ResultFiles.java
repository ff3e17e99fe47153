package io.perfgate.ingest;

import io.perfgate.diag.BadInputException;
import io.perfgate.diag.SourceLocation;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens results files, gunzipping those that start with the gzip magic bytes whatever their name. */
final class ResultFiles {

    private static final int BUFFER = 1 << 16;

    private ResultFiles() {
    }

    /** The file's content, decompressed when it is gzipped. */
    static InputStream open(Path file) throws IOException {
        return open(file, false);
    }

    /**
     * The file's content, decompressed when it is gzipped.
     *
     * @param inflateAhead whether gzip data is inflated on a thread of its own, ahead of the reader
     */
    static InputStream open(Path file, boolean inflateAhead) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
        try {
            if (isGzip(raw)) {
                // Not buffered: a buffer that reads ahead drops the bytes inflated before gzip data that ends
                // early, and the inflating thread's pipe hands every one of them over.
                GZIPInputStream inflating = new GZIPInputStream(raw, BUFFER);
                return inflateAhead ? new InflatingPipe(inflating) : inflating;
            }
            return raw;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static boolean isGzip(InputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    /** Up to {@code limit} bytes, fewer only at the end of the stream; a cut-off gzip stream ends early. */
    static byte[] readUpTo(InputStream in, int limit) throws IOException {
        byte[] buffer = new byte[limit];
        int filled = 0;
        try {
            while (filled < limit) {
                int read = in.read(buffer, filled, limit - filled);
                if (read < 0) {
                    break;
                }
                filled += read;
            }
        } catch (EOFException e) {
            // a gzip stream cut short: sniff what there is
        }
        return Arrays.copyOf(buffer, filled);
    }

    /** Whether the file starts with the gzip magic bytes. */
    static boolean isGzip(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 2)) {
            return isGzip(in);
        } catch (IOException e) {
            return false;
        }
    }

    static BadInputException unreadable(String file, IOException cause) {
        if (cause instanceof EOFException) {
            return new BadInputException(SourceLocation.ofFile(file), "its gzip data ends early: the file was cut "
                    + "short", cause);
        }
        if (cause instanceof ZipException) {
            return new BadInputException(SourceLocation.ofFile(file), "its gzip data is corrupt ("
                    + cause.getMessage() + ")", cause);
        }
        String why = cause instanceof NoSuchFileException ? "no such file"
                : cause instanceof AccessDeniedException ? "access denied"
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new BadInputException(SourceLocation.ofFile(file), "cannot be read (" + why + ")", cause);
    }
}
