package org.wsinfer.loadtest.clock;

import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The real clock: {@code System.nanoTime()} for intervals, {@code Instant.now()} for wall time. Waits park until
 * {@link #SPIN_NS} before the deadline (Linux wakes a parked thread up to its 50 us timer slack late), then spin.
 */
final class SystemNanoClock implements NanoClock {
    static final SystemNanoClock INSTANCE = new SystemNanoClock();
    /** The last stretch of a wait is spun, not parked. */
    static final long SPIN_NS = 60_000L;

    private SystemNanoClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public void parkUntil(long deadlineNs) {
        long remaining;
        while ((remaining = deadlineNs - System.nanoTime()) > SPIN_NS) {
            LockSupport.parkNanos(remaining - SPIN_NS);
        }
        while (deadlineNs - System.nanoTime() > 0) {
            Thread.onSpinWait();
        }
    }
}
