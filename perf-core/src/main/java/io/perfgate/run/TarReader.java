package io.perfgate.run;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the entries of a tar stream: the ustar layout with GNU long names and POSIX extended (pax)
 * headers, which is what {@code tar -zcf} writes. It only reads: nothing here touches the file system.
 */
final class TarReader {

    /** The types of entries, by their tar type flag. */
    enum Type { FILE, DIRECTORY, LINK, OTHER }

    /**
     * One entry.
     *
     * @param name the entry's path as written in the archive
     * @param type what it is
     * @param size the length of its content
     */
    record Entry(String name, Type type, long size) {
    }

    private static final int BLOCK = 512;

    /** Long names and extended headers are small; anything larger is not a k6 archive. */
    private static final int MAX_META_BYTES = 1 << 20;

    private final InputStream in;
    private long remaining;
    private long padding;

    TarReader(InputStream in) {
        this.in = in;
    }

    /**
     * The next entry, its content ready to read from {@link #content()}; {@code null} after the last.
     *
     * @throws IOException when the archive ends early or is not a tar archive
     */
    Entry next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        String longName = null;
        String paxPath = null;
        long paxSize = -1;
        while (true) {
            byte[] header = readBlock();
            if (header == null || isZero(header)) {
                return null;
            }
            verifyChecksum(header);
            char flag = (char) header[156];
            long size = number(header, 124, 12);
            if (size < 0) {
                throw new IOException("an entry of the tar archive has a negative size");
            }
            switch (flag) {
                case 'L' -> {
                    longName = cString(readMeta(size), 0, (int) size);
                    continue;
                }
                case 'x' -> {
                    String[] pax = parsePax(readMeta(size));
                    if (pax[0] != null) {
                        paxPath = pax[0];
                    }
                    if (pax[1] != null) {
                        paxSize = Long.parseLong(pax[1]);
                    }
                    continue;
                }
                case 'g', 'K' -> {
                    readMeta(size);
                    continue;
                }
                default -> {
                    // an entry
                }
            }
            String name = paxPath != null ? paxPath : longName != null ? longName : headerName(header);
            if (paxSize >= 0) {
                size = paxSize;
            }
            Type type = switch (flag) {
                case '0', '\0', '7' -> Type.FILE;
                case '5' -> Type.DIRECTORY;
                case '1', '2' -> Type.LINK;
                default -> Type.OTHER;
            };
            if (type == Type.DIRECTORY || type == Type.LINK) {
                size = 0;
            }
            remaining = size;
            padding = (BLOCK - size % BLOCK) % BLOCK;
            return new Entry(name, type, size);
        }
    }

    /** The content of the entry {@link #next()} returned; ends with it. */
    InputStream content() {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int b = in.read();
                if (b < 0) {
                    throw new EOFException("the tar archive ends inside an entry");
                }
                remaining--;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (remaining <= 0) {
                    return -1;
                }
                int read = in.read(buffer, offset, (int) Math.min(length, remaining));
                if (read < 0) {
                    throw new EOFException("the tar archive ends inside an entry");
                }
                remaining -= read;
                return read;
            }

            @Override
            public void close() {
                // The archive stays open for the next entry.
            }
        };
    }

    private byte[] readMeta(long size) throws IOException {
        if (size > MAX_META_BYTES) {
            throw new IOException("the tar archive has a header of " + size + " bytes");
        }
        byte[] data = in.readNBytes((int) size);
        if (data.length < size) {
            throw new EOFException("the tar archive ends inside a header");
        }
        skip((BLOCK - size % BLOCK) % BLOCK);
        return data;
    }

    /** {path, size} of a pax header, each null when absent. */
    private static String[] parsePax(byte[] data) throws IOException {
        String[] values = new String[2];
        int at = 0;
        while (at < data.length) {
            int space = at;
            while (space < data.length && data[space] != ' ') {
                space++;
            }
            int length;
            try {
                length = Integer.parseInt(new String(data, at, space - at, StandardCharsets.US_ASCII));
            } catch (NumberFormatException e) {
                throw new IOException("the tar archive has a malformed extended header", e);
            }
            if (length <= space - at || at + length > data.length) {
                throw new IOException("the tar archive has a malformed extended header");
            }
            String record = new String(data, space + 1, at + length - space - 2, StandardCharsets.UTF_8);
            int equals = record.indexOf('=');
            if (equals > 0) {
                String key = record.substring(0, equals);
                String value = record.substring(equals + 1);
                if (key.equals("path")) {
                    values[0] = value;
                } else if (key.equals("size")) {
                    if (!value.matches("[0-9]{1,18}")) {
                        throw new IOException("the tar archive has a malformed size in an extended header");
                    }
                    values[1] = value;
                }
            }
            at += length;
        }
        return values;
    }

    private static String headerName(byte[] header) {
        String name = cString(header, 0, 100);
        boolean ustar = new String(header, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar && header[345] != 0 ? cString(header, 345, 155) : "";
        // GNU tar keeps other fields where POSIX has the prefix; only POSIX ustar ("ustar\0") has one.
        boolean posix = ustar && header[262] == 0;
        return posix && !prefix.isEmpty() ? prefix + "/" + name : name;
    }

    private static String cString(byte[] data, int offset, int length) {
        int end = offset;
        while (end < offset + length && data[end] != 0) {
            end++;
        }
        return new String(data, offset, end - offset, StandardCharsets.UTF_8);
    }

    /** An octal number, or GNU's base-256 for large ones. */
    private static long number(byte[] header, int offset, int length) throws IOException {
        if ((header[offset] & 0x80) != 0) {
            long value = header[offset] & 0x7f;
            for (int i = 1; i < length; i++) {
                if ((value >>> 55) != 0) {
                    throw new IOException("the tar archive has a number too large to read");
                }
                value = (value << 8) | (header[offset + i] & 0xff);
            }
            return value;
        }
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            byte b = header[i];
            if (b == 0 || b == ' ') {
                if (value != 0 || i > offset && header[i - 1] >= '0') {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7') {
                throw new IOException("not a tar archive: a header holds '" + (char) b + "' where a number belongs");
            }
            value = value * 8 + (b - '0');
        }
        return value;
    }

    private static void verifyChecksum(byte[] header) throws IOException {
        long stored = number(header, 148, 8);
        long sum = 0;
        for (int i = 0; i < BLOCK; i++) {
            sum += i >= 148 && i < 156 ? ' ' : header[i] & 0xff;
        }
        if (sum != stored) {
            throw new IOException("not a tar archive, or a damaged one: a header's checksum does not match");
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private byte[] readBlock() throws IOException {
        byte[] block = in.readNBytes(BLOCK);
        if (block.length == 0) {
            return null;
        }
        if (block.length < BLOCK) {
            throw new EOFException("the tar archive ends inside a header");
        }
        return block;
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        byte[] buffer = new byte[8192];
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("the tar archive ends inside an entry");
            }
            left -= read;
        }
    }
}
