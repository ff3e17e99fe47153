package io.perfgate.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds ASCII text straight into a byte buffer and hands it to a stream in large blocks, so the
 * generators write gigabytes in seconds: no {@code String.format}, no boxing, no per-line strings.
 */
final class AsciiOut {

    private static final int FLUSH_AT = 1 << 16;

    private final OutputStream out;
    private byte[] buffer = new byte[FLUSH_AT + 4096];
    private int length;
    private long flushed;

    AsciiOut(OutputStream out) {
        this.out = out;
    }

    /** Bytes written so far, flushed or not. */
    long written() {
        return flushed + length;
    }

    AsciiOut text(String ascii) {
        int n = ascii.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buffer[length + i] = (byte) ascii.charAt(i);
        }
        length += n;
        return this;
    }

    AsciiOut bytes(byte[] ascii) {
        ensure(ascii.length);
        System.arraycopy(ascii, 0, buffer, length, ascii.length);
        length += ascii.length;
        return this;
    }

    AsciiOut character(char c) {
        ensure(1);
        buffer[length++] = (byte) c;
        return this;
    }

    /** A whole number in decimal. */
    AsciiOut number(long value) {
        ensure(20);
        if (value < 0) {
            buffer[length++] = '-';
            value = -value;
        }
        if (value == 0) {
            buffer[length++] = '0';
            return this;
        }
        int digits = 0;
        for (long rest = value; rest > 0; rest /= 10) {
            digits++;
        }
        int end = length + digits;
        for (int i = end - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length = end;
        return this;
    }

    /**
     * {@code units / 10^decimals} in plain decimal with trailing zeros dropped, as Go prints a float
     * that was a whole number of nanoseconds divided into milliseconds: {@code 2.354074}, {@code 0},
     * {@code 0.5}, {@code 12}.
     */
    AsciiOut decimal(long units, int decimals) {
        long scale = 1;
        for (int i = 0; i < decimals; i++) {
            scale *= 10;
        }
        if (units < 0) {
            character('-');
            units = -units;
        }
        number(units / scale);
        long fraction = units % scale;
        if (fraction != 0) {
            int digits = decimals;
            while (fraction % 10 == 0) {
                fraction /= 10;
                digits--;
            }
            character('.');
            fixedDigits(fraction, digits);
        }
        return this;
    }

    /** {@code value} in exactly {@code digits} digits, with leading zeros. */
    AsciiOut fixedDigits(long value, int digits) {
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            buffer[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
        return this;
    }

    /** Hands complete lines to the stream once enough have piled up. */
    void lineEnd() throws IOException {
        character('\n');
        if (length >= FLUSH_AT) {
            flush();
        }
    }

    void flush() throws IOException {
        out.write(buffer, 0, length);
        flushed += length;
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            byte[] bigger = new byte[Math.max(buffer.length * 2, length + more)];
            System.arraycopy(buffer, 0, bigger, 0, length);
            buffer = bigger;
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
