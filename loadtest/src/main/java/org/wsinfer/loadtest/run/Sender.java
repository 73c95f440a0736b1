package org.wsinfer.loadtest.run;

import io.netty.channel.Channel;
import java.util.List;
import org.wsinfer.loadtest.client.WsConnection;
import org.wsinfer.loadtest.clock.NanoClock;
import org.wsinfer.loadtest.payload.PayloadPool;
import org.wsinfer.loadtest.record.Counters;
import org.wsinfer.loadtest.schedule.Schedule;

/**
 * The open-loop sender: parks until each request's intended time and hands it to the next connection
 * (round-robin), whatever the server is doing. A late request goes out at once with its original intended time;
 * none is ever skipped. Writes due together are flushed together.
 */
final class Sender {
    private static final int FLUSH_EVERY = 32;

    private final NanoClock clock;
    private final Schedule schedule;
    private final PayloadPool pool;
    private final List<WsConnection> connections;
    private final RequestTracker tracker;
    private final Counters counters;
    private final int[] unflushed;

    Sender(NanoClock clock, Schedule schedule, PayloadPool pool, List<WsConnection> connections,
           RequestTracker tracker, Counters counters) {
        this.clock = clock;
        this.schedule = schedule;
        this.pool = pool;
        this.connections = connections;
        this.tracker = tracker;
        this.counters = counters;
        this.unflushed = new int[connections.size()];
    }

    /**
     * Sends every request the schedule puts in {@code [0, warmupNs + durationNs)} after {@code startNs}; those
     * before {@code warmupNs} are warm-up. Returns the number of requests issued (warm-up included).
     */
    long run(long startNs, long warmupNs, long durationNs) {
        long endOffsetNs = warmupNs + durationNs;
        long k = 0;
        while (!Thread.currentThread().isInterrupted()) {
            long offsetNs = schedule.nextOffsetNs();
            if (offsetNs >= endOffsetNs) {
                break;
            }
            long intendedNs = startNs + offsetNs;
            if (intendedNs - clock.nanoTime() > 0) {
                flushAll();
                clock.parkUntil(intendedNs);
            }
            dispatch(k, intendedNs, offsetNs < warmupNs);
            k++;
        }
        flushAll();
        return k;
    }

    private void dispatch(long k, long intendedNs, boolean warmup) {
        if (warmup) {
            counters.warmupSent.increment();
        } else {
            counters.sent.increment();
        }
        int payload = (int) (k % pool.size());
        WsConnection c = pick(k);
        Pending p = new Pending(k + 1, intendedNs, payload, pool.template(payload), warmup, c, tracker);
        if (c == null) {
            tracker.lostUnsent(p);
            return;
        }
        tracker.register(p);
        Channel ch = c.channel();
        ch.write(p, ch.newPromise().addListener(p));
        if (++unflushed[c.index()] >= FLUSH_EVERY) {
            ch.flush();
            unflushed[c.index()] = 0;
        }
    }

    private WsConnection pick(long k) {
        int n = connections.size();
        int first = (int) (k % n);
        for (int i = 0; i < n; i++) {
            WsConnection c = connections.get((first + i) % n);
            if (c.isActive()) {
                return c;
            }
        }
        return null;
    }

    private void flushAll() {
        for (int i = 0; i < unflushed.length; i++) {
            if (unflushed[i] > 0) {
                connections.get(i).channel().flush();
                unflushed[i] = 0;
            }
        }
    }
}
