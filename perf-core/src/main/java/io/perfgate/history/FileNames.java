package io.perfgate.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Turns projects, branches and run ids into file names that are the same on every file system:
 * lower-case ASCII letters, digits, {@code '.'} and {@code '-'} stay, every other UTF-8 byte becomes
 * {@code %XX} (so {@code Main} and {@code main} stay apart on a case-insensitive disk, and
 * {@code feature/x} stays one folder). A name that would be too long keeps its start and ends in
 * {@code ~} and a SHA-256 prefix of the whole value: names are only compared, never decoded, and the
 * value itself is always inside the file. A leading dot is escaped too, so no name is hidden or special.
 */
final class FileNames {

    /** Leaves room within the usual 255-byte limit for the start time and the extension. */
    static final int MAX_KEY_LENGTH = 160;

    /** Fixed width, so that names sort by start: {@code 20250301T120000.123456Z}. */
    private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSSSSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    static final int START_LENGTH = 23;

    private FileNames() {
    }

    static String key(String value) {
        StringBuilder name = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' && !name.isEmpty()) {
                name.append(c);
            } else {
                name.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        if (name.length() <= MAX_KEY_LENGTH) {
            return name.toString();
        }
        String digest = HexFormat.of().formatHex(sha256(value), 0, 8);
        int keep = MAX_KEY_LENGTH - digest.length() - 1;
        return name.substring(0, keep) + "~" + digest;
    }

    static String start(Instant startedAt) {
        return START.format(startedAt);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
