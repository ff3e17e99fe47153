package io.perfgate.demo.booking;

import java.util.concurrent.locks.LockSupport;

/**
 * Makes each response take {@code factor} times its real handling time: after a request was handled in
 * {@code t}, the response waits {@code (factor - 1) * t} more before it is sent. The delay follows
 * the real work, so a request that was slow anyway gets slower by the same share, as code made slower
 * would; waiting instead of burning CPU keeps the other requests' timings honest on a small machine.
 */
final class Slowdown {

    /** Waits for a number of nanoseconds; replaced in tests. */
    interface Pause {
        void nanos(long nanos);
    }

    /** Parks until the time is up; parkNanos may return early, so it parks again for the rest. */
    static final Pause PARK = nanos -> {
        long deadline = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    };

    private final double factor;
    private final Pause pause;

    Slowdown(double factor, Pause pause) {
        if (!(factor >= 1)) {
            throw new IllegalArgumentException("a slowdown factor is at least 1, not " + factor);
        }
        this.factor = factor;
        this.pause = pause;
    }

    static Slowdown of(double factor) {
        return new Slowdown(factor, PARK);
    }

    double factor() {
        return factor;
    }

    /** The extra time for a request handled in {@code handledNanos}. */
    long extraNanos(long handledNanos) {
        return factor == 1 ? 0 : Math.round((factor - 1) * Math.max(0, handledNanos));
    }

    /**
     * Waits the extra time for a request handled in {@code handledNanos}.
     *
     * @return the nanoseconds added
     */
    long stretch(long handledNanos) {
        long extra = extraNanos(handledNanos);
        if (extra > 0) {
            pause.nanos(extra);
        }
        return extra;
    }
}
