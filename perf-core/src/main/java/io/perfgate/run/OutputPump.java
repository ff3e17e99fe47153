package io.perfgate.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Reads one output stream of k6 on its own thread and passes it on line by line ({@code \n}, {@code \r}
 * or {@code \r\n} end a line), in memory bounded by bytes: a line longer than {@link #MAX_LINE_BYTES}
 * is passed on cut, saying so, while the rest of it is read and dropped. The stream is read to its end
 * whatever happens to the lines, so k6 never blocks on a full pipe nor dies of a closed one (SIGPIPE).
 */
final class OutputPump implements Runnable {

    /** 64 kB: more than a log line shows usefully; k6's own lines are far shorter. */
    static final int MAX_LINE_BYTES = 64 << 10;

    private static final int CHUNK_BYTES = 1 << 16;

    private final InputStream stream;
    private final Consumer<String> consumer;
    private final int tailSize;
    private final Deque<String> tail = new ArrayDeque<>();
    private final Thread thread;
    private final byte[] line = new byte[MAX_LINE_BYTES];
    private int lineLength;
    private long droppedBytes;
    private boolean afterCarriageReturn;
    private volatile Throwable consumerFailure;

    private OutputPump(InputStream stream, Consumer<String> consumer, int tailSize, String name) {
        this.stream = stream;
        this.consumer = consumer;
        this.tailSize = tailSize;
        this.thread = new Thread(this, name);
        // A process that keeps the pipe open must not keep the build alive.
        thread.setDaemon(true);
    }

    /**
     * @param tailSize how many of the last lines to keep for {@link #tail()}
     */
    static OutputPump start(InputStream stream, Consumer<String> consumer, int tailSize, String name) {
        OutputPump pump = new OutputPump(stream, consumer, tailSize, name);
        pump.thread.start();
        return pump;
    }

    @Override
    public void run() {
        byte[] chunk = new byte[CHUNK_BYTES];
        try (stream) {
            int read;
            while ((read = stream.read(chunk)) >= 0) {
                take(chunk, read);
            }
        } catch (IOException e) {
            // The stream closed under us; what was read is passed on below.
        }
        if (lineLength > 0 || droppedBytes > 0) {
            endLine();
        }
    }

    private void take(byte[] chunk, int length) {
        int start = 0;
        for (int i = 0; i < length; i++) {
            byte b = chunk[i];
            if (b != '\n' && b != '\r') {
                continue;
            }
            if (b == '\n' && afterCarriageReturn && i == start) {
                // The \n of \r\n: the line ended at the \r.
                afterCarriageReturn = false;
                start = i + 1;
                continue;
            }
            append(chunk, start, i);
            endLine();
            afterCarriageReturn = b == '\r';
            start = i + 1;
        }
        if (start < length) {
            afterCarriageReturn = false;
            append(chunk, start, length);
        }
    }

    /** Keeps what fits of bytes[from, to) and counts the rest. */
    private void append(byte[] bytes, int from, int to) {
        int kept = Math.min(to - from, MAX_LINE_BYTES - lineLength);
        System.arraycopy(bytes, from, line, lineLength, kept);
        lineLength += kept;
        droppedBytes += to - from - kept;
    }

    private void endLine() {
        String text;
        if (droppedBytes == 0) {
            text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
        } else {
            int shown = wholeCharacters(line, lineLength);
            long notShown = droppedBytes + lineLength - shown;
            text = new String(line, 0, shown, StandardCharsets.UTF_8) + String.format(Locale.ROOT,
                    " [… %,d more %s of this line not shown]", notShown, notShown == 1 ? "byte" : "bytes");
        }
        lineLength = 0;
        droppedBytes = 0;
        remember(text);
        deliver(text);
    }

    /** The length of bytes[0, length) without a UTF-8 sequence cut off at its end. */
    static int wholeCharacters(byte[] bytes, int length) {
        // The lead byte of the last sequence: back over at most three continuation bytes (10xxxxxx).
        int lead = length - 1;
        while (lead > 0 && length - lead < 4 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
        }
        if (lead < 0) {
            return 0;
        }
        int first = bytes[lead] & 0xFF;
        int sequence = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
        return lead + sequence > length ? lead : length;
    }

    private void remember(String text) {
        if (tailSize == 0) {
            return;
        }
        synchronized (tail) {
            if (tail.size() == tailSize) {
                tail.removeFirst();
            }
            tail.addLast(text);
        }
    }

    private void deliver(String text) {
        if (consumerFailure != null) {
            return;
        }
        try {
            consumer.accept(text);
        } catch (RuntimeException | Error e) {
            // Keep reading: k6 blocks once a pipe is full, so the stream must be drained regardless.
            consumerFailure = e;
        }
    }

    /**
     * Waits until the stream has been read to its end, but not longer than {@code timeout}.
     *
     * @return whether the stream ended
     */
    boolean drain(Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** @throws K6RunException when the consumer failed on a line; the stream was drained regardless */
    void rethrowConsumerFailure() {
        Throwable failure = consumerFailure;
        if (failure != null) {
            throw new K6RunException("could not pass on k6's output: " + failure, failure);
        }
    }
}
