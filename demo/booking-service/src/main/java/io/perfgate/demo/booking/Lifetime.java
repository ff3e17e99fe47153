package io.perfgate.demo.booking;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * When the service stops by itself, so that no demo process outlives the build that started it: after
 * {@code idleTimeout} without a request (none in progress either), after {@code maxLifetime} in any
 * case, when a watched process ends (the Maven build), or on a stop request. The first reason wins and
 * is what {@link #stopped()} completes with.
 */
final class Lifetime implements AutoCloseable {

    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final LongSupplier nanoTime;
    private final long startedAt;
    private final CompletableFuture<String> stopped = new CompletableFuture<>();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "booking-service-lifetime");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long lastActivity;

    Lifetime(Duration idleTimeout, Duration maxLifetime, LongSupplier nanoTime) {
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime");
        this.nanoTime = nanoTime;
        this.startedAt = nanoTime.getAsLong();
        this.lastActivity = startedAt;
    }

    /** A lifetime on the system clock, checked every {@code checkEvery}. */
    static Lifetime start(Duration idleTimeout, Duration maxLifetime, Duration checkEvery) {
        Lifetime lifetime = new Lifetime(idleTimeout, maxLifetime, System::nanoTime);
        long period = Math.max(1, checkEvery.toMillis());
        lifetime.timer.scheduleWithFixedDelay(lifetime::check, period, period, TimeUnit.MILLISECONDS);
        return lifetime;
    }

    /** A request came in. */
    void requestStarted() {
        inProgress.incrementAndGet();
        lastActivity = nanoTime.getAsLong();
    }

    /** A request was answered. */
    void requestEnded() {
        lastActivity = nanoTime.getAsLong();
        inProgress.decrementAndGet();
    }

    /** Stops when {@code process} ends, e.g. the build that started the service. */
    void stopWhenEnded(ProcessHandle process, String what) {
        process.onExit().thenRun(() -> stop(what + " (process " + process.pid() + ") ended"));
    }

    /** Stops for {@code reason}, unless an earlier reason already stopped it. */
    void stop(String reason) {
        stopped.complete(reason);
    }

    /** Completes with the reason the service should stop. */
    CompletionStage<String> stopped() {
        return stopped;
    }

    boolean isStopped() {
        return stopped.isDone();
    }

    /** Stops when a limit has passed; called by the timer, and by tests with their own clock. */
    void check() {
        long now = nanoTime.getAsLong();
        if (now - startedAt >= maxLifetime.toNanos()) {
            stop("it ran for its maximum lifetime of " + text(maxLifetime) + " (demo.maxLifetime)");
        } else if (inProgress.get() == 0 && now - lastActivity >= idleTimeout.toNanos()) {
            stop("no request came for " + text(idleTimeout) + " (demo.idleTimeout)");
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private static String text(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) {
            return millis / 60_000 + " min";
        }
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
