package org.wsinfer.loadtest.run;

import org.wsinfer.loadtest.clock.NanoClock;

/** A clock that only moves when parked on or advanced: parking jumps straight to the deadline. */
final class FakeClock implements NanoClock {
    long nowNs;
    int parks;

    @Override
    public long nanoTime() {
        return nowNs;
    }

    @Override
    public long epochNanos() {
        return 1_800_000_000_000_000_000L + nowNs;
    }

    @Override
    public void parkUntil(long deadlineNs) {
        parks++;
        if (deadlineNs > nowNs) {
            nowNs = deadlineNs;
        }
    }

    void advance(long ns) {
        nowNs += ns;
    }
}
