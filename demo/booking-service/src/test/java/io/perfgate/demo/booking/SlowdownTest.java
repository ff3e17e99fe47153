package io.perfgate.demo.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlowdownTest {

    @Test
    void shouldWaitTheFactorMinusOneTimesTheHandlingTime() {
        List<Long> pauses = new ArrayList<>();
        Slowdown slowdown = new Slowdown(1.5, pauses::add);

        long added = slowdown.stretch(10_000_000);

        assertThat(added).isEqualTo(5_000_000);
        assertThat(pauses).containsExactly(5_000_000L);
    }

    @Test
    void shouldGrowWithTheRealHandlingTime() {
        Slowdown slowdown = new Slowdown(3, nanos -> { });

        assertThat(slowdown.extraNanos(1_000_000)).isEqualTo(2_000_000);
        assertThat(slowdown.extraNanos(40_000_000)).isEqualTo(80_000_000);
    }

    @Test
    void shouldNotWaitAtAFactorOfOne() {
        List<Long> pauses = new ArrayList<>();

        long added = new Slowdown(1, pauses::add).stretch(10_000_000);

        assertThat(added).isZero();
        assertThat(pauses).isEmpty();
    }

    @Test
    void shouldRefuseToSpeedUp() {
        assertThatThrownBy(() -> new Slowdown(0.5, nanos -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a slowdown factor is at least 1, not 0.5");
    }

    @Test
    void shouldParkAtLeastTheWholeTime() {
        long start = System.nanoTime();

        Slowdown.PARK.nanos(20_000_000);

        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(20_000_000);
    }
}
