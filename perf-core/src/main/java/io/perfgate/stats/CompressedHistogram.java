package io.perfgate.stats;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import org.HdrHistogram.DoubleHistogram;

/**
 * A series' value distribution in HdrHistogram's compressed encoding
 * ({@link DoubleHistogram#encodeIntoCompressedByteBuffer}), so that any percentile can be computed
 * again later, not only the ones the report showed. Immutable; equal when the bytes are.
 */
public final class CompressedHistogram {

    /** HdrHistogram's lower bound for the highest-to-lowest value ratio when decoding. */
    private static final long MIN_VALUE_RATIO = 2;

    private final byte[] bytes;

    private CompressedHistogram(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * Takes bytes written by {@link #encode} (or by HdrHistogram directly).
     *
     * @throws IllegalArgumentException when they are not a compressed DoubleHistogram
     */
    public static CompressedHistogram of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        CompressedHistogram histogram = new CompressedHistogram(bytes.clone());
        histogram.decode(); // fail now, not when a trend is drawn months later
        return histogram;
    }

    /**
     * Takes bytes whose integrity is vouched for otherwise (a checksum over the file that holds them), without
     * decoding them now: bytes that are no compressed DoubleHistogram fail {@link #decode()}.
     */
    public static CompressedHistogram wrap(byte[] bytes) {
        return new CompressedHistogram(Objects.requireNonNull(bytes, "bytes").clone());
    }

    /** Encodes a histogram with the best compression; the histogram is not changed. */
    public static CompressedHistogram encode(DoubleHistogram histogram) {
        Objects.requireNonNull(histogram, "histogram");
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_COMPRESSION);
        return new CompressedHistogram(Arrays.copyOf(buffer.array(), length));
    }

    /** A new DoubleHistogram with the encoded counts; each call returns a fresh one. */
    public DoubleHistogram decode() {
        try {
            return DoubleHistogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), MIN_VALUE_RATIO);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("not a compressed HdrHistogram DoubleHistogram ("
                    + bytes.length + " bytes): " + e.getMessage(), e);
        }
    }

    /** A copy of the encoded bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CompressedHistogram histogram && Arrays.equals(bytes, histogram.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CompressedHistogram[" + bytes.length + " bytes]";
    }
}
