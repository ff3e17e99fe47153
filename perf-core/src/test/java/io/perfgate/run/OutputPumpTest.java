package io.perfgate.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputPumpTest {

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    private OutputPump pump(InputStream stream, int tailSize) {
        OutputPump pump = OutputPump.start(stream, lines::add, tailSize, "test");
        assertThat(pump.drain(Duration.ofSeconds(30))).isTrue();
        return pump;
    }

    /** Hands out at most {@code step} bytes per read, so line ends fall across reads. */
    private static InputStream inSteps(byte[] bytes, int step) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, step));
            }
        };
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 1 << 16})
    void shouldEndLinesAtNewlineCarriageReturnOrBothAsBufferedReaderDoes(int step) {
        byte[] text = "one\ntwo\r\nthree\rfour\r\rsix\n\nlast".getBytes(StandardCharsets.UTF_8);

        pump(inSteps(text, step), 0);

        assertThat(lines).containsExactly("one", "two", "three", "four", "", "six", "", "last");
    }

    @Test
    void shouldCutALineOverTheLimitSayHowMuchWasLeftOutAndReadOnToTheNextLine() {
        byte[] huge = new byte[OutputPump.MAX_LINE_BYTES + 1_000_000];
        Arrays.fill(huge, (byte) 'x');
        byte[] text = concat(huge, "\nnext line\n".getBytes(StandardCharsets.UTF_8));

        pump(inSteps(text, 8191), 0);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("xxxx").endsWith("x [… 1,000,000 more bytes of this line not shown]")
                .hasSize(OutputPump.MAX_LINE_BYTES + " [… 1,000,000 more bytes of this line not shown]".length());
        assertThat(lines.get(1)).isEqualTo("next line");
    }

    @Test
    void shouldNotCutACharacterInTwo() {
        // 'é' is two bytes: the limit falls between them
        byte[] text = ("x" + "é".repeat(OutputPump.MAX_LINE_BYTES / 2) + "\n").getBytes(StandardCharsets.UTF_8);

        pump(new ByteArrayInputStream(text), 0);

        assertThat(lines.get(0)).startsWith("xé").doesNotContain("\uFFFD")
                .endsWith("é [… 2 more bytes of this line not shown]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "é", "€", "😀"})
    void shouldKeepWholeCharactersOnlyWhenCuttingBytes(String character) {
        byte[] bytes = ("ab" + character).getBytes(StandardCharsets.UTF_8);

        for (int length = 2; length < bytes.length; length++) {
            assertThat(OutputPump.wholeCharacters(bytes, length)).as("cut at %d", length).isEqualTo(2);
        }
        assertThat(OutputPump.wholeCharacters(bytes, bytes.length)).isEqualTo(bytes.length);
        assertThat(OutputPump.wholeCharacters(bytes, 0)).isZero();
    }

    @Test
    void shouldKeepTheLastLinesForTheTail() {
        OutputPump pump = pump(new ByteArrayInputStream("1\n2\n3\n4\n5".getBytes(StandardCharsets.UTF_8)), 3);

        assertThat(pump.tail()).containsExactly("3", "4", "5");
    }

    @Test
    void shouldDrainTheWholeStreamWhenTheConsumerFailsAndSaySoAfterwards() {
        byte[] text = "first\nsecond\nthird\n".getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream stream = new ByteArrayInputStream(text);
        List<String> seen = new ArrayList<>();
        OutputPump pump = OutputPump.start(stream, line -> {
            seen.add(line);
            throw new IllegalStateException("log closed");
        }, 2, "test");

        assertThat(pump.drain(Duration.ofSeconds(30))).isTrue();

        assertThat(stream.available()).isZero();
        assertThat(seen).containsExactly("first");
        assertThat(pump.tail()).containsExactly("second", "third");
        assertThatThrownBy(pump::rethrowConsumerFailure).isInstanceOf(K6RunException.class)
                .hasMessage("could not pass on k6's output: java.lang.IllegalStateException: log closed");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
