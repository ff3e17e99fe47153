package io.perfgate.demo.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LifetimeTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final Lifetime lifetime = new Lifetime(Duration.ofSeconds(10), Duration.ofMinutes(5), now::get);

    @Test
    void shouldStopAfterTheIdleTimeWithoutARequest() {
        advance(Duration.ofSeconds(9));
        lifetime.check();
        assertThat(lifetime.isStopped()).isFalse();

        advance(Duration.ofSeconds(1));
        lifetime.check();

        assertThat(reason()).isEqualTo("no request came for 10 s (demo.idleTimeout)");
    }

    @Test
    void shouldCountIdleTimeFromTheLastRequest() {
        advance(Duration.ofSeconds(8));
        lifetime.requestStarted();
        lifetime.requestEnded();
        advance(Duration.ofSeconds(8));
        lifetime.check();

        assertThat(lifetime.isStopped()).isFalse();
    }

    @Test
    void shouldNotCallARequestInProgressIdle() {
        lifetime.requestStarted();
        advance(Duration.ofSeconds(30));
        lifetime.check();

        assertThat(lifetime.isStopped()).isFalse();
    }

    @Test
    void shouldStopAfterTheMaximumLifetimeEvenWhenBusy() {
        for (int minute = 0; minute < 5; minute++) {
            advance(Duration.ofSeconds(59));
            lifetime.requestStarted();
            lifetime.requestEnded();
            lifetime.check();
        }
        assertThat(lifetime.isStopped()).isFalse();

        advance(Duration.ofSeconds(5));
        lifetime.check();

        assertThat(reason()).isEqualTo("it ran for its maximum lifetime of 5 min (demo.maxLifetime)");
    }

    @Test
    void shouldKeepTheFirstReason() {
        lifetime.stop("a stop request came");
        advance(Duration.ofMinutes(10));
        lifetime.check();

        assertThat(reason()).isEqualTo("a stop request came");
    }

    @Test
    void shouldStopWhenTheWatchedProcessEnds() throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();

        lifetime.stopWhenEnded(process.toHandle(), "the build");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(lifetime.stopped().toCompletableFuture().get(10, TimeUnit.SECONDS))
                .isEqualTo("the build (process " + process.pid() + ") ended");
    }

    @Test
    void shouldCheckItsLimitsByItselfOnceStarted() throws Exception {
        try (Lifetime started = Lifetime.start(Duration.ofMillis(200), Duration.ofMinutes(1), Duration.ofMillis(20))) {
            assertThat(started.stopped().toCompletableFuture().get(10, TimeUnit.SECONDS))
                    .isEqualTo("no request came for 200 ms (demo.idleTimeout)");
        }
    }

    private void advance(Duration duration) {
        now.addAndGet(duration.toNanos());
    }

    private String reason() {
        assertThat(lifetime.isStopped()).isTrue();
        return lifetime.stopped().toCompletableFuture().join();
    }
}
