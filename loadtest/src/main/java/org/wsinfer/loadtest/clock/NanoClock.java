package org.wsinfer.loadtest.clock;

/** A monotonic nanosecond clock that can also wait, so tests can run the driver on a fake clock. */
public interface NanoClock {
    /** The current monotonic time in nanoseconds (as {@link System#nanoTime()}). */
    long nanoTime();

    /** The current wall-clock time in nanoseconds since the epoch. */
    long epochNanos();

    /** Blocks until {@link #nanoTime()} has reached {@code deadlineNs} (returns at once if it has). */
    void parkUntil(long deadlineNs);

    /** The real clock: {@link System#nanoTime()}, {@link System#currentTimeMillis()} and {@code parkNanos}. */
    static NanoClock system() {
        return SystemNanoClock.INSTANCE;
    }
}
