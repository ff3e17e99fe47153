package io.perfgate.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small tar.gz archives for the tests, in the ustar layout {@code tar -zcf} uses, including
 * entries no honest k6 archive has: names that leave the folder, links.
 */
public final class TestTar {

    private final List<byte[]> blocks = new ArrayList<>();

    /** A folder entry. */
    public TestTar folder(String name) {
        return entry(name, '5', new byte[0], "", 0755);
    }

    /** A plain file. */
    public TestTar file(String name, byte[] content) {
        return entry(name, '0', content, "", 0755);
    }

    /** A symbolic link to {@code target}. */
    public TestTar symlink(String name, String target) {
        return entry(name, '2', new byte[0], target, 0777);
    }

    /** A hard link to {@code target}. */
    public TestTar hardLink(String name, String target) {
        return entry(name, '1', new byte[0], target, 0644);
    }

    /** An extended (pax) header giving the next entry another path. */
    public TestTar paxPath(String path) {
        String record = " path=" + path + "\n";
        int length = record.length() + 1;
        while (Integer.toString(length).length() + record.length() != length) {
            length = Integer.toString(length).length() + record.length();
        }
        return entry("PaxHeaders/x", 'x', (length + record).getBytes(StandardCharsets.UTF_8), "", 0644);
    }

    private TestTar entry(String name, char type, byte[] content, String link, int mode) {
        byte[] header = new byte[512];
        put(header, 0, 100, name);
        octal(header, 100, 8, mode);
        octal(header, 108, 8, 1000);
        octal(header, 116, 8, 1000);
        octal(header, 124, 12, content.length);
        octal(header, 136, 12, 1_700_000_000L);
        header[156] = (byte) type;
        put(header, 157, 100, link);
        put(header, 257, 6, "ustar");
        put(header, 263, 2, "00");
        put(header, 265, 32, "k6");
        put(header, 297, 32, "k6");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
        blocks.add(header);
        int padded = (content.length + 511) / 512 * 512;
        byte[] data = new byte[padded];
        System.arraycopy(content, 0, data, 0, content.length);
        blocks.add(data);
        return this;
    }

    /** The archive, gzipped. */
    public byte[] gzip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            for (byte[] block : blocks) {
                out.write(block);
            }
            out.write(new byte[1024]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(byte[] header, int offset, int length, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > length) {
            throw new IllegalArgumentException("'" + text + "' does not fit " + length + " bytes");
        }
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String text = String.format("%0" + (length - 1) + "o", value);
        put(header, offset, length - 1, text);
        header[offset + length - 1] = 0;
    }
}
